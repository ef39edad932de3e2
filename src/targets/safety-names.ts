// The last check before `lab cleanup` deletes something on the strength of a journal: the
// thing must be named with the run's prefix (labs name everything `${prefix}-...`), or, for
// EC2 resources known only by id, carry the run's tag or a prefixed name. A journal is a file
// anyone could edit; this is what keeps it from deleting anything else in the account.
import type { AwsResult } from '../aws/index.js';
import { RUN_TAG_KEY } from './aws-tags.js';

export type SendFn = (call: string, input: Record<string, unknown>) => Promise<AwsResult>;

export type Ownership = { kind: 'owned' } | { kind: 'gone' } | { kind: 'foreign'; reason: string };

export interface RunIdentity {
  prefix: string;
  runId: string;
}

/** Input members that name the resource a cleanup call changes, most specific first: in
 * DetachRolePolicy it is the role (the policy may be AWS managed), in DeleteAccessKey the
 * user. */
const NAME_MEMBERS = ['UserName', 'RoleName', 'GroupName', 'InstanceProfileName', 'Bucket', 'KeyName', 'AccountAlias'];
/** Members holding an ARN whose last path segment is the name. */
const ARN_MEMBERS = ['PolicyArn', 'SAMLProviderArn'];

/** "lab-k3f9q-reader" is named with "lab-k3f9q"; "lab-k3f9qx" is not (another run's prefix
 * may extend this one, e.g. "alice" and "alice2"). */
export function hasPrefix(name: string, prefix: string): boolean {
  return name === prefix || (name.startsWith(prefix) && !/[a-z0-9]/i.test(name[prefix.length]!));
}

export function nameOf(input: Record<string, unknown>): string | undefined {
  for (const m of NAME_MEMBERS) if (typeof input[m] === 'string') return input[m];
  for (const m of ARN_MEMBERS) if (typeof input[m] === 'string') return (input[m] as string).split('/').pop();
  return undefined;
}

const tagsOf = (v: unknown): Array<{ Key?: string; Value?: string }> => (Array.isArray(v) ? v : []);

function ownedByTagsOrName(run: RunIdentity, tags: unknown, name?: unknown): boolean {
  const t = tagsOf(tags);
  if (t.some((x) => x.Key === RUN_TAG_KEY && x.Value === run.runId)) return true;
  const n = typeof name === 'string' ? name : t.find((x) => x.Key === 'Name')?.Value;
  return typeof n === 'string' && hasPrefix(n, run.prefix);
}

/** EC2 resources are deleted by id: look them up to see whose they are. */
const LOOKUPS: Record<string, (input: Record<string, unknown>, run: RunIdentity, send: SendFn) => Promise<Ownership>> = {
  async 'ec2:TerminateInstances'(input, run, send) {
    const r = await send('ec2:DescribeInstances', { InstanceIds: input['InstanceIds'] });
    if (!r.ok) return r.error.code === 'InvalidInstanceID.NotFound' ? { kind: 'gone' } : { kind: 'foreign', reason: `cannot look the instances up: ${r.error.code}` };
    const reservations = (r.output['Reservations'] as Array<{ Instances?: Array<Record<string, unknown>> }> | undefined) ?? [];
    const live = reservations.flatMap((x) => x.Instances ?? []).filter((i) => (i['State'] as { Name?: string } | undefined)?.Name !== 'terminated');
    if (!live.length) return { kind: 'gone' };
    const foreign = live.filter((i) => !ownedByTagsOrName(run, i['Tags']));
    return foreign.length ? { kind: 'foreign', reason: `instance ${String(foreign[0]!['InstanceId'])} has neither the run's tag nor its prefix` } : { kind: 'owned' };
  },
  async 'ec2:DeleteSecurityGroup'(input, run, send) {
    const r = await send('ec2:DescribeSecurityGroups', { GroupIds: [input['GroupId']] });
    if (!r.ok) return r.error.code === 'InvalidGroup.NotFound' ? { kind: 'gone' } : { kind: 'foreign', reason: `cannot look the security group up: ${r.error.code}` };
    const g = (r.output['SecurityGroups'] as Array<Record<string, unknown>> | undefined)?.[0];
    if (!g) return { kind: 'gone' };
    return ownedByTagsOrName(run, g['Tags'], g['GroupName']) ? { kind: 'owned' } : { kind: 'foreign', reason: `security group ${String(g['GroupName'])} is not named with the run's prefix` };
  },
  async 'ec2:DeleteKeyPair'(input, run, send) {
    const r = await send('ec2:DescribeKeyPairs', { KeyPairIds: [input['KeyPairId']] });
    if (!r.ok) return r.error.code === 'InvalidKeyPair.NotFound' ? { kind: 'gone' } : { kind: 'foreign', reason: `cannot look the key pair up: ${r.error.code}` };
    const k = (r.output['KeyPairs'] as Array<Record<string, unknown>> | undefined)?.[0];
    if (!k) return { kind: 'gone' };
    return ownedByTagsOrName(run, k['Tags'], k['KeyName']) ? { kind: 'owned' } : { kind: 'foreign', reason: `key pair ${String(k['KeyName'])} is not named with the run's prefix` };
  },
};

/** May a cleanup call of this run change what it names? */
export async function ownershipOf(call: string, input: Record<string, unknown>, run: RunIdentity, send: SendFn): Promise<Ownership> {
  const name = nameOf(input);
  if (name !== undefined) {
    return hasPrefix(name, run.prefix) ? { kind: 'owned' } : { kind: 'foreign', reason: `"${name}" is not named with the run's prefix "${run.prefix}"` };
  }
  const lookup = LOOKUPS[call];
  if (lookup) return lookup(input, run, send);
  return { kind: 'foreign', reason: `cannot tell from ${call}'s input what it would delete` };
}
