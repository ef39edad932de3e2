// Instances as EC2 XML members (locationNames of botocore's `Instance`, `Reservation` and
// `InstanceStateChange` shapes).
import { items } from '../../protocols/ec2.js';
import { publicIp, STATE_CODES, type InstanceRecord, type StateName } from './state.js';

export function stateXml(state: StateName) {
  return { code: STATE_CODES[state], name: state };
}

function dnsNames(inst: InstanceRecord) {
  const dashed = (ip: string) => ip.replace(/\./g, '-');
  const east = inst.region === 'us-east-1';
  const privateDns = `ip-${dashed(inst.privateIpAddress)}.${east ? 'ec2.internal' : `${inst.region}.compute.internal`}`;
  const publicDns = `ec2-${dashed(inst.publicIpAddress)}.${east ? 'compute-1' : `${inst.region}.compute`}.amazonaws.com`;
  return { privateDns, publicDns };
}

export function instanceXml(inst: InstanceRecord) {
  const { privateDns, publicDns } = dnsNames(inst);
  // A stopped instance keeps its private address; only a running one has a public one.
  const ip = publicIp(inst);
  const terminated = inst.state === 'terminated';
  return {
    instanceId: inst.instanceId,
    imageId: inst.imageId,
    instanceState: stateXml(inst.state),
    privateDnsName: terminated ? '' : privateDns,
    dnsName: ip !== undefined ? publicDns : '',
    reason: inst.stateTransitionReason,
    keyName: inst.keyName,
    amiLaunchIndex: inst.amiLaunchIndex,
    productCodes: '',
    instanceType: inst.instanceType,
    launchTime: inst.launchTime,
    placement: { availabilityZone: inst.availabilityZone, groupName: '', tenancy: 'default' },
    monitoring: { state: 'disabled' },
    subnetId: terminated ? undefined : inst.subnetId,
    vpcId: terminated ? undefined : inst.vpcId,
    privateIpAddress: terminated ? undefined : inst.privateIpAddress,
    ipAddress: ip,
    sourceDestCheck: terminated ? undefined : true,
    groupSet: items(terminated ? [] : inst.securityGroups),
    stateReason: inst.stateReason,
    architecture: 'x86_64',
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    blockDeviceMapping: '',
    virtualizationType: 'hvm',
    tagSet: items(inst.tags.map((t) => ({ key: t.key, value: t.value }))),
    hypervisor: 'xen',
    ebsOptimized: false,
    enaSupport: true,
    platformDetails: 'Linux/UNIX',
    usageOperation: 'RunInstances',
    bootMode: 'uefi-preferred',
    currentInstanceBootMode: 'legacy-bios',
  };
}

/** Instances grouped into their reservations, in the order given. */
export function reservationsXml(instances: InstanceRecord[]) {
  const byReservation = new Map<string, InstanceRecord[]>();
  for (const inst of instances) {
    const list = byReservation.get(inst.reservationId);
    if (list) list.push(inst);
    else byReservation.set(inst.reservationId, [inst]);
  }
  return items([...byReservation.values()].map((group) => reservationXml(group)));
}

export function reservationXml(group: InstanceRecord[]) {
  const first = group[0]!;
  return {
    reservationId: first.reservationId,
    ownerId: first.ownerId,
    groupSet: '',
    instancesSet: items(group.map(instanceXml)),
  };
}

export function stateChangeXml(instanceId: string, previous: StateName, current: StateName) {
  return { instanceId, currentState: stateXml(current), previousState: stateXml(previous) };
}
