// EC2 state: instances per account and region, as plain JSON data (persisted by the world).
// Each account+region starts with two sample instances with deterministic ids, so a first
// DescribeInstances shows something.
import { createHash } from 'node:crypto';
import type { ServiceWorld } from '../../types.js';

export type StateName = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

export const STATE_CODES: Record<StateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export interface Ec2Tag {
  key: string;
  value: string;
}

export interface InstanceRecord {
  instanceId: string;
  reservationId: string;
  ownerId: string;
  region: string;
  imageId: string;
  instanceType: string;
  keyName?: string;
  launchTime: string;
  amiLaunchIndex: number;
  /** The state reported now; a transitional state (pending, stopping, shutting-down) settles to
   * `settlesTo` once the clock passes `settlesAt` (ms since the epoch). */
  state: StateName;
  settlesTo?: StateName;
  settlesAt?: number;
  stateTransitionReason: string;
  stateReason?: { code: string; message: string };
  /** When the instance reached `terminated` (ms); AWS lists terminated instances for about an
   * hour, then they disappear. */
  terminatedAt?: number;
  availabilityZone: string;
  vpcId: string;
  subnetId: string;
  securityGroups: { groupId: string; groupName: string }[];
  privateIpAddress: string;
  publicIpAddress: string;
  tags: Ec2Tag[];
}

interface RegionState {
  instances: InstanceRecord[];
}

interface Ec2AccountState {
  regions: Record<string, RegionState>;
}

/** How long a transitional state lasts. AWS takes seconds to minutes; the SDK waiters poll every
 * 15 s or more, so any delay here would stall labs that wait for `running` without teaching
 * anything. Mutating calls still answer with the transitional state, as AWS does. */
const SETTLE_MS = 0;
/** How long a terminated instance stays visible. */
const TERMINATED_VISIBLE_MS = 60 * 60 * 1000;

/** A stable hex id derived from a seed: sample resources look the same on every start. */
export function stableHex(seed: string, length = 17): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

/** The default VPC of an account in a region (AWS creates one per region). */
export function defaultNetwork(accountId: string, region: string) {
  const seed = `${accountId}:${region}`;
  return {
    vpcId: `vpc-${stableHex(`${seed}:vpc`)}`,
    subnetId: `subnet-${stableHex(`${seed}:subnet`)}`,
    securityGroup: { groupId: `sg-${stableHex(`${seed}:sg`)}`, groupName: 'default' },
    availabilityZone: `${region}a`,
  };
}

/** Private (default VPC 172.31.0.0/16) and public addresses derived from the instance id. */
function addresses(instanceId: string): { privateIp: string; publicIp: string } {
  const h = createHash('sha256').update(instanceId).digest();
  return {
    privateIp: `172.31.${h[0]! % 256}.${(h[1]! % 254) + 1}`,
    publicIp: `54.${h[2]! % 256}.${h[3]! % 256}.${(h[4]! % 254) + 1}`,
  };
}

/** The public address an instance shows: none until it is running (a launch answers with
 * the instance pending and no public name or address), none once it stops or terminates. */
export function publicIp(inst: InstanceRecord): string | undefined {
  return inst.state === 'running' ? inst.publicIpAddress : undefined;
}

export interface NewInstance {
  instanceId: string;
  reservationId: string;
  imageId: string;
  instanceType: string;
  keyName?: string;
  amiLaunchIndex: number;
  tags: Ec2Tag[];
  state: StateName;
  launchTime: string;
}

export function buildInstance(accountId: string, region: string, spec: NewInstance): InstanceRecord {
  const net = defaultNetwork(accountId, region);
  const ip = addresses(spec.instanceId);
  return {
    instanceId: spec.instanceId,
    reservationId: spec.reservationId,
    ownerId: accountId,
    region,
    imageId: spec.imageId,
    instanceType: spec.instanceType,
    ...(spec.keyName !== undefined ? { keyName: spec.keyName } : {}),
    launchTime: spec.launchTime,
    amiLaunchIndex: spec.amiLaunchIndex,
    state: spec.state,
    stateTransitionReason: '',
    availabilityZone: net.availabilityZone,
    vpcId: net.vpcId,
    subnetId: net.subnetId,
    securityGroups: [net.securityGroup],
    privateIpAddress: ip.privateIp,
    publicIpAddress: ip.publicIp,
    tags: spec.tags,
  };
}

