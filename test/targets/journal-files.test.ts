// Journal files in the XDG state directory: where they go, finding the unfinished ones,
// resuming one from another process.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isFinished, isRunLive, Journal, journalPath, listJournals, readJournal, removeJournalIfFinished, stateDir } from '../../src/runner/journal.js';

const meta = (runId: string, startedAt = '2026-01-01T00:00:00.000Z') => ({
  runId,
  lab: 'cross-account',
  target: 'aws',
  prefix: runId.split('-').slice(0, 2).join('-'),
  accounts: { source: '111111111111' },
  startedAt,
});

describe('journal files', () => {
  it('live in $XDG_STATE_HOME/lab/runs, else ~/.local/state/lab/runs; a relative XDG_STATE_HOME is ignored', () => {
    assert.equal(stateDir({ XDG_STATE_HOME: '/x/state', HOME: '/home/u' }), '/x/state/lab/runs');
    assert.equal(stateDir({ HOME: '/home/u' }), '/home/u/.local/state/lab/runs');
    assert.equal(stateDir({ XDG_STATE_HOME: 'rel/state', HOME: '/home/u' }), '/home/u/.local/state/lab/runs');
    assert.equal(stateDir({}), join(homedir(), '.local/state/lab/runs'));
    assert.equal(journalPath('lab-abcde-m1', '/d'), '/d/lab-abcde-m1.json');
    assert.throws(() => journalPath('../etc/passwd', '/d'), RangeError);
    assert.throws(() => journalPath('a/b', '/d'), RangeError);
  });

  it('are private to their owner and record the process that wrote them', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'lab-j-')), 'runs');
    const file = journalPath('lab-priv-1', dir);
    new Journal(meta('lab-priv-1'), file);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    const data = readJournal(file);
    assert.equal(data.pid, process.pid);
    assert.equal(isRunLive(data), false, 'this process is not "another live run"');
  });

  it('lists unfinished and finished runs; finished ones can be removed, unfinished ones stay', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-j-'));
    const done = new Journal(meta('lab-done-1', '2026-01-02T00:00:00.000Z'), journalPath('lab-done-1', dir));
    const e1 = done.begin('source', 'iam:CreateUser', { UserName: 'lab-done-u' });
    done.complete(e1, [{ account: 'source', call: 'iam:DeleteUser', input: { UserName: 'lab-done-u' }, undoes: 'iam:CreateUser' }]);
    done.markUndone(e1);
    const failed = done.begin('source', 'iam:CreateRole', { RoleName: 'lab-done-r' });
    done.fail(failed);
    const open = new Journal(meta('lab-open-1', '2026-01-01T00:00:00.000Z'), journalPath('lab-open-1', dir));
    open.begin('source', 'iam:CreateRole', { RoleName: 'lab-open-r' });
    writeFileSync(join(dir, 'junk.json'), '{"not": "a journal"}');

    const list = listJournals(dir);
    // Oldest run first; an unreadable file (no start time) before them.
    assert.deepEqual(list.map((l) => l.data?.runId ?? 'error'), ['error', 'lab-open-1', 'lab-done-1']);
    assert.match(list.find((l) => l.error)!.error!, /not a lab journal/);
    assert.equal(isFinished(list.find((l) => l.data?.runId === 'lab-done-1')!.data!), true);
    assert.equal(isFinished(list.find((l) => l.data?.runId === 'lab-open-1')!.data!), false, 'a pending create is unfinished');

    assert.equal(removeJournalIfFinished(journalPath('lab-open-1', dir)), false);
    assert.equal(removeJournalIfFinished(journalPath('lab-done-1', dir)), true);
    assert.ok(!existsSync(journalPath('lab-done-1', dir)));
    assert.deepEqual(listJournals(join(dir, 'missing')), []);
  });

  it('Journal.open resumes: same entries and numbering, the original pid kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab-j-'));
    const file = journalPath('lab-resu-1', dir);
    // Written by another process that then died.
    const child = spawnSync(process.execPath, [
      '--input-type=module',
      '-e',
      `import { Journal } from ${JSON.stringify(new URL('../../src/runner/journal.js', import.meta.url).href)};
       const j = new Journal(${JSON.stringify(meta('lab-resu-1'))}, ${JSON.stringify(file)});
       const a = j.begin('source', 'iam:CreateUser', { UserName: 'lab-resu-u' });
       j.complete(a, [{ account: 'source', call: 'iam:DeleteUser', input: { UserName: 'lab-resu-u' }, undoes: 'iam:CreateUser' }]);
       j.begin('source', 'iam:CreateAccessKey', { UserName: 'lab-resu-u' });
       console.log(process.pid);`,
    ]);
    assert.equal(child.status, 0, String(child.stderr));
    const childPid = Number(String(child.stdout).trim());
    const j = Journal.open(file);
    assert.equal(j.data.pid, childPid);
    assert.equal(isRunLive(j.data), false, 'the writer has exited');
    assert.deepEqual(j.unfinished().map((e) => [e.seq, e.state]), [
      [2, 'pending'],
      [1, 'created'],
    ]);
    j.markUndone(j.unfinished()[0]!);
    const next = j.begin('source', 'iam:CreateRole', { RoleName: 'x' });
    assert.equal(next.seq, 3);
    assert.equal(JSON.parse(readFileSync(file, 'utf8')).entries[1].state, 'undone');
  });
});
