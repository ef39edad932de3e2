// RunInstances: validate, authorise ec2:RunInstances on every resource the launch touches (and
// ec2:CreateTags for launch tags, with ec2:CreateAction), then launch in `pending`.
import { ec2Int, ec2List, ec2Response } from '../../protocols/ec2.js';
import { AwsError, type Reply } from '../../types.js';
import { authorizeEc2, instanceArn, requestTagContext, type Ec2Check } from './authz.js';
import { reservationXml } from './render.js';
import { instancesOf, requireParam, type Ec2Request } from './request.js';
import { buildInstance, defaultNetwork, transition, type Ec2Tag, type InstanceRecord } from './state.js';
import { launchTags } from './tag-params.js';

/** Instances one RunInstances call may start (AWS's default vCPU-based quota is of this order). */
const MAX_PER_LAUNCH = 20;
const AMI_ID = /^ami-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
/** Family (t3, m7g, u-6tb1, mac2-m2pro...) and one of EC2's sizes: a mistyped size such as
 * t2.mirco is refused as AWS refuses it, without a catalogue of the families (which grows). */
const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.(?:nano|micro|small|medium|large|xlarge|\d{1,3}xlarge|metal(?:-\d{1,3}xl)?)$/;
/** The API's documented default. */
const DEFAULT_INSTANCE_TYPE = 'm1.small';

interface LaunchSpec {
  imageId: string;
  instanceType: string;
  keyName?: string;
  count: number;
  tags: Ec2Tag[];
}

function launchSpec(req: Ec2Request): LaunchSpec {
  const { params } = req;
  const imageId = requireParam(params, 'ImageId');
  if (!AMI_ID.test(imageId)) {
    throw new AwsError('InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
  }
  requireParam(params, 'MinCount');
  requireParam(params, 'MaxCount');
  const min = ec2Int(params, 'MinCount')!;
  const max = ec2Int(params, 'MaxCount')!;
  if (min < 1) throw new AwsError('InvalidParameterValue', `Value (${min}) for parameter minCount is invalid. Expected a positive integer.`);
  if (max < min) {
    throw new AwsError('InvalidParameterValue', `Value (${max}) for parameter maxCount is invalid. Must be greater than or equal to minCount.`);
  }
  if (min > MAX_PER_LAUNCH) {
    throw new AwsError(
      'InstanceLimitExceeded',
      `You have requested more instances (${min}) than your current instance limit of ${MAX_PER_LAUNCH} allows for the specified instance type. Please visit http://aws.amazon.com/contact-us/ec2-request to request an adjustment to this limit.`,
    );
  }
  const instanceType = params.get('InstanceType') ?? DEFAULT_INSTANCE_TYPE;
  if (!INSTANCE_TYPE.test(instanceType)) {
    throw new AwsError('InvalidParameterValue', `Invalid value '${instanceType}' for InstanceType.`);
  }
  const keyName = params.get('KeyName');
  const spec: LaunchSpec = { imageId, instanceType, count: Math.min(max, MAX_PER_LAUNCH), tags: launchTags(params) };
  if (keyName !== undefined) spec.keyName = keyName;
  return spec;
}

/** The resources ec2:RunInstances is authorised on, instance first (the one AWS's message names). */
function launchChecks(req: Ec2Request, spec: LaunchSpec): Ec2Check[] {
  const { region, caller } = req.call;
  const account = caller.accountId;
  const net = defaultNetwork(account, region);
  const subnetId = req.params.get('SubnetId') ?? net.subnetId;
  const groups = ec2List(req.params, 'SecurityGroupId');
  const arn = (type: string, id: string) => `arn:aws:ec2:${region}:${account}:${type}/${id}`;
  const tagCtx = requestTagContext(spec.tags);
  const base = { action: 'ec2:RunInstances', resourceAccount: account };
  const checks: Ec2Check[] = [
    {
      ...base,
      resource: instanceArn(region, account, '*'),
      context: { 'ec2:InstanceType': spec.instanceType, 'ec2:Region': region, 'ec2:Tenancy': 'default', ...tagCtx },
    },
    { action: 'ec2:RunInstances', resource: `arn:aws:ec2:${region}::image/${spec.imageId}`, context: { 'ec2:Region': region } },
    { ...base, resource: arn('network-interface', '*'), context: { 'ec2:Region': region, 'ec2:Subnet': arn('subnet', subnetId) } },
    ...(groups.length ? groups : [net.securityGroup.groupId]).map((g) => ({
      ...base,
      resource: arn('security-group', g),
      context: { 'ec2:Region': region, 'ec2:Vpc': arn('vpc', net.vpcId) },
    })),
    { ...base, resource: arn('subnet', subnetId), context: { 'ec2:Region': region, 'ec2:Vpc': arn('vpc', net.vpcId) } },
    { ...base, resource: arn('volume', '*'), context: { 'ec2:Region': region } },
  ];
  if (spec.keyName !== undefined) checks.push({ ...base, resource: arn('key-pair', spec.keyName), context: { 'ec2:Region': region } });
  if (spec.tags.length) {
    checks.push({
      ...base,
      action: 'ec2:CreateTags',
      resource: instanceArn(region, account, '*'),
      context: { 'ec2:CreateAction': 'RunInstances', 'ec2:Region': region, ...tagCtx },
    });
  }
  return checks;
}

export function runInstances(req: Ec2Request): Reply {
  const spec = launchSpec(req);
  authorizeEc2(req.call, launchChecks(req, spec), { dryRun: req.dryRun, mutating: true });

  const { world, call } = req;
  const now = call.now.getTime();
  const instances = instancesOf(req);
  const reservationId = world.newId('r-', 17, 'hex');
  const launched: InstanceRecord[] = [];
  for (let i = 0; i < spec.count; i++) {
    const inst = buildInstance(call.caller.accountId, call.region, {
      instanceId: world.newId('i-', 17, 'hex'),
      reservationId,
      imageId: spec.imageId,
      instanceType: spec.instanceType,
      ...(spec.keyName !== undefined ? { keyName: spec.keyName } : {}),
      amiLaunchIndex: i,
      tags: spec.tags.map((t) => ({ ...t })),
      state: 'pending',
      launchTime: call.now.toISOString(),
    });
    transition(inst, 'pending', 'running', now);
    launched.push(inst);
  }
  instances.push(...launched);
  world.changed();
  return ec2Response(req.action, call.requestId, reservationXml(launched));
}
