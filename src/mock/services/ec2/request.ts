// What every EC2 handler gets, and the validations several of them share.
import { ec2Bool, ec2List, type Ec2Params } from '../../protocols/ec2.js';
import { AwsError, type Call, type Reply, type ServiceWorld } from '../../types.js';
import { regionInstances, type InstanceRecord } from './state.js';

export interface Ec2Request {
  call: Call;
  world: ServiceWorld;
  action: string;
  params: Ec2Params;
  dryRun: boolean;
}

export type Ec2Handler = (req: Ec2Request) => Reply;

export function newRequest(call: Call, world: ServiceWorld, action: string, params: Ec2Params): Ec2Request {
  return { call, world, action, params, dryRun: ec2Bool(params, 'DryRun') ?? false };
}

/** Current instances of the caller's account in the request's region. */
export function instancesOf(req: Ec2Request): InstanceRecord[] {
  return regionInstances(req.world, req.call.caller.accountId, req.call.region, req.call.now.getTime());
}

const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

/** `InstanceId.N`, each well-formed (InvalidInstanceID.Malformed otherwise). */
export function instanceIdParams(params: Ec2Params): string[] {
  const ids = ec2List(params, 'InstanceId');
  for (const id of ids) {
    if (!INSTANCE_ID.test(id)) throw new AwsError('InvalidInstanceID.Malformed', `Invalid id: "${id}"`);
  }
  return ids;
}

/** The named instances, in request order; InvalidInstanceID.NotFound names every missing id. */
export function findInstances(all: InstanceRecord[], ids: string[]): InstanceRecord[] {
  const byId = new Map(all.map((i) => [i.instanceId, i]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length === 1) {
    throw new AwsError('InvalidInstanceID.NotFound', `The instance ID '${missing[0]}' does not exist`);
  }
  if (missing.length > 1) {
    throw new AwsError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
  }
  return [...new Set(ids)].map((id) => byId.get(id)!);
}

export function requireParam(params: Ec2Params, name: string): string {
  const v = params.get(name);
  if (v === undefined || v === '') {
    throw new AwsError('MissingParameter', `The request must contain the parameter ${name}`);
  }
  return v;
}
