// callAws success path against canned responses: input preparation on the wire, output
// decoding, path-style S3, per-identity clients.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { callAws, closeClients } from '../../src/aws/index.js';
import { IAM_NS, startCanned, STS_NS, xml, type CannedServer } from './canned-server.js';

const creds = { accessKeyId: 'AKIAEXAMPLEEXAMPLE01', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY' };
const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'sts:AssumeRole' }] };
const inline = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/100%/*' }] };

function roleFields(doc: string): string {
  return `<Path>/</Path><RoleName>R</RoleName><RoleId>AROAEXAMPLEROLEID0001</RoleId><Arn>arn:aws:iam::111111111111:role/R</Arn><CreateDate>2025-01-01T00:00:00Z</CreateDate><AssumeRolePolicyDocument>${doc}</AssumeRolePolicyDocument>`;
}
const ok = (op: string, ns: string, result: string): string =>
  `<${op}Response xmlns="${ns}"><${op}Result>${result}</${op}Result><ResponseMetadata><RequestId>req-body</RequestId></ResponseMetadata></${op}Response>`;

describe('callAws success path', () => {
  let server: CannedServer;
  const target = () => ({ region: 'us-east-1', endpoint: server.endpoint });
  before(async () => {
    server = await startCanned();
  });
  after(async () => {
    await closeClients();
    await server.close();
  });

  it('sends policy objects as JSON strings and decodes the URL-encoded document IAM returns', async () => {
    server.respond(() => ({ status: 200, headers: { ...xml, 'x-amzn-requestid': 'req-1' }, body: ok('CreateRole', IAM_NS, `<Role>${roleFields(encodeURIComponent(JSON.stringify(trust)))}</Role>`) }));
    const result = await callAws('iam:CreateRole', { RoleName: 'R', AssumeRolePolicyDocument: trust }, creds, target());
    const sent = server.requests.at(-1)!.form;
    assert.equal(sent.get('Action'), 'CreateRole');
    assert.deepEqual(JSON.parse(sent.get('AssumeRolePolicyDocument')!), trust);
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(result.requestId, 'req-1');
    assert.equal('$metadata' in result.output, false);
    const out = result.output as { Role: { RoleName: string; AssumeRolePolicyDocument: unknown; CreateDate: Date } };
    assert.equal(out.Role.RoleName, 'R');
    assert.deepEqual(out.Role.AssumeRolePolicyDocument, trust);
    assert.ok(out.Role.CreateDate instanceof Date);
  });

  const decodeCases: Array<{ spec: string; input: Record<string, unknown>; body: string; path: (o: any) => unknown; expected: unknown }> = [
    {
      spec: 'iam:GetRolePolicy',
      input: { RoleName: 'R', PolicyName: 'p' },
      body: ok('GetRolePolicy', IAM_NS, `<RoleName>R</RoleName><PolicyName>p</PolicyName><PolicyDocument>${encodeURIComponent(JSON.stringify(inline))}</PolicyDocument>`),
      path: (o) => o.PolicyDocument,
      expected: inline,
    },
    {
      spec: 'iam:GetUserPolicy',
      input: { UserName: 'u', PolicyName: 'p' },
      body: ok('GetUserPolicy', IAM_NS, `<UserName>u</UserName><PolicyName>p</PolicyName><PolicyDocument>${encodeURIComponent(JSON.stringify(inline))}</PolicyDocument>`),
      path: (o) => o.PolicyDocument,
      expected: inline,
    },
    {
      spec: 'iam:GetPolicyVersion',
      input: { PolicyArn: 'arn:aws:iam::111111111111:policy/P', VersionId: 'v1' },
      body: ok('GetPolicyVersion', IAM_NS, `<PolicyVersion><Document>${encodeURIComponent(JSON.stringify(inline))}</Document><VersionId>v1</VersionId><IsDefaultVersion>true</IsDefaultVersion></PolicyVersion>`),
      path: (o) => o.PolicyVersion.Document,
      expected: inline,
    },
    {
      spec: 'iam:ListRoles',
      input: {},
      body: ok('ListRoles', IAM_NS, `<Roles><member>${roleFields(encodeURIComponent(JSON.stringify(trust)))}</member></Roles><IsTruncated>false</IsTruncated>`),
      path: (o) => o.Roles[0].AssumeRolePolicyDocument,
      expected: trust,
    },
    {
      // Some servers send the document unencoded; a raw '%' must not break decoding.
      spec: 'iam:GetRolePolicy',
      input: { RoleName: 'R', PolicyName: 'p' },
      body: ok('GetRolePolicy', IAM_NS, `<RoleName>R</RoleName><PolicyName>p</PolicyName><PolicyDocument>${JSON.stringify(inline).replace(/"/g, '&quot;')}</PolicyDocument>`),
      path: (o) => o.PolicyDocument,
      expected: inline,
    },
  ];
  for (const [n, c] of decodeCases.entries()) {
    it(`decodes the policy document of ${c.spec} (${n})`, async () => {
      server.respond(() => ({ status: 200, headers: xml, body: c.body }));
      const result = await callAws(c.spec, c.input, creds, target());
      assert.equal(result.ok, true);
      if (result.ok) assert.deepEqual(c.path(result.output), c.expected);
    });
  }

  it('puts S3 objects path-style with the body as UTF-8 bytes, and reads bodies back as text', async () => {
    server.respond(() => ({ status: 200, headers: { etag: '"abc"', 'x-amz-request-id': 'S3PUT' } }));
    const put = await callAws('s3:PutObject', { Bucket: 'lab-b', Key: 'notes/a b.txt', Body: 'hello wörld' }, creds, target());
    const req = server.requests.at(-1)!;
    assert.equal(req.method, 'PUT');
    assert.equal(req.url.split('?')[0], '/lab-b/notes/a%20b.txt');
    assert.equal(req.body.toString('utf8'), 'hello wörld');
    assert.equal(put.ok, true);
    if (put.ok) assert.deepEqual([put.output['ETag'], put.requestId], ['"abc"', 'S3PUT']);

    server.respond(() => ({ status: 200, headers: { 'content-type': 'text/plain', 'content-length': String(Buffer.byteLength('hello wörld')) }, body: 'hello wörld' }));
    const get = await callAws('s3:GetObject', { Bucket: 'lab-b', Key: 'notes/a b.txt' }, creds, target());
    assert.equal(get.ok, true);
    if (get.ok) assert.equal(get.output['Body'], 'hello wörld');
  });

  it('signs each call with its own identity, even to the same target', async () => {
    const identity = `<GetCallerIdentityResult><Arn>arn:aws:iam::111111111111:user/a</Arn><UserId>AIDA</UserId><Account>111111111111</Account></GetCallerIdentityResult>`;
    server.respond(() => ({ status: 200, headers: xml, body: `<GetCallerIdentityResponse xmlns="${STS_NS}">${identity}</GetCallerIdentityResponse>` }));
    const session = { accessKeyId: 'ASIAEXAMPLEEXAMPLE02', secretAccessKey: 'x'.repeat(40), sessionToken: 'token-123' };
    for (const c of [creds, session, creds]) {
      const result = await callAws('sts:GetCallerIdentity', {}, c, target());
      assert.equal(result.ok, true);
      const req = server.requests.at(-1)!;
      assert.match(String(req.headers['authorization']), new RegExp(`Credential=${c.accessKeyId}/`));
      assert.equal(req.headers['x-amz-security-token'], 'sessionToken' in c ? c.sessionToken : undefined);
    }
  });
});
