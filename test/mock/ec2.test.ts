// EC2 through the real SDK client over HTTP: sample instances, filters, pagination, the
// instance lifecycle and its response shapes, and EC2's validation errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeAvailabilityZonesCommand,
  DescribeInstanceStatusCommand,
  DescribeInstancesCommand,
  DescribeRegionsCommand,
  EC2Client,
  RunInstancesCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  TerminateInstancesCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import { startMock, type RunningMock } from '../../src/mock/index.js';

let mock: RunningMock;
let ec2: EC2Client;
let other: EC2Client;

function client(index: number, region = 'us-east-1'): EC2Client {
  const { accessKeyId, secretAccessKey } = mock.accounts[index]!.admin;
  return new EC2Client({ endpoint: mock.endpoint, region, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 });
}

async function instances(c: EC2Client, input: ConstructorParameters<typeof DescribeInstancesCommand>[0] = {}): Promise<Instance[]> {
  const out = await c.send(new DescribeInstancesCommand(input));
  return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []);
}

async function rejects(p: Promise<unknown>, name: string, status: number, message?: RegExp): Promise<Error> {
  try {
    await p;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    assert.equal(e.name, name, e.message);
    assert.equal(e.$metadata?.httpStatusCode, status);
    if (message) assert.match(e.message, message);
    return e;
  }
  assert.fail(`expected ${name}`);
}

const nameTag = (i: Instance) => i.Tags?.find((t) => t.Key === 'Name')?.Value;

before(async () => {
  mock = await startMock({ accounts: 2 });
  ec2 = client(0);
  other = client(1);
});
after(() => mock.close());

describe('sample instances', () => {
  it('each account starts with sample-web (running) and sample-db (stopped), ids per account', async () => {
    const mine = await instances(ec2);
    assert.deepEqual(mine.map(nameTag).sort(), ['sample-db', 'sample-web']);
    assert.equal(mine.find((i) => nameTag(i) === 'sample-web')!.State?.Name, 'running');
    assert.equal(mine.find((i) => nameTag(i) === 'sample-db')!.State?.Code, 80);
    for (const i of mine) assert.match(i.InstanceId!, /^i-[0-9a-f]{17}$/);
    const theirs = await instances(other);
    assert.equal(theirs.length, 2);
    assert.ok(theirs.every((t) => !mine.some((m) => m.InstanceId === t.InstanceId)));
    const again = await instances(client(0));
    assert.deepEqual(again.map((i) => i.InstanceId).sort(), mine.map((i) => i.InstanceId).sort());
  });

  it('shows the instance fields clients read', async () => {
    const [web] = await instances(ec2, { Filters: [{ Name: 'tag:Name', Values: ['sample-web'] }] });
    assert.ok(web);
    assert.match(web.ImageId!, /^ami-/);
    assert.equal(web.Placement?.AvailabilityZone, 'us-east-1a');
    assert.match(web.PrivateIpAddress!, /^172\.31\./);
    assert.ok(web.PublicIpAddress);
    assert.match(web.VpcId!, /^vpc-/);
    assert.ok(web.LaunchTime instanceof Date);
    assert.equal(web.SecurityGroups?.[0]?.GroupName, 'default');
  });
});

describe('DescribeInstances', () => {
  it('filters by state, tag key, tag value with wildcards, and instance id', async () => {
    const running = await instances(ec2, { Filters: [{ Name: 'instance-state-name', Values: ['running'] }] });
    assert.deepEqual(running.map(nameTag), ['sample-web']);
    const tagged = await instances(ec2, { Filters: [{ Name: 'tag-key', Values: ['Name'] }, { Name: 'tag:Name', Values: ['sample-d?'] }] });
    assert.deepEqual(tagged.map(nameTag), ['sample-db']);
    const star = await instances(ec2, { Filters: [{ Name: 'tag:Name', Values: ['sample-*'] }] });
    assert.equal(star.length, 2);
    const byId = await instances(ec2, { Filters: [{ Name: 'instance-id', Values: [running[0]!.InstanceId!] }] });
    assert.deepEqual(byId.map((i) => i.InstanceId), [running[0]!.InstanceId]);
    assert.deepEqual(await instances(ec2, { Filters: [{ Name: 'tag:Name', Values: ['nothing'] }] }), []);
  });

  it('refuses unknown filters, malformed and unknown ids', async () => {
    await rejects(ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'colour', Values: ['x'] }] })), 'InvalidParameterValue', 400, /The filter 'colour' is invalid/);
    await rejects(ec2.send(new DescribeInstancesCommand({ InstanceIds: ['web-1'] })), 'InvalidInstanceID.Malformed', 400, /Invalid id: "web-1"/);
    await rejects(
      ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })),
      'InvalidInstanceID.NotFound',
      400,
      /The instance ID 'i-0123456789abcdef0' does not exist/,
    );
    // Another account's instance does not exist for this caller.
    const [theirs] = await instances(other);
    await rejects(ec2.send(new DescribeInstancesCommand({ InstanceIds: [theirs!.InstanceId!] })), 'InvalidInstanceID.NotFound', 400);
  });

  it('pages with MaxResults and NextToken, and checks their rules', async () => {
    const c = client(1, 'eu-west-1');
    await c.send(new RunInstancesCommand({ ImageId: 'ami-12345678', MinCount: 6, MaxCount: 6 }));
    const all = await instances(c);
    assert.equal(all.length, 8);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const out = await c.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: token }));
      seen.push(...(out.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => i.InstanceId!));
      token = out.NextToken;
      pages++;
    } while (token);
    assert.equal(pages, 2);
    assert.deepEqual([...seen].sort(), all.map((i) => i.InstanceId!).sort());
    await rejects(c.send(new DescribeInstancesCommand({ MaxResults: 3 })), 'InvalidParameterValue', 400, /greater than 5/);
    await rejects(
      c.send(new DescribeInstancesCommand({ MaxResults: 5, InstanceIds: [all[0]!.InstanceId!] })),
      'InvalidParameterCombination',
      400,
    );
    await rejects(c.send(new DescribeInstancesCommand({ NextToken: 'garbage' })), 'InvalidParameterValue', 400, /NextToken/);
  });
});

