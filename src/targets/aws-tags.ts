// The run tag: on real AWS every resource a run creates carries `lab:run = <run id>` where
// the create call takes tags, so that a person looking at the account can tell what a lab
// left and which run, and so that `lab cleanup` can check, for a create that may or may not
// have happened, that what it finds is the run's own. The runner applies withRunTag to an
// action's input before journalling it (the journal then records the tag too).
export const RUN_TAG_KEY = 'lab:run';

type Input = Record<string, unknown>;
type Tag = { Key?: unknown; Value?: unknown };

/** IAM creates with a `Tags` member. */
const IAM_TAGGED = new Set([
  'iam:CreateUser',
  'iam:CreateRole',
  'iam:CreatePolicy',
  'iam:CreateInstanceProfile',
  'iam:CreateOpenIDConnectProvider',
  'iam:CreateSAMLProvider',
]);

/** EC2 creates with `TagSpecifications`, and the resource types to tag. */
const EC2_TAGGED: Record<string, string[]> = {
  'ec2:RunInstances': ['instance', 'volume'],
  'ec2:CreateSecurityGroup': ['security-group'],
  'ec2:CreateKeyPair': ['key-pair'],
};

export function isTaggedCreate(call: string): boolean {
  return IAM_TAGGED.has(call) || call in EC2_TAGGED;
}

const hasRunTag = (tags: unknown): boolean => Array.isArray(tags) && tags.some((t: Tag) => t?.Key === RUN_TAG_KEY);

/** The input with the run tag added where the operation takes tags; the same input
 * otherwise. Tags the lab sets itself are kept. */
export function withRunTag(call: string, input: Input, runId: string): Input {
  const tag = { Key: RUN_TAG_KEY, Value: runId };
  if (IAM_TAGGED.has(call)) {
    const tags = Array.isArray(input['Tags']) ? (input['Tags'] as Tag[]) : [];
    return hasRunTag(tags) ? input : { ...input, Tags: [...tags, tag] };
  }
  const types = EC2_TAGGED[call];
  if (!types) return input;
  const specs = Array.isArray(input['TagSpecifications']) ? (input['TagSpecifications'] as Array<{ ResourceType?: string; Tags?: Tag[] }>) : [];
  const out = specs.map((s) => (types.includes(s.ResourceType ?? '') && !hasRunTag(s.Tags) ? { ...s, Tags: [...(s.Tags ?? []), tag] } : s));
  for (const type of types) if (!specs.some((s) => s.ResourceType === type)) out.push({ ResourceType: type, Tags: [tag] });
  return { ...input, TagSpecifications: out };
}

/** The run id an input was tagged with, if any. */
export function runTagOf(input: Input): string | undefined {
  const all: Tag[] = [
    ...(Array.isArray(input['Tags']) ? (input['Tags'] as Tag[]) : []),
    ...(Array.isArray(input['TagSpecifications']) ? (input['TagSpecifications'] as Array<{ Tags?: Tag[] }>).flatMap((s) => s.Tags ?? []) : []),
  ];
  const v = all.find((t) => t?.Key === RUN_TAG_KEY)?.Value;
  return typeof v === 'string' ? v : undefined;
}
