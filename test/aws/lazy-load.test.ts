// Importing src/aws must not load any SDK package: `lab --help` and `lab check` import it and
// must start fast. Proven in a fresh node process, with a positive control: the same probe
// does see the STS client (and only it) once an STS call is made.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';

const indexUrl = new URL('../../src/aws/index.js', import.meta.url).href;

const probe = `
import { createRequire } from 'node:module';
const require = createRequire(process.cwd() + '/');
// The SDK packages are CommonJS, and import() of CommonJS registers in require.cache.
const sdk = () => Object.keys(require.cache).filter((p) => /node_modules[\\\\/]@(aws-sdk|smithy)[\\\\/]/.test(p));
const pkgs = () => [...new Set(sdk().map((p) => p.replace(/.*node_modules[\\\\/](@[^\\\\/]+[\\\\/][^\\\\/]+).*/, '$1')))].sort();
const aws = await import(${JSON.stringify(indexUrl)});
const afterImport = pkgs();
aws.isKnownOperation('iam:CreateRole');
aws.knownOperations('ec2');
aws.prepareInput('s3:PutObject', { Bucket: 'b', Key: 'k', Body: 'x' });
aws.toCliCommand('iam:CreateRole', { RoleName: 'r', AssumeRolePolicyDocument: {} });
aws.inverseOf('ec2:RunInstances', {}, { Instances: [{ InstanceId: 'i-1' }] });
aws.maskSecrets({ SecretAccessKey: 'abcdefgh' });
const afterSyncApi = pkgs();
const result = await aws.callAws('sts:GetCallerIdentity', {}, { accessKeyId: 'AKIA', secretAccessKey: 'x' },
  { region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }, { maxAttempts: 1 });
const afterCall = pkgs();
console.log(JSON.stringify({ afterImport, afterSyncApi, afterCall, ok: result.ok }));
`;

describe('lazy SDK loading', () => {
  it('importing src/aws and using its synchronous API loads no @aws-sdk or @smithy package', () => {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
    const { afterImport, afterSyncApi, afterCall, ok } = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, unknown>;
    assert.deepEqual(afterImport, []);
    assert.deepEqual(afterSyncApi, []);
    // Positive control: the probe sees SDK packages once a call loads them, and only the
    // client of the service called.
    assert.equal(ok, false); // nothing listens on port 9
    const loaded = afterCall as string[];
    assert.ok(loaded.some((p) => /@aws-sdk.client-sts$/.test(p)), loaded.join(', '));
    for (const other of ['iam', 'ec2', 's3']) assert.ok(!loaded.some((p) => p.endsWith(`client-${other}`)), `client-${other} loaded`);
  });
});
