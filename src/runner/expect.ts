// Compare what happened with what the lab expects. Returns the problems as sentences a
// learner can read; no problems means the expectation was met.
import jmespath from 'jmespath';
import type { Expectation, Matcher } from '../lab/types.js';
import type { Outcome } from './types.js';

export function matches(m: Matcher, actual: unknown): boolean {
  switch (m.kind) {
    case 'equals':
      return deepEqual(m.value, actual);
    case 'substring':
      return typeof actual === 'string' ? actual.includes(m.text) : String(actual) === m.text;
    case 'regex':
      return new RegExp(m.source, m.flags).test(typeof actual === 'string' ? actual : JSON.stringify(actual));
  }
}

export function describeMatcher(m: Matcher): string {
  switch (m.kind) {
    case 'equals':
      return JSON.stringify(m.value);
    case 'substring':
      return `text containing ${JSON.stringify(m.text)}`;
    case 'regex':
      return `/${m.source}/${m.flags}`;
  }
}

export function checkOutcome(expect: Expectation, o: Outcome, isRun: boolean): string[] {
  const problems: string[] = [];
  if (isRun) {
    const wantExit = expect.exitCode ?? (expect.success ? 0 : undefined);
    if (wantExit !== undefined && o.exitCode !== wantExit) {
      problems.push(`expected exit code ${wantExit}, got ${o.exitCode}`);
    } else if (wantExit === undefined && o.exitCode === 0) {
      problems.push('expected the command to fail, but it exited 0');
    }
    if (expect.error?.length) {
      const text = `${o.stderr ?? ''}\n${o.stdout ?? ''}`;
      if (!expect.error.some((code) => text.includes(code))) {
        problems.push(`expected error ${expect.error.join(' or ')} in the command's output`);
      }
    }
    if (expect.message && !matches(expect.message, `${o.stderr ?? ''}\n${o.stdout ?? ''}`)) {
      problems.push(`expected output with ${describeMatcher(expect.message)}`);
    }
    if (expect.stdout && !matches(expect.stdout, o.stdout ?? '')) {
      problems.push(`expected stdout with ${describeMatcher(expect.stdout)}`);
    }
    if (expect.stderr && !matches(expect.stderr, o.stderr ?? '')) {
      problems.push(`expected stderr with ${describeMatcher(expect.stderr)}`);
    }
    if (expect.output) problems.push(...checkOutput(expect.output, parseJson(o.stdout)));
    return problems;
  }
  if (expect.success) {
    if (!o.ok) {
      problems.push(`expected success, got ${o.error?.code}: ${o.error?.message}`);
      return problems;
    }
  } else {
    if (o.ok) {
      problems.push(`expected ${expect.error?.join(' or ') ?? 'an error'}, but the call succeeded`);
      return problems;
    }
    if (expect.error?.length && !expect.error.includes(o.error?.code ?? '')) {
      problems.push(`expected ${expect.error.join(' or ')}, got ${o.error?.code}: ${o.error?.message}`);
    }
    if (expect.message && !matches(expect.message, o.error?.message ?? '')) {
      problems.push(`expected a message with ${describeMatcher(expect.message)}, got: ${o.error?.message}`);
    }
  }
  if (expect.output) problems.push(...checkOutput(expect.output, o.output ?? {}));
  return problems;
}

function checkOutput(want: Record<string, Matcher>, output: unknown): string[] {
  const problems: string[] = [];
  for (const [path, m] of Object.entries(want)) {
    let actual: unknown;
    try {
      actual = jmespath.search(output, path);
    } catch (e) {
      problems.push(`output path ${path} is not valid JMESPath: ${(e as Error).message}`);
      continue;
    }
    if (!matches(m, actual)) {
      problems.push(`expected ${path} to be ${describeMatcher(m)}, got ${JSON.stringify(actual)}`);
    }
  }
  return problems;
}

function parseJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return {};
  }
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // YAML gives numbers where the SDK may give strings (and the reverse): compare as text.
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return a !== undefined && b !== undefined && a !== null && b !== null && String(a) === String(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
