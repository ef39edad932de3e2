// S3 buckets through the real SDK client: path-style and virtual-hosted addressing, naming
// rules, ownership across accounts, location constraints, HEAD and DELETE semantics.
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { lookup, type LookupAddress, type LookupOneOptions } from 'node:dns';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { startMock, type RunningMock } from '../../src/mock/index.js';

let mock: RunningMock;
let s3: S3Client;
let other: S3Client;

function client(index: number, extra: Partial<S3ClientConfig> = {}): S3Client {
  const { accessKeyId, secretAccessKey } = mock.accounts[index]!.admin;
  return new S3Client({
    endpoint: mock.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId, secretAccessKey },
    forcePathStyle: true,
    maxAttempts: 1,
    ...extra,
  });
}

async function rejects(p: Promise<unknown>, name: string, status: number, message?: RegExp): Promise<void> {
  try {
    await p;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    assert.equal(e.name, name, e.message);
    assert.equal(e.$metadata?.httpStatusCode, status);
    if (message) assert.match(e.message, message);
    return;
  }
  assert.fail(`expected ${name}`);
}

before(async () => {
  mock = await startMock({ accounts: 2 });
  s3 = client(0);
  other = client(1);
});
after(() => mock.close());

describe('CreateBucket and ListBuckets', () => {
  it('creates a bucket that only its account lists', async () => {
    const out = await s3.send(new CreateBucketCommand({ Bucket: 'alpha-bucket' }));
    assert.equal(out.Location, '/alpha-bucket');
    assert.match(out.$metadata.requestId!, /\S/);
    assert.match(out.$metadata.extendedRequestId!, /\S/);
    const mine = await s3.send(new ListBucketsCommand({}));
    assert.deepEqual(mine.Buckets?.map((b) => b.Name), ['alpha-bucket']);
    assert.equal(mine.Buckets?.[0]?.BucketRegion, 'us-east-1');
    assert.match(mine.Owner?.ID ?? '', /^[0-9a-f]{64}$/);
    const theirs = await other.send(new ListBucketsCommand({}));
    assert.deepEqual(theirs.Buckets ?? [], []);
  });

  it('refuses invalid names', async () => {
    for (const name of ['ab', 'Upper-Case', 'under_score', 'a..b', '192.168.1.1', 'xn--bucket', 'ends-', 'x'.repeat(64)]) {
      await rejects(s3.send(new CreateBucketCommand({ Bucket: name })), 'InvalidBucketName', 400);
    }
  });

  it('knows who owns a name: BucketAlreadyExists for others, us-east-1 legacy success for the owner', async () => {
    await rejects(other.send(new CreateBucketCommand({ Bucket: 'alpha-bucket' })), 'BucketAlreadyExists', 409);
    // In us-east-1, re-creating your own bucket succeeds (S3's legacy behaviour).
    await s3.send(new CreateBucketCommand({ Bucket: 'alpha-bucket' }));
    const euClient = client(0, { region: 'eu-west-1' });
    const eu = await euClient.send(new CreateBucketCommand({ Bucket: 'beta-eu-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
    // Outside us-east-1 the Location is the bucket's URL (AWS CLI reference, create-bucket).
    assert.equal(eu.Location, 'http://beta-eu-bucket.s3.amazonaws.com/');
    await rejects(
      euClient.send(new CreateBucketCommand({ Bucket: 'beta-eu-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })),
      'BucketAlreadyOwnedByYou',
      409,
    );
    const loc = await s3.send(new GetBucketLocationCommand({ Bucket: 'beta-eu-bucket' }));
    assert.equal(loc.LocationConstraint, 'eu-west-1');
    const east = await s3.send(new GetBucketLocationCommand({ Bucket: 'alpha-bucket' }));
    assert.ok(!east.LocationConstraint);
  });

  it('checks location constraints against the endpoint region', async () => {
    await rejects(
      s3.send(new CreateBucketCommand({ Bucket: 'gamma-bucket', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as never } })),
      'InvalidLocationConstraint',
      400,
    );
    const euWest2 = client(0, { region: 'eu-west-2' });
    await rejects(
      euWest2.send(new CreateBucketCommand({ Bucket: 'gamma-bucket', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } })),
      'IllegalLocationConstraintException',
      400,
      /The eu-west-1 location constraint is incompatible/,
    );
    // The JS SDK fills in the client's region as the constraint when none is given.
    await euWest2.send(new CreateBucketCommand({ Bucket: 'gamma-bucket' }));
    assert.equal((await s3.send(new GetBucketLocationCommand({ Bucket: 'gamma-bucket' }))).LocationConstraint, 'eu-west-2');
  });
});

describe('HeadBucket and DeleteBucket', () => {
  it('HEAD answers 200 with the region, 404 without body for a missing bucket', async () => {
    const head = await s3.send(new HeadBucketCommand({ Bucket: 'alpha-bucket' }));
    assert.equal(head.BucketRegion, 'us-east-1');
    await rejects(s3.send(new HeadBucketCommand({ Bucket: 'no-such-bucket-here' })), 'NotFound', 404);
  });

  it('refuses to delete a bucket that is not empty, then deletes it', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'delta-bucket' }));
    await s3.send(new PutObjectCommand({ Bucket: 'delta-bucket', Key: 'k', Body: 'v' }));
    await rejects(s3.send(new DeleteBucketCommand({ Bucket: 'delta-bucket' })), 'BucketNotEmpty', 409, /not empty/);
    await s3.send(new DeleteObjectCommand({ Bucket: 'delta-bucket', Key: 'k' }));
    const out = await s3.send(new DeleteBucketCommand({ Bucket: 'delta-bucket' }));
    assert.equal(out.$metadata.httpStatusCode, 204);
    await rejects(s3.send(new ListObjectsV2Command({ Bucket: 'delta-bucket' })), 'NoSuchBucket', 404, /The specified bucket does not exist/);
    assert.ok(!mock.inventory().accounts[0]!.services['s3']!['buckets']!.includes('delta-bucket'));
  });
});

