// The run tag added to creates, and the name check that guards every delete of lab cleanup.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RUN_TAG_KEY, runTagOf, withRunTag } from '../../src/targets/aws-tags.js';
import { hasPrefix, nameOf, ownershipOf, type SendFn } from '../../src/targets/safety-names.js';

const run = { prefix: 'lab-k3f9q', runId: 'lab-k3f9q-m1' };
const noCalls: SendFn = async () => assert.fail('no lookup expected');

describe('run tag', () => {
  it('is added to IAM creates that take Tags, keeping the lab own tags', () => {
    const tagged = withRunTag('iam:CreateRole', { RoleName: 'r', Tags: [{ Key: 'team', Value: 'a' }] }, run.runId);
    assert.deepEqual(tagged['Tags'], [
      { Key: 'team', Value: 'a' },
      { Key: RUN_TAG_KEY, Value: run.runId },
    ]);
    assert.equal(runTagOf(tagged), run.runId);
    assert.deepEqual(withRunTag('iam:CreateRole', tagged, 'other'), tagged, 'an existing run tag is left alone');
  });

  it('goes into TagSpecifications for EC2 creates, per resource type', () => {
    const input = { TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'x' }] }] };
    const tagged = withRunTag('ec2:RunInstances', input, run.runId);
    assert.deepEqual(tagged['TagSpecifications'], [
      { ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'x' }, { Key: RUN_TAG_KEY, Value: run.runId }] },
      { ResourceType: 'volume', Tags: [{ Key: RUN_TAG_KEY, Value: run.runId }] },
    ]);
    assert.equal(runTagOf(tagged), run.runId);
  });

  it('leaves calls that take no tags unchanged', () => {
    const input = { Bucket: 'b' };
    assert.equal(withRunTag('s3:CreateBucket', input, run.runId), input);
    assert.equal(withRunTag('iam:AttachRolePolicy', input, run.runId), input);
    assert.equal(runTagOf(input), undefined);
  });
});

describe('ownership of what a cleanup call deletes', () => {
  it('a name belongs to the run when it is the prefix followed by a separator', () => {
    assert.ok(hasPrefix('lab-k3f9q-reader', 'lab-k3f9q'));
    assert.ok(hasPrefix('lab-k3f9q', 'lab-k3f9q'));
    assert.ok(!hasPrefix('lab-k3f9qx-reader', 'lab-k3f9q'), 'another prefix that extends this one');
    assert.ok(!hasPrefix('prod-reader', 'lab-k3f9q'));
  });

  it('names the entity changed, not what is attached to it', () => {
    assert.equal(nameOf({ RoleName: 'lab-k3f9q-r', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }), 'lab-k3f9q-r');
    assert.equal(nameOf({ PolicyArn: 'arn:aws:iam::111111111111:policy/path/lab-k3f9q-p' }), 'lab-k3f9q-p');
    assert.equal(nameOf({ UserName: 'lab-k3f9q-u', AccessKeyId: 'AKIA' }), 'lab-k3f9q-u');
    assert.equal(nameOf({ InstanceIds: ['i-1'] }), undefined);
  });

  it('refuses names without the prefix; accepts the run own', async () => {
    assert.deepEqual(await ownershipOf('iam:DeleteRole', { RoleName: 'lab-k3f9q-r' }, run, noCalls), { kind: 'owned' });
    const foreign = await ownershipOf('iam:DeleteRole', { RoleName: 'Admin' }, run, noCalls);
    assert.equal(foreign.kind, 'foreign');
    assert.match((foreign as { reason: string }).reason, /"Admin" is not named with the run's prefix "lab-k3f9q"/);
    assert.equal((await ownershipOf('iam:DeletePolicy', { PolicyArn: 'arn:aws:iam::1:policy/OrgPolicy' }, run, noCalls)).kind, 'foreign');
  });

  it('looks EC2 resources up by id: the run tag or a prefixed name makes them the run own; gone is gone', async () => {
    const instances = (tags: Array<{ Key: string; Value: string }>, state = 'running') => ({
      ok: true as const,
      durationMs: 1,
      output: { Reservations: [{ Instances: [{ InstanceId: 'i-1', State: { Name: state }, Tags: tags }] }] },
    });
    const send = (reply: Awaited<ReturnType<SendFn>>): SendFn => async (call) => (assert.equal(call, 'ec2:DescribeInstances'), reply);
    const input = { InstanceIds: ['i-1'] };
    assert.equal((await ownershipOf('ec2:TerminateInstances', input, run, send(instances([{ Key: RUN_TAG_KEY, Value: run.runId }])))).kind, 'owned');
    assert.equal((await ownershipOf('ec2:TerminateInstances', input, run, send(instances([{ Key: 'Name', Value: 'lab-k3f9q-web' }])))).kind, 'owned');
    assert.equal((await ownershipOf('ec2:TerminateInstances', input, run, send(instances([{ Key: 'Name', Value: 'prod-web' }])))).kind, 'foreign');
    assert.equal((await ownershipOf('ec2:TerminateInstances', input, run, send(instances([], 'terminated')))).kind, 'gone');
    const notFound = { ok: false as const, durationMs: 1, error: { code: 'InvalidInstanceID.NotFound', message: 'x' } };
    assert.equal((await ownershipOf('ec2:TerminateInstances', input, run, send(notFound))).kind, 'gone');
  });

  it('refuses what it cannot identify', async () => {
    assert.equal((await ownershipOf('iam:DeleteOpenIDConnectProvider', { OpenIDConnectProviderArn: 'arn:aws:iam::1:oidc-provider/example.com' }, run, noCalls)).kind, 'foreign');
  });
});
