// EC2 authorisation with identities created through IAM: AmazonEC2ReadOnlyAccess, DryRun,
// UnauthorizedOperation messages (with and without the encoded failure message) and
// tag-based conditions.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  EC2Client,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { AttachUserPolicyCommand, CreateAccessKeyCommand, CreateUserCommand, IAMClient, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { DecodeAuthorizationMessageCommand, STSClient } from '@aws-sdk/client-sts';
import { startMock, type RunningMock } from '../../src/mock/index.js';

let mock: RunningMock;
let admin: EC2Client;
let reader: EC2Client;
let nobody: EC2Client;
let account: string;

type Creds = { accessKeyId: string; secretAccessKey: string };

function config(credentials: Creds) {
  return { endpoint: mock.endpoint, region: 'us-east-1', credentials, maxAttempts: 1 };
}

/** A user created through IAM, with the given managed policies and inline policy. */
async function user(name: string, managed: string[], inline?: object): Promise<Creds> {
  const iam = new IAMClient(config(mock.accounts[0]!.admin));
  await iam.send(new CreateUserCommand({ UserName: name }));
  for (const arn of managed) await iam.send(new AttachUserPolicyCommand({ UserName: name, PolicyArn: arn }));
  if (inline) {
    await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'inline', PolicyDocument: JSON.stringify(inline) }));
  }
  const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
  return { accessKeyId: key.AccessKeyId!, secretAccessKey: key.SecretAccessKey! };
}

async function failure(p: Promise<unknown>): Promise<Error & { $metadata: { httpStatusCode?: number } }> {
  try {
    await p;
  } catch (err) {
    return err as Error & { $metadata: { httpStatusCode?: number } };
  }
  assert.fail('expected the call to fail');
}

async function sampleIds(c: EC2Client): Promise<Record<string, string>> {
  const out = await c.send(new DescribeInstancesCommand({}));
  const ids: Record<string, string> = {};
  for (const i of (out.Reservations ?? []).flatMap((r) => r.Instances ?? [])) {
    const name = i.Tags?.find((t) => t.Key === 'Name')?.Value;
    if (name) ids[name] = i.InstanceId!;
  }
  return ids;
}

before(async () => {
  mock = await startMock({ accounts: 1 });
  account = mock.accounts[0]!.id;
  admin = new EC2Client(config(mock.accounts[0]!.admin));
  reader = new EC2Client(config(await user('reader', ['arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess'])));
  nobody = new EC2Client(config(await user('nobody', [])));
});
after(() => mock.close());

describe('a user with AmazonEC2ReadOnlyAccess', () => {
  it('may describe, and a DryRun describe says it would have succeeded', async () => {
    const ids = await sampleIds(reader);
    assert.ok(ids['sample-web']);
    assert.ok((await reader.send(new DescribeRegionsCommand({}))).Regions?.length);
    const dry = await failure(reader.send(new DescribeInstancesCommand({ DryRun: true })));
    assert.equal(dry.name, 'DryRunOperation');
    assert.equal(dry.$metadata.httpStatusCode, 412);
  });

  it('may not run instances: DryRun answers UnauthorizedOperation with an encoded message', async () => {
    const err = await failure(reader.send(new RunInstancesCommand({ ImageId: 'ami-12345678', MinCount: 1, MaxCount: 1, DryRun: true })));
    assert.equal(err.name, 'UnauthorizedOperation');
    assert.equal(err.$metadata.httpStatusCode, 403);
    const prefix =
      `You are not authorized to perform this operation. User: arn:aws:iam::${account}:user/reader is not authorized to perform: ` +
      `ec2:RunInstances on resource: arn:aws:ec2:us-east-1:${account}:instance/* because no identity-based policy allows the ` +
      'ec2:RunInstances action. Encoded authorization failure message: ';
    assert.ok(err.message.startsWith(prefix), err.message);
    const encoded = err.message.slice(prefix.length);
    assert.match(encoded, /^[A-Za-z0-9_-]{20,}$/);

    // Only sts:DecodeAuthorizationMessage can read it.
    const sts = new STSClient(config(mock.accounts[0]!.admin));
    const decoded = JSON.parse((await sts.send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }))).DecodedMessage!);
    assert.equal(decoded.allowed, false);
    assert.equal(decoded.context.action, 'ec2:RunInstances');
    assert.equal(decoded.context.resource, `arn:aws:ec2:us-east-1:${account}:instance/*`);
  });

  it('may not stop an instance: the message names the instance ARN', async () => {
    const ids = await sampleIds(admin);
    const err = await failure(reader.send(new StopInstancesCommand({ InstanceIds: [ids['sample-web']!] })));
    assert.equal(err.name, 'UnauthorizedOperation');
    assert.match(
      err.message,
      new RegExp(`perform: ec2:StopInstances on resource: arn:aws:ec2:us-east-1:${account}:instance/${ids['sample-web']} because`),
    );
    assert.match(err.message, /Encoded authorization failure message: \S+$/);
    // Nothing changed.
    const after = await admin.send(new DescribeInstancesCommand({ InstanceIds: [ids['sample-web']!] }));
    assert.equal(after.Reservations?.[0]?.Instances?.[0]?.State?.Name, 'running');
  });
});

describe('a user without policies', () => {
  it('gets UnauthorizedOperation for Describe* without resource and without encoded message', async () => {
    const err = await failure(nobody.send(new DescribeInstancesCommand({})));
    assert.equal(err.name, 'UnauthorizedOperation');
    assert.equal(err.$metadata.httpStatusCode, 403);
    assert.equal(
      err.message,
      `You are not authorized to perform this operation. User: arn:aws:iam::${account}:user/nobody is not authorized to perform: ` +
        'ec2:DescribeInstances because no identity-based policy allows the ec2:DescribeInstances action',
    );
  });

  it('gets UnauthorizedOperation, not DryRunOperation, for a DryRun', async () => {
    const err = await failure(nobody.send(new DescribeInstancesCommand({ DryRun: true })));
    assert.equal(err.name, 'UnauthorizedOperation');
  });

  it('still gets validation errors first', async () => {
    const err = await failure(nobody.send(new DescribeInstancesCommand({ InstanceIds: ['bad-id'] })));
    assert.equal(err.name, 'InvalidInstanceID.Malformed');
  });
});

describe('tag-based conditions', () => {
  it('ec2:ResourceTag decides which instances a user may stop and start', async () => {
    const ids = await sampleIds(admin);
    const team = new EC2Client(
      config(
        await user('team-blue', ['arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess'], {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['ec2:StopInstances', 'ec2:StartInstances'],
              Resource: `arn:aws:ec2:*:${account}:instance/*`,
              Condition: { StringEquals: { 'ec2:ResourceTag/Name': 'sample-db' } },
            },
          ],
        }),
      ),
    );
    const start = await team.send(new StartInstancesCommand({ InstanceIds: [ids['sample-db']!] }));
    assert.equal(start.StartingInstances?.[0]?.CurrentState?.Name, 'pending');
    const denied = await failure(team.send(new StopInstancesCommand({ InstanceIds: [ids['sample-web']!] })));
    assert.equal(denied.name, 'UnauthorizedOperation');
    // One denied instance refuses the whole request.
    const mixed = await failure(team.send(new StopInstancesCommand({ InstanceIds: [ids['sample-db']!, ids['sample-web']!] })));
    assert.equal(mixed.name, 'UnauthorizedOperation');
    const db = await admin.send(new DescribeInstancesCommand({ InstanceIds: [ids['sample-db']!] }));
    assert.equal(db.Reservations?.[0]?.Instances?.[0]?.State?.Name, 'running');
  });
});
