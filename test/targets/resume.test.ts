// Cleanup of a journal left by an earlier process, against the embedded mock over HTTP:
// created entries undone, pending entries (the create may or may not have happened) undone
// from their input alone, and nothing deleted that is not the run's.
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { callAws, closeClients, inverseOf, type Credentials } from '../../src/aws/index.js';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { Journal, journalPath } from '../../src/runner/journal.js';
import { resumeCleanup, type Operator } from '../../src/runner/resume.js';
import { withRunTag } from '../../src/targets/aws-tags.js';

describe('resumeCleanup', () => {
  let mock: RunningMock;
  let admin: Credentials;
  let operators: Map<string, Operator>;
  const dir = mkdtempSync(join(tmpdir(), 'lab-resume-'));
  const target = () => ({ region: mock.region, endpoint: mock.endpoint });

  before(async () => {
    mock = await startMock({ accounts: ['source', 'target'] });
    const a = mock.accounts[0]!;
    admin = { accessKeyId: a.admin.accessKeyId, secretAccessKey: a.admin.secretAccessKey };
    operators = new Map([[a.id, { creds: admin, arn: a.admin.arn }]]);
  });
  after(async () => {
    await closeClients();
    await mock.close();
  });

  const journal = (runId: string) =>
    new Journal(
      { runId, lab: 't', target: 'aws', prefix: runId.replace(/-run$/, ''), accounts: { source: mock.accounts[0]!.id }, startedAt: new Date().toISOString() },
      journalPath(runId, dir),
    );

  /** Journals a create, sends it, and completes the entry (or leaves it pending, as a process
   * killed between sending and hearing back would). */
  async function create(j: Journal, call: string, input: Record<string, unknown>, opts: { complete: boolean; send?: boolean }) {
    const tagged = withRunTag(call, input, j.data.runId);
    const entry = j.begin('source', call, tagged);
    if (opts.send === false) return;
    const r = await callAws(call, tagged, admin, target());
    assert.ok(r.ok, `${call}: ${!r.ok && r.error.code}`);
    if (opts.complete) j.complete(entry, inverseOf(call, tagged, r.output)!.map((c) => ({ account: 'source', ...c, undoes: call })));
  }

  const iam = () => mock.inventory().accounts[0]!.iam;
  const trust = () => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: mock.accounts[0]!.id }, Action: 'sts:AssumeRole' }] });

  it('undoes created entries newest first, and pending ones from their input alone', async () => {
    const before = mock.inventory();
    const j = journal('lab-res1-run');
    await create(j, 'iam:CreateUser', { UserName: 'lab-res1-u' }, { complete: true });
    await create(j, 'iam:CreateAccessKey', { UserName: 'lab-res1-u' }, { complete: false });
    await create(j, 'iam:CreatePolicy', { PolicyName: 'lab-res1-p', Path: '/labs/', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] } }, { complete: false });
    const policyArn = `arn:aws:iam::${mock.accounts[0]!.id}:policy/labs/lab-res1-p`;
    await create(j, 'iam:AttachUserPolicy', { UserName: 'lab-res1-u', PolicyArn: policyArn }, { complete: false });
    await create(j, 'iam:CreateRole', { RoleName: 'lab-res1-r', AssumeRolePolicyDocument: trust() }, { complete: false });
    await create(j, 'iam:CreateGroup', { GroupName: 'lab-res1-g' }, { complete: false, send: false });
    assert.notDeepEqual(mock.inventory(), before);

    const seen: string[] = [];
    const r = await resumeCleanup(Journal.open(journalPath('lab-res1-run', dir)), { target: target(), operators, onItem: (i) => seen.push(`${i.call ?? i.entry.call}${i.alreadyGone ? ' (gone)' : ''}`) });
    assert.deepEqual(r.results.filter((x) => !x.ok).map((x) => x.refused ?? x.error?.code), []);
    assert.equal(r.finished, true);
    assert.deepEqual(seen, [
      'iam:DeleteGroup (gone)', // never sent: its inverse finds nothing
      'iam:DeleteRole',
      'iam:DetachUserPolicy',
      'iam:DeletePolicy', // ARN derived from account, path and name
      'iam:DeleteAccessKey', // key id found by listing the user's keys
      'iam:DeleteUser',
    ]);
    assert.deepEqual(mock.inventory(), before, 'the account is exactly as before');
    assert.equal(Journal.open(journalPath('lab-res1-run', dir)).unfinished().length, 0);
  });

  it('a pending tagged create whose resource belongs to another run is left alone', async () => {
    // Another run (same name, e.g. a reused --prefix) made the role; this run's CreateRole
    // then failed with EntityAlreadyExists, but died before journalling that.
    const other = withRunTag('iam:CreateRole', { RoleName: 'lab-res2-r', AssumeRolePolicyDocument: trust() }, 'lab-res2-earlier');
    const made = await callAws('iam:CreateRole', other, admin, target());
    assert.ok(made.ok, !made.ok ? made.error.message : '');
    const j = journal('lab-res2-run');
    await create(j, 'iam:CreateRole', { RoleName: 'lab-res2-r', AssumeRolePolicyDocument: trust() }, { complete: false, send: false });
    const r = await resumeCleanup(j, { target: target(), operators });
    assert.equal(r.finished, false);
    assert.match(r.results[0]!.refused!, /not created by this run \(lab:run=lab-res2-earlier\)/);
    assert.ok(iam().roles.some((x) => x.includes('lab-res2-r')), 'the role is still there');
    assert.ok((await callAws('iam:DeleteRole', { RoleName: 'lab-res2-r' }, admin, target())).ok);
  });

  it('an edited journal cannot delete what is not named with its prefix', async () => {
    assert.ok((await callAws('iam:CreateUser', { UserName: 'precious' }, admin, target())).ok);
    const j = journal('lab-res3-run');
    const e = j.begin('source', 'iam:CreateUser', { UserName: 'lab-res3-u' });
    j.complete(e, [{ account: 'source', call: 'iam:DeleteUser', input: { UserName: 'precious' }, undoes: 'iam:CreateUser' }]);
    const r = await resumeCleanup(j, { target: target(), operators });
    assert.equal(r.finished, false);
    assert.match(r.results[0]!.refused!, /"precious" is not named with the run's prefix "lab-res3"/);
    assert.ok(iam().users.some((u) => u.includes('precious')));
  });

  it("empties a bucket of the run's before deleting it, objects the journal never saw included", async () => {
    const before = mock.inventory();
    const j = journal('lab-res6-run');
    await create(j, 's3:CreateBucket', { Bucket: 'lab-res6-data' }, { complete: true });
    // Written outside the journal, as a `run:` step or the learner would.
    for (const Key of ['a.txt', 'deep/b.txt']) assert.ok((await callAws('s3:PutObject', { Bucket: 'lab-res6-data', Key, Body: Key }, admin, target())).ok);
    const r = await resumeCleanup(j, { target: target(), operators });
    assert.deepEqual(r.results.map((x) => [x.call, x.ok, x.error?.code]), [['s3:DeleteBucket', true, undefined]]);
    assert.equal(r.finished, true);
    assert.deepEqual(mock.inventory(), before);
  });

  it('an interrupted shell command is reported for a person to check, never marked done', async () => {
    const j = journal('lab-res5-run');
    j.begin('source', 'run', { command: 'aws iam create-user --user-name lab-res5-u' });
    const r = await resumeCleanup(j, { target: target(), operators });
    assert.equal(r.finished, false);
    assert.match(r.results[0]!.refused!, /shell command was interrupted \(run: aws iam create-user --user-name lab-res5-u\).*lab-res5-\*/);
  });

  it('an account without operator credentials is reported, not skipped silently', async () => {
    const j = new Journal(
      { runId: 'lab-res4-run', lab: 't', target: 'aws', prefix: 'lab-res4', accounts: { target: mock.accounts[1]!.id }, startedAt: new Date().toISOString() },
      journalPath('lab-res4-run', dir),
    );
    j.begin('target', 'iam:CreateUser', { UserName: 'lab-res4-u' });
    const r = await resumeCleanup(j, { target: target(), operators });
    assert.equal(r.finished, false);
    assert.match(r.results[0]!.refused!, /no operator credentials for account target \(222222222222\)/);
  });
});