describe('virtual-hosted addressing', () => {
  it('serves bucket.localhost:PORT like /bucket', async () => {
    const port = new URL(mock.endpoint).port;
    // `bucket.localhost` does not resolve everywhere; send it to the loopback as browsers and
    // systemd-resolved do, keeping the Host header the SDK chose.
    const agent = new Agent({
      lookup: ((host: string, opts: LookupOneOptions & { all?: boolean }, cb: (...args: unknown[]) => void) => {
        if (host === 'localhost' || host.endsWith('.localhost')) {
          return opts.all ? cb(null, [{ address: '127.0.0.1', family: 4 } satisfies LookupAddress]) : cb(null, '127.0.0.1', 4);
        }
        return lookup(host, opts, cb as never);
      }) as never,
    });
    const seenHosts: string[] = [];
    const vhost = client(0, { endpoint: `http://localhost:${port}`, forcePathStyle: false, requestHandler: { httpAgent: agent } });
    vhost.middlewareStack.add(
      (next) => async (args) => {
        seenHosts.push((args.request as { hostname: string }).hostname);
        return next(args);
      },
      { step: 'finalizeRequest', name: 'recordHost' },
    );
    await vhost.send(new CreateBucketCommand({ Bucket: 'vhost-bucket' }));
    await vhost.send(new PutObjectCommand({ Bucket: 'vhost-bucket', Key: 'dir/../odd key.txt', Body: 'virtual' }));
    const got = await vhost.send(new GetObjectCommand({ Bucket: 'vhost-bucket', Key: 'dir/../odd key.txt' }));
    assert.equal(await got.Body!.transformToString(), 'virtual');
    assert.ok(seenHosts.every((h) => h === 'vhost-bucket.localhost'), seenHosts.join(','));
    // The same object through path-style: the key was not normalised.
    const list = await s3.send(new ListObjectsV2Command({ Bucket: 'vhost-bucket' }));
    assert.deepEqual(list.Contents?.map((c) => c.Key), ['dir/../odd key.txt']);
    agent.destroy();
  });
});