function sampleInstances(accountId: string, region: string): InstanceRecord[] {
  const launchTime = '2025-01-01T00:00:00.000Z';
  const samples: [string, StateName, string][] = [
    ['sample-web', 'running', 't3.micro'],
    ['sample-db', 'stopped', 't3.small'],
  ];
  return samples.map(([name, state, type]) => {
    const seed = `${accountId}:${region}:${name}`;
    const inst = buildInstance(accountId, region, {
      instanceId: `i-${stableHex(seed)}`,
      reservationId: `r-${stableHex(`${seed}:r`)}`,
      imageId: `ami-${stableHex(`${region}:al2023`)}`,
      instanceType: type,
      amiLaunchIndex: 0,
      tags: [{ key: 'Name', value: name }],
      state,
      launchTime,
    });
    if (state === 'stopped') {
      inst.stateTransitionReason = 'User initiated (2025-01-01 00:00:00 GMT)';
      inst.stateReason = stoppedReason();
    }
    return inst;
  });
}

export function stoppedReason() {
  return { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' };
}

/** The account's EC2 state. Regions come from the request's signing scope, so any string is a
 * possible key ("__proto__" included): the map is kept without a prototype, and state loaded
 * from a file (ordinary objects) is converted once. */
function accountState(world: ServiceWorld, accountId: string): Ec2AccountState {
  const account = world.accountState<Ec2AccountState>(accountId, 'ec2', () => ({ regions: Object.create(null) as Record<string, RegionState> }));
  if (Object.getPrototypeOf(account.regions) !== null) {
    account.regions = Object.assign(Object.create(null) as Record<string, RegionState>, account.regions);
  }
  return account;
}

/** The instances of an account in a region, with transitional states settled as of `now`. */
export function regionInstances(world: ServiceWorld, accountId: string, region: string, now: number): InstanceRecord[] {
  const account = accountState(world, accountId);
  let rs = Object.hasOwn(account.regions, region) ? account.regions[region] : undefined;
  if (!rs) {
    rs = account.regions[region] = { instances: sampleInstances(accountId, region) };
    world.changed();
  }
  let changed = false;
  for (const inst of rs.instances) changed = settle(inst, now) || changed;
  const kept = rs.instances.filter((i) => i.terminatedAt === undefined || now - i.terminatedAt < TERMINATED_VISIBLE_MS);
  if (kept.length !== rs.instances.length) {
    rs.instances = kept;
    changed = true;
  }
  if (changed) world.changed();
  return rs.instances;
}

function settle(inst: InstanceRecord, now: number): boolean {
  if (inst.settlesTo === undefined || inst.settlesAt === undefined || now < inst.settlesAt) return false;
  inst.state = inst.settlesTo;
  if (inst.state === 'terminated') inst.terminatedAt = inst.settlesAt;
  delete inst.settlesTo;
  delete inst.settlesAt;
  return true;
}

/** Move an instance into a transitional state that settles to `to`. */
export function transition(inst: InstanceRecord, via: StateName, to: StateName, now: number): void {
  inst.state = via;
  inst.settlesTo = to;
  inst.settlesAt = now + SETTLE_MS;
}

/** "User initiated (2025-01-01 12:00:00 GMT)", AWS's stateTransitionReason form. */
export function userInitiated(now: number): string {
  const iso = new Date(now).toISOString();
  return `User initiated (${iso.slice(0, 10)} ${iso.slice(11, 19)} GMT)`;
}

/** Ids of the instances an account has launched that are not terminated, in every region. The
 * sample instances are left out: they are fixtures present in every region from the start, so
 * listing them would only make an inventory depend on which regions were visited. */
export function launchedInstanceIds(world: ServiceWorld, accountId: string): string[] {
  const account = accountState(world, accountId);
  const ids: string[] = [];
  for (const [region, rs] of Object.entries(account.regions)) {
    const samples = new Set(sampleInstances(accountId, region).map((i) => i.instanceId));
    for (const inst of rs.instances) {
      const gone = inst.state === 'terminated' || inst.settlesTo === 'terminated';
      if (!gone && !samples.has(inst.instanceId)) ids.push(inst.instanceId);
    }
  }
  return ids.sort();
}
