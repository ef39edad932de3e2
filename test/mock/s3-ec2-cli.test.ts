// The AWS CLI (v1, botocore) against the mock: `aws s3` (ListBuckets, PutObject signed by
// botocore, ListObjectsV2 with encoding-type=url) and `aws ec2` (ec2 query protocol, DryRun).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startMock, type RunningMock } from '../../src/mock/index.js';

let mock: RunningMock;
let dir: string;

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `aws --endpoint-url MOCK ARGS` with the first account's admin credentials and no
 * user configuration, as a lab's `run:` step would. */
function aws(...args: string[]): Promise<Result> {
  const { accessKeyId, secretAccessKey } = mock.accounts[0]!.admin;
  const env = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: dir,
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(dir, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return new Promise((resolve) => {
    execFile('aws', ['--endpoint-url', mock.endpoint, ...args], { env, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function ok(r: Result): string {
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

before(async () => {
  mock = await startMock({ accounts: 1 });
  dir = await mkdtemp(join(tmpdir(), 'lab-cli-'));
});
after(async () => {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});

describe('aws s3', () => {
  it('makes a bucket, copies a file in and out, and lists both levels', async () => {
    const file = join(dir, 'notes.txt');
    await writeFile(file, 'hello from the cli\n');
    assert.match(ok(await aws('s3', 'mb', 's3://cli-bucket')), /make_bucket: cli-bucket/);
    ok(await aws('s3', 'cp', file, 's3://cli-bucket/dir/notes +1%.txt'));
    assert.match(ok(await aws('s3', 'ls')), /\scli-bucket\n/);
    assert.match(ok(await aws('s3', 'ls', 's3://cli-bucket/')), /PRE dir\//);
    // botocore asks for encoding-type=url and decodes the keys: `+` and `%` must survive.
    assert.match(ok(await aws('s3', 'ls', 's3://cli-bucket/', '--recursive')), /\s19 dir\/notes \+1%\.txt\n/);
    assert.equal(ok(await aws('s3', 'cp', 's3://cli-bucket/dir/notes +1%.txt', '-')), 'hello from the cli\n');
    assert.deepEqual(mock.inventory().accounts[0]!.services['s3']!['objects'], ['cli-bucket/dir/notes +1%.txt']);
  });

  it('presigns a URL that fetches the object (SigV2 from CLI v1, SigV4 from v2)', async () => {
    const url = ok(await aws('s3', 'presign', 's3://cli-bucket/dir/notes +1%.txt', '--expires-in', '300')).trim();
    const res = await fetch(url);
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(await res.text(), 'hello from the cli\n');
  });

  it('finds a bucket in another region by the redirect S3 answers, and signs again for it', async () => {
    const file = join(dir, 'far.txt');
    await writeFile(file, 'far away\n');
    ok(await aws('s3api', 'create-bucket', '--bucket', 'cli-far-bucket', '--create-bucket-configuration', 'LocationConstraint=ap-northeast-2'));
    // The CLI is configured for us-east-1: each call meets 301 PermanentRedirect first.
    ok(await aws('s3', 'cp', file, 's3://cli-far-bucket/far.txt'));
    assert.match(ok(await aws('s3', 'ls', 's3://cli-far-bucket/')), /\s9 far\.txt\n/);
    assert.equal(ok(await aws('s3', 'cp', 's3://cli-far-bucket/far.txt', '-')), 'far away\n');
  });
});

describe('aws ec2', () => {
  it('describes the sample instances', async () => {
    const out = ok(await aws('ec2', 'describe-instances', '--query', 'Reservations[].Instances[].[Tags[0].Value,State.Name]', '--output', 'json'));
    const rows = (JSON.parse(out) as string[][]).map((r) => r.join(':')).sort();
    assert.deepEqual(rows, ['sample-db:stopped', 'sample-web:running']);
  });

  it('reports DryRunOperation as an error, as AWS does', async () => {
    const r = await aws('ec2', 'run-instances', '--image-id', 'ami-12345678', '--count', '1', '--dry-run');
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /An error occurred \(DryRunOperation\) when calling the RunInstances operation: Request would have succeeded, but DryRun flag is set\./);
  });
});
