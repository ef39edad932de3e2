// Tag parameters (`Tag.N.Key`/`Tag.N.Value`, `TagSpecification.N.ResourceType`) and EC2's tag
// rules.
import { ec2Structs, type Ec2Params } from '../../protocols/ec2.js';
import { AwsError } from '../../types.js';
import type { Ec2Tag } from './state.js';

export const MAX_TAGS = 50;

const TAGGABLE_AT_LAUNCH = new Set([
  'instance', 'volume', 'network-interface', 'spot-instances-request', 'elastic-gpu', 'launch-template',
]);

/** `Tag.N.Key` / `Tag.N.Value` under `params`, checked as EC2 checks them. `valueOptional` is for
 * DeleteTags, where a missing value means "any value". */
export function tagParams(params: Ec2Params, valueOptional = false): { key: string; value?: string }[] {
  return ec2Structs(params, 'Tag').map((t) => {
    const key = t.get('Key');
    if (key === undefined) throw new AwsError('MissingParameter', 'The request must contain the parameter Tag.Key');
    if (key.length < 1 || key.length > 128) {
      throw new AwsError('InvalidParameterValue', `Tag key exceeds the maximum length of 128 characters`);
    }
    if (!valueOptional && key.toLowerCase().startsWith('aws:')) {
      throw new AwsError('InvalidParameterValue', "Tag keys starting with 'aws:' are reserved for internal use");
    }
    const value = t.get('Value');
    if (value !== undefined && value.length > 256) {
      throw new AwsError('InvalidParameterValue', 'Tag value exceeds the maximum length of 256 characters');
    }
    if (value === undefined && !valueOptional) return { key, value: '' };
    return value === undefined ? { key } : { key, value };
  });
}

/** Tags that RunInstances applies to the new instances (other resource types are accepted and,
 * since the mock has no volumes or interfaces, not kept). */
export function launchTags(params: Ec2Params): Ec2Tag[] {
  let tags: Ec2Tag[] = [];
  for (const spec of ec2Structs(params, 'TagSpecification')) {
    const type = spec.get('ResourceType') ?? '';
    if (!TAGGABLE_AT_LAUNCH.has(type)) {
      throw new AwsError('InvalidParameterValue', `'${type}' is not a valid taggable resource type for this operation.`);
    }
    const list = tagParams(spec) as Ec2Tag[];
    if (!list.length) throw new AwsError('InvalidParameterValue', 'Tag specification must have at least one tag');
    if (type === 'instance') tags = mergedTags(tags, list);
  }
  return tags;
}

/** `current` with each tag of `add` set (replacing a tag with the same key); TagLimitExceeded
 * above 50. Returns a new list so a refused change leaves the resource as it was. */
export function mergedTags(current: readonly Ec2Tag[], add: readonly Ec2Tag[]): Ec2Tag[] {
  const result = current.map((t) => ({ ...t }));
  for (const t of add) {
    const existing = result.find((x) => x.key === t.key);
    if (existing) existing.value = t.value;
    else result.push({ key: t.key, value: t.value });
  }
  if (result.length > MAX_TAGS) {
    throw new AwsError('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.');
  }
  return result;
}
