import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maskSecrets } from '../../src/aws/index.js';

describe('maskSecrets', () => {
  it('masks keys and tokens anywhere, keeping 4 characters', () => {
    const value = {
      AccessKey: { AccessKeyId: 'AKIAEXAMPLE', SecretAccessKey: 'wJalrXUtnFEMI/K7MDENG' },
      steps: [{ output: { Credentials: { AccessKeyId: 'ASIA1', SessionToken: 'FwoGZXIvYXdz', Expiration: new Date(0) } } }],
      identity: { accessKeyId: 'AKIA2', secretAccessKey: 'abcdefgh', sessionToken: 'tokentoken' },
      env: { AWS_SECRET_ACCESS_KEY: 'secretsecret', AWS_SESSION_TOKEN: 'tttttttt', AWS_REGION: 'us-east-1' },
    };
    assert.deepEqual(maskSecrets(value), {
      AccessKey: { AccessKeyId: 'AKIAEXAMPLE', SecretAccessKey: 'wJal…' },
      steps: [{ output: { Credentials: { AccessKeyId: 'ASIA1', SessionToken: 'FwoG…', Expiration: new Date(0) } } }],
      identity: { accessKeyId: 'AKIA2', secretAccessKey: 'abcd…', sessionToken: 'toke…' },
      env: { AWS_SECRET_ACCESS_KEY: 'secr…', AWS_SESSION_TOKEN: 'tttt…', AWS_REGION: 'us-east-1' },
    });
  });

  const cases: Array<[string, unknown, unknown]> = [
    ['short secrets are hidden entirely', { SecretAccessKey: 'abc' }, { SecretAccessKey: '…' }],
    ['passwords are hidden entirely', { UserName: 'u', Password: 'Hunter2!xyz' }, { UserName: 'u', Password: '…' }],
    ['private key material is hidden entirely', { KeyName: 'k', KeyMaterial: '-----BEGIN RSA' }, { KeyName: 'k', KeyMaterial: '…' }],
    ['non-string secret values are hidden', { SessionToken: { nested: 'x' } }, { SessionToken: '…' }],
    ['undefined secrets stay undefined', { SessionToken: undefined }, { SessionToken: undefined }],
    ['scalars pass through', 'text', 'text'],
    ['null passes through', null, null],
    ['arrays of secrets', [{ sessionToken: 'abcdef' }], [{ sessionToken: 'abcd…' }]],
    ['key names are exact', { SecretAccessKeyId: 'visible', secret: 'visible' }, { SecretAccessKeyId: 'visible', secret: 'visible' }],
  ];
  for (const [name, input, expected] of cases) it(name, () => assert.deepEqual(maskSecrets(input), expected));

  it('copies instead of modifying, and survives cycles', () => {
    const input: Record<string, unknown> = { SecretAccessKey: 'wJalrXUtnFEMI' };
    input['self'] = input;
    const out = maskSecrets(input);
    assert.equal(input['SecretAccessKey'], 'wJalrXUtnFEMI');
    assert.equal(out['SecretAccessKey'], 'wJal…');
    assert.equal(out['self'], out);
  });
});
