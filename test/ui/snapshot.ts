// Snapshot files for output tests: committed under test/ui/snapshots/, compared as text.
// UPDATE_SNAPSHOTS=1 rewrites them (then review the diff); a missing one fails the test.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SNAPSHOTS = fileURLToPath(new URL('../../../test/ui/snapshots/', import.meta.url));
export const UI_FIXTURES = fileURLToPath(new URL('../../../test/ui/fixtures/', import.meta.url));

export function matchSnapshot(name: string, actual: string): void {
  const file = join(SNAPSHOTS, `${name}.txt`);
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `no snapshot ${file}: run the tests with UPDATE_SNAPSHOTS=1 to create it, then review it`);
  assert.equal(actual, readFileSync(file, 'utf8'), `output differs from ${file} (UPDATE_SNAPSHOTS=1 to accept the change)`);
}

/** Escape sequences made visible, so a snapshot of styled text can be read and diffed. */
export function showEscapes(s: string): string {
  return s.replace(/\x1b\[([0-9;]*)m/g, '⟨$1⟩');
}

/** What changes from run to run: durations, prefixes, ids, dates, ports. */
export function normalise(s: string): string {
  return s
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<date>')
    .replace(/\b\d+ ms\b/g, 'N ms')
    .replace(/\b\d+(\.\d+)? s\b/g, 'N s')
    .replace(/\b\d+:\d\d\b(?! )/g, 'M:SS')
    // Masked secrets keep four random characters.
    .replace(/\b[A-Za-z0-9/+]{4}…/g, 'XXXX…')
    .replace(/\b(AKIA|ASIA|AIDA|AROA|ANPA)[A-Z0-9]{12,}/g, '$1…')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<request-id>')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
    .replace(/\blab-[a-z0-9]{5}\b/g, 'lab-<prefix>');
}
