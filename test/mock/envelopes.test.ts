// The first bytes of an answer, as the wire carries them: IAM and STS begin with the root
// element and write no XML declaration (real answers captured in botocore debug logs, e.g.
// `b'<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n ...`
// and `b'<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">\n ...`;
// aws-wire.md §2.3, §2.4 and §5.1), while EC2 and S3 begin with `<?xml version="1.0" ...?>`
// (aws-wire.md §3 and §4).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SignatureV4 } from '@smithy/signature-v4';
import type { RunningMock } from '../../src/mock/index.js';
import { adminCreds, Sha256, withMock } from './helpers.js';

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

describe('response envelopes on the wire', () => {
  let mock: RunningMock;
  before(async () => {
    mock = await withMock();
  });
  after(() => mock.close());

  /** A signed request with the first account's admin key; the raw answer. */
  async function call(service: string, method: string, path: string, body?: string): Promise<{ status: number; type: string; text: string }> {
    const endpoint = new URL(mock.endpoint);
    const signer = new SignatureV4({ credentials: adminCreds(mock.accounts[0]!), region: 'us-east-1', service, sha256: Sha256 });
    const headers: Record<string, string> = { host: endpoint.host };
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const signed = await signer.sign({ method, protocol: 'http:', hostname: endpoint.hostname, port: Number(endpoint.port), path, headers, body });
    const res = await fetch(new URL(path, endpoint), { method, headers: signed.headers as Record<string, string>, body });
    return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
  }

  it('STS answers begin with the response element', async () => {
    const r = await call('sts', 'POST', '/', 'Action=GetCallerIdentity&Version=2011-06-15');
    assert.equal(r.status, 200);
    assert.equal(r.type, 'text/xml');
    assert.ok(r.text.startsWith('<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>'), r.text.slice(0, 120));
  });

  it('IAM answers and IAM errors begin with their root element', async () => {
    const ok = await call('iam', 'POST', '/', 'Action=ListUsers&Version=2010-05-08');
    assert.equal(ok.status, 200);
    assert.ok(ok.text.startsWith('<ListUsersResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListUsersResult>'), ok.text.slice(0, 120));
    const err = await call('iam', 'POST', '/', 'Action=GetUser&UserName=nobody-here&Version=2010-05-08');
    assert.equal(err.status, 404);
    assert.ok(err.text.startsWith('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code>'), err.text.slice(0, 160));
  });

  it('EC2 and S3 answers keep their XML declaration', async () => {
    const ec2 = await call('ec2', 'POST', '/', 'Action=DescribeRegions&Version=2016-11-15');
    assert.equal(ec2.status, 200);
    assert.ok(ec2.text.startsWith(`${DECLARATION}\n<DescribeRegionsResponse`), ec2.text.slice(0, 120));
    const s3 = await call('s3', 'GET', '/');
    assert.equal(s3.status, 200);
    assert.ok(s3.text.startsWith(`${DECLARATION}\n<ListAllMyBucketsResult`), s3.text.slice(0, 120));
  });
});
