// EC2 `Filter.N.Name` / `Filter.N.Value.M` filters: a resource matches when, for every filter,
// one of its values matches one of the filter's values. Values may use `*` and `?` wildcards.
import { ec2List, ec2Structs, type Ec2Params } from '../../protocols/ec2.js';
import { AwsError } from '../../types.js';
import { publicIp, STATE_CODES, type InstanceRecord } from './state.js';

export interface Filter {
  name: string;
  values: string[];
}

type Field = (inst: InstanceRecord) => string | string[] | undefined;

/** Filter names of DescribeInstances (a subset of AWS's list) and how to read them. */
export const INSTANCE_FIELDS: Record<string, Field> = {
  'instance-id': (i) => i.instanceId,
  'instance-state-name': (i) => i.state,
  'instance-state-code': (i) => String(STATE_CODES[i.state]),
  'instance-type': (i) => i.instanceType,
  'image-id': (i) => i.imageId,
  'reservation-id': (i) => i.reservationId,
  'owner-id': (i) => i.ownerId,
  'availability-zone': (i) => i.availabilityZone,
  'vpc-id': (i) => i.vpcId,
  'subnet-id': (i) => i.subnetId,
  'private-ip-address': (i) => i.privateIpAddress,
  'ip-address': publicIp,
  'key-name': (i) => i.keyName,
  'tag-key': (i) => i.tags.map((t) => t.key),
  'tag-value': (i) => i.tags.map((t) => t.value),
};

/** Filter names of DescribeInstanceStatus that apply to the mock's instances. */
export const STATUS_FIELDS: Record<string, Field> = {
  'instance-state-name': INSTANCE_FIELDS['instance-state-name']!,
  'instance-state-code': INSTANCE_FIELDS['instance-state-code']!,
  'availability-zone': INSTANCE_FIELDS['availability-zone']!,
  'system-status.status': () => 'ok',
  'instance-status.status': () => 'ok',
};

export function parseFilters(params: Ec2Params): Filter[] {
  return ec2Structs(params, 'Filter').map((f) => ({ name: f.get('Name') ?? '', values: ec2List(f, 'Value') }));
}

/** Refuse unknown filter names the way EC2 does. `tag:KEY` is accepted when tags are. */
export function checkFilters(filters: Filter[], fields: Record<string, Field>, tags: boolean): void {
  for (const f of filters) {
    if (Object.hasOwn(fields, f.name)) continue;
    if (tags && f.name.startsWith('tag:') && f.name.length > 4) continue;
    throw new AwsError('InvalidParameterValue', `The filter '${f.name}' is invalid`);
  }
}

export function matchesFilters(inst: InstanceRecord, filters: Filter[], fields: Record<string, Field>): boolean {
  return filters.every((f) => {
    let actual: string | string[] | undefined;
    if (Object.hasOwn(fields, f.name)) actual = fields[f.name]!(inst);
    else if (f.name.startsWith('tag:')) {
      const key = f.name.slice(4);
      actual = inst.tags.filter((t) => t.key === key).map((t) => t.value);
    }
    const values = actual === undefined ? [] : Array.isArray(actual) ? actual : [actual];
    return f.values.some((pattern) => {
      const re = wildcard(pattern);
      return values.some((v) => re.test(v));
    });
  });
}

/** EC2 filter wildcards: `*` any run, `?` one character, `\` escapes the next character. */
function wildcard(pattern: string): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) src += escapeRe(pattern[++i]!);
    else if (c === '*') src += '[\\s\\S]*';
    else if (c === '?') src += '[\\s\\S]';
    else src += escapeRe(c);
  }
  return new RegExp(`^${src}$`);
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
