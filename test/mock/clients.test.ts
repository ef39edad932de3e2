// Other clients than the JS SDK: boto3 and the AWS CLI (v1), driven as child processes,
// doing the cross-account round trip and reading AWS's errors.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { RunningMock } from '../../src/mock/index.js';
import { withMock } from './helpers.js';

const run = promisify(execFile);

const BOTO_SCRIPT = String.raw`
import json, sys, boto3, botocore
endpoint, src_key, src_secret, tgt_key, tgt_secret = sys.argv[1:6]
def client(service, key, secret, token=None):
    return boto3.client(service, endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id=key,
                        aws_secret_access_key=secret, aws_session_token=token,
                        config=botocore.config.Config(retries={'max_attempts': 1}))
out = {}
tgt_iam = client('iam', tgt_key, tgt_secret)
trust = {'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Principal': {'AWS': 'arn:aws:iam::111111111111:root'}, 'Action': 'sts:AssumeRole'}]}
role = tgt_iam.create_role(RoleName='boto-role', AssumeRolePolicyDocument=json.dumps(trust), Tags=[{'Key': 'k', 'Value': 'a b+c=d@e'}])['Role']
out['trust'] = role['AssumeRolePolicyDocument']
out['tags'] = tgt_iam.list_role_tags(RoleName='boto-role')['Tags']
src_iam = client('iam', src_key, src_secret)
src_iam.create_user(UserName='boto-user')
key = src_iam.create_access_key(UserName='boto-user')['AccessKey']
src_iam.put_user_policy(UserName='boto-user', PolicyName='assume', PolicyDocument=json.dumps({'Version': '2012-10-17', 'Statement': [{'Effect': 'Allow', 'Action': 'sts:AssumeRole', 'Resource': role['Arn']}]}))
creds = client('sts', key['AccessKeyId'], key['SecretAccessKey']).assume_role(RoleArn=role['Arn'], RoleSessionName='boto=session@1', DurationSeconds=900)['Credentials']
out['session'] = client('sts', creds['AccessKeyId'], creds['SecretAccessKey'], creds['SessionToken']).get_caller_identity()['Arn']
try:
    src_iam.get_role(RoleName='missing')
except botocore.exceptions.ClientError as e:
    out['error'] = [e.response['Error']['Code'], e.response['Error']['Message'], e.response['ResponseMetadata']['HTTPStatusCode']]
print(json.dumps(out))
`;

describe('boto3 and the AWS CLI', () => {
  let mock: RunningMock;
  before(async () => {
    mock = await withMock();
  });
  after(() => mock.close());

  const cliEnv = (key: string, secret: string, token?: string) => ({
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ACCESS_KEY_ID: key,
    AWS_SECRET_ACCESS_KEY: secret,
    ...(token ? { AWS_SESSION_TOKEN: token } : {}),
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  });

  it('serves boto3 through a cross-account assume, with decoded documents and errors', async () => {
    const [src, tgt] = mock.accounts;
    const { stdout } = await run('python3', ['-c', BOTO_SCRIPT, mock.endpoint, src!.admin.accessKeyId, src!.admin.secretAccessKey, tgt!.admin.accessKeyId, tgt!.admin.secretAccessKey]);
    const out = JSON.parse(stdout);
    // botocore URL-decodes and parses policy documents itself.
    assert.equal(out.trust.Statement[0].Principal.AWS, 'arn:aws:iam::111111111111:root');
    assert.deepEqual(out.tags, [{ Key: 'k', Value: 'a b+c=d@e' }]);
    assert.equal(out.session, 'arn:aws:sts::222222222222:assumed-role/boto-role/boto=session@1');
    assert.deepEqual(out.error, ['NoSuchEntity', 'The role with name missing cannot be found.', 404]);
  });

  it('serves the AWS CLI for IAM and STS, with credentials and session tokens from the environment', async () => {
    const tgt = mock.accounts[1]!;
    const env = cliEnv(tgt.admin.accessKeyId, tgt.admin.secretAccessKey);
    const aws = (args: string[], e = env) => run('aws', ['--endpoint-url', mock.endpoint, '--output', 'json', ...args], { env: e });
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: 'sts:AssumeRole' }] });
    await aws(['iam', 'create-role', '--role-name', 'cli-role', '--assume-role-policy-document', trust]);
    const roles = JSON.parse((await aws(['iam', 'list-roles'])).stdout);
    assert.ok(roles.Roles.some((r: { RoleName: string }) => r.RoleName === 'cli-role'));
    const assumed = JSON.parse((await aws(['sts', 'assume-role', '--role-arn', 'arn:aws:iam::222222222222:role/cli-role', '--role-session-name', 'cli'])).stdout);
    const c = assumed.Credentials;
    const me = JSON.parse((await aws(['sts', 'get-caller-identity'], cliEnv(c.AccessKeyId, c.SecretAccessKey, c.SessionToken))).stdout);
    assert.equal(me.Arn, 'arn:aws:sts::222222222222:assumed-role/cli-role/cli');
    const failed = await aws(['iam', 'get-user', '--user-name', 'nobody']).then(
      () => assert.fail('get-user of a missing user succeeded'),
      (e: { code: number; stderr: string }) => e,
    );
    assert.equal(failed.code, 255);
    assert.match(failed.stderr, /An error occurred \(NoSuchEntity\) when calling the GetUser operation: The user with name nobody cannot be found\./);
  });
});