describe('instance lifecycle', () => {
  it('runs, stops, starts and terminates with AWS state codes and transitions', async () => {
    const run = await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-0abcdef1234567890',
        InstanceType: 't3.nano',
        MinCount: 1,
        MaxCount: 1,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'lab-web' }] }],
      }),
    );
    assert.match(run.ReservationId!, /^r-[0-9a-f]{17}$/);
    assert.equal(run.OwnerId, mock.accounts[0]!.id);
    const inst = run.Instances![0]!;
    assert.deepEqual(inst.State, { Code: 0, Name: 'pending' });
    assert.equal(inst.InstanceType, 't3.nano');
    assert.equal(nameTag(inst), 'lab-web');
    // A pending instance has no public name or address yet; it gets them once running.
    assert.ok(!inst.PublicDnsName);
    assert.equal(inst.PublicIpAddress, undefined);
    assert.ok(inst.PrivateIpAddress);
    const id = inst.InstanceId!;
    const now = async () => (await instances(ec2, { InstanceIds: [id] }))[0]!;
    const running = await now();
    assert.equal(running.State?.Name, 'running');
    assert.match(running.PublicIpAddress ?? '', /^\d+\.\d+\.\d+\.\d+$/);
    assert.equal(running.PublicDnsName, `ec2-${running.PublicIpAddress!.replace(/\./g, '-')}.compute-1.amazonaws.com`);
    const byIp = await instances(ec2, { Filters: [{ Name: 'ip-address', Values: [running.PublicIpAddress!] }] });
    assert.deepEqual(byIp.map((i) => i.InstanceId), [id]);

    const stop = await ec2.send(new StopInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(stop.StoppingInstances, [
      { InstanceId: id, CurrentState: { Code: 64, Name: 'stopping' }, PreviousState: { Code: 16, Name: 'running' } },
    ]);
    const stopped = await now();
    assert.equal(stopped.State?.Name, 'stopped');
    assert.equal(stopped.StateReason?.Code, 'Client.UserInitiatedShutdown');
    assert.equal(stopped.PublicIpAddress, undefined);

    const start = await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(start.StartingInstances?.[0]?.CurrentState, { Code: 0, Name: 'pending' });
    assert.deepEqual(start.StartingInstances?.[0]?.PreviousState, { Code: 80, Name: 'stopped' });
    const again = await ec2.send(new StartInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(again.StartingInstances?.[0]?.CurrentState, { Code: 16, Name: 'running' });

    const term = await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
    assert.deepEqual(term.TerminatingInstances?.[0]?.CurrentState, { Code: 32, Name: 'shutting-down' });
    assert.equal((await now()).State?.Name, 'terminated');
    assert.ok(!mock.inventory().accounts[0]!.services['ec2']!['instances']!.includes(id));
    await rejects(
      ec2.send(new StartInstancesCommand({ InstanceIds: [id] })),
      'IncorrectInstanceState',
      400,
      new RegExp(`The instance '${id}' is not in a state from which it can be started`),
    );
  });

  it('lists launched instances in the inventory until they are terminated', async () => {
    const run = await ec2.send(new RunInstancesCommand({ ImageId: 'ami-12345678', MinCount: 2, MaxCount: 2 }));
    const ids = run.Instances!.map((i) => i.InstanceId!);
    const listed = () => mock.inventory().accounts[0]!.services['ec2']!['instances']!;
    for (const id of ids) assert.ok(listed().includes(id));
    await ec2.send(new TerminateInstancesCommand({ InstanceIds: ids }));
    for (const id of ids) assert.ok(!listed().includes(id));
  });

  it('validates RunInstances parameters before anything else', async () => {
    await rejects(ec2.send(new RunInstancesCommand({ ImageId: 'image-1', MinCount: 1, MaxCount: 1 })), 'InvalidAMIID.Malformed', 400, /expecting "ami-/);
    await rejects(ec2.send(new RunInstancesCommand({ ImageId: 'ami-12345678', MinCount: 3, MaxCount: 2 })), 'InvalidParameterValue', 400);
    for (const type of ['t2.mirco', 't3', 'T3.micro', 'm5.xxlarge']) {
      await rejects(ec2.send(new RunInstancesCommand({ ImageId: 'ami-12345678', InstanceType: type as 't3.micro', MinCount: 1, MaxCount: 1 })), 'InvalidParameterValue', 400, new RegExp(`^Invalid value '${type}' for InstanceType\\.$`));
    }
    // Sizes of every shape EC2 has, on families the mock does not list.
    for (const type of ['t4g.nano', 'm7i.48xlarge', 'c7gn.metal', 'm7i.metal-24xl', 'u-6tb1.112xlarge', 'mac2-m2pro.metal']) {
      await rejects(ec2.send(new RunInstancesCommand({ ImageId: 'ami-12345678', InstanceType: type as 't3.micro', MinCount: 1, MaxCount: 1, DryRun: true })), 'DryRunOperation', 412);
    }
    await rejects(ec2.send(new RunInstancesCommand({ ImageId: 'ami-12345678', MinCount: 50, MaxCount: 50 })), 'InstanceLimitExceeded', 400);
    await rejects(
      ec2.send(new RunInstancesCommand({ ImageId: 'ami-12345678', MinCount: 1, MaxCount: 1, DryRun: true })),
      'DryRunOperation',
      412,
      /^Request would have succeeded, but DryRun flag is set\.$/,
    );
    await rejects(ec2.send(new StopInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'], DryRun: true })), 'InvalidInstanceID.NotFound', 400);
  });

  it('tags instances and filters on the tags', async () => {
    const [db] = await instances(ec2, { Filters: [{ Name: 'tag:Name', Values: ['sample-db'] }] });
    const id = db!.InstanceId!;
    await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'Team', Value: 'blue' }] }));
    const blue = await instances(ec2, { Filters: [{ Name: 'tag:Team', Values: ['blue'] }] });
    assert.deepEqual(blue.map((i) => i.InstanceId), [id]);
    await ec2.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: 'Team' }] }));
    assert.deepEqual(await instances(ec2, { Filters: [{ Name: 'tag:Team', Values: ['blue'] }] }), []);
  });
});

