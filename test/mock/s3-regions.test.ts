// Buckets live in a region, and a signed request must be for it: S3 answers a request signed
// for another region with 301 PermanentRedirect and the bucket's region in x-amz-bucket-region
// (S3 API Reference, "Error responses"), which the SDK follows with followRegionRedirects, as
// the AWS CLI does on its own (test/mock/s3-ec2-cli.test.ts). CreateBucket and
// GetBucketLocation are the two requests any region may make.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateBucketCommand,
  GetBucketLocationCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { startMock, type RunningMock } from '../../src/mock/index.js';
import { adminCreds, rejectsWith } from './helpers.js';

const BUCKET = 'bucket-in-ireland';
const MOVED = 'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.';

describe('S3 buckets in another region', () => {
  let mock: RunningMock;
  const s3 = (region: string, followRegionRedirects = false) =>
    new S3Client({ endpoint: mock.endpoint, region, credentials: adminCreds(mock.accounts[0]!), forcePathStyle: true, maxAttempts: 1, followRegionRedirects });

  before(async () => {
    mock = await startMock({ accounts: 1 });
    await s3('us-east-1').send(new CreateBucketCommand({ Bucket: BUCKET, CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } }));
  });
  after(() => mock.close());

  it('answer a request signed for another region with PermanentRedirect and the region', async () => {
    const err = await rejectsWith(s3('us-east-1').send(new ListObjectsV2Command({ Bucket: BUCKET })), 'PermanentRedirect', { status: 301, message: MOVED });
    const fields = err as unknown as { Bucket?: string; Endpoint?: string; $response?: { headers: Record<string, string> } };
    assert.equal(fields.Bucket, BUCKET);
    assert.equal(fields.Endpoint, `${BUCKET}.s3.eu-west-1.amazonaws.com`);
    assert.equal(fields.$response?.headers['x-amz-bucket-region'], 'eu-west-1');
    // HEAD has no body (the SDK cannot name the error): the header alone says where it is.
    const head = await s3('ap-northeast-2').send(new HeadBucketCommand({ Bucket: BUCKET })).then(
      () => assert.fail('HeadBucket signed for another region succeeded'),
      (e: { $metadata?: { httpStatusCode?: number }; $response?: { headers: Record<string, string> } }) => e,
    );
    assert.equal(head.$metadata?.httpStatusCode, 301);
    assert.equal(head.$response?.headers['x-amz-bucket-region'], 'eu-west-1');
  });

  it('serve requests signed for the bucket region, and clients that follow the redirect', async () => {
    await s3('eu-west-1').send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'v' }));
    assert.equal((await s3('eu-west-1').send(new ListObjectsV2Command({ Bucket: BUCKET }))).KeyCount, 1);
    const following = s3('us-east-1', true);
    assert.equal((await following.send(new ListObjectsV2Command({ Bucket: BUCKET }))).KeyCount, 1);
    assert.equal((await following.send(new HeadBucketCommand({ Bucket: BUCKET }))).BucketRegion, 'eu-west-1');
  });

  it('tell any region where a bucket is (GetBucketLocation)', async () => {
    const out = await s3('us-east-1').send(new GetBucketLocationCommand({ Bucket: BUCKET }));
    assert.equal(out.LocationConstraint, 'eu-west-1');
  });
});