describe('status and geography', () => {
  it('DescribeInstanceStatus shows running instances unless IncludeAllInstances', async () => {
    const c = client(0, 'ap-south-1');
    const running = await c.send(new DescribeInstanceStatusCommand({}));
    assert.equal(running.InstanceStatuses?.length, 1);
    assert.equal(running.InstanceStatuses?.[0]?.InstanceStatus?.Status, 'ok');
    const all = await c.send(new DescribeInstanceStatusCommand({ IncludeAllInstances: true }));
    assert.deepEqual(all.InstanceStatuses?.map((s) => s.InstanceState?.Name).sort(), ['running', 'stopped']);
  });

  it('DescribeRegions and DescribeAvailabilityZones', async () => {
    const regions = await ec2.send(new DescribeRegionsCommand({}));
    const names = regions.Regions!.map((r) => r.RegionName);
    assert.ok(names.includes('us-east-1') && names.includes('eu-west-1'));
    assert.ok(!names.includes('af-south-1'));
    const all = await ec2.send(new DescribeRegionsCommand({ AllRegions: true }));
    assert.equal(all.Regions!.find((r) => r.RegionName === 'af-south-1')?.OptInStatus, 'not-opted-in');
    const one = await ec2.send(new DescribeRegionsCommand({ RegionNames: ['eu-west-1'] }));
    assert.deepEqual(one.Regions, [{ RegionName: 'eu-west-1', Endpoint: 'ec2.eu-west-1.amazonaws.com', OptInStatus: 'opt-in-not-required' }]);
    const zones = await client(0, 'eu-west-2').send(new DescribeAvailabilityZonesCommand({}));
    assert.deepEqual(zones.AvailabilityZones!.map((z) => z.ZoneName), ['eu-west-2a', 'eu-west-2b', 'eu-west-2c']);
  });
});
