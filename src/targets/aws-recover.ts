// A journal entry left `pending` is a create that may or may not have happened: the process
// died between writing the entry and learning the answer. Its inverse is computed from the
// input alone: most deletes are by name (DeleteRole by RoleName); where the delete needs
// something only the output had (a policy's ARN, an access key's id, an instance's id), it is
// derived (IAM ARNs follow from account, path and name) or looked up (the user's keys, the
// run's tagged instances). A create that carried the run tag is first checked to be the run's:
// "the role exists" is not enough if the create itself failed with EntityAlreadyExists.
import { hasInverse, inverseOf, parseCall, type InverseCall } from '../aws/index.js';
import { runTagOf, RUN_TAG_KEY } from './aws-tags.js';
import type { RunIdentity, SendFn } from './safety-names.js';

export interface RecoverContext {
  accountId: string;
  /** aws, aws-cn, aws-us-gov: from the operator's ARN. */
  partition: string;
  run: RunIdentity;
  send: SendFn;
}

export type Recovery = { kind: 'undo'; calls: InverseCall[] } | { kind: 'gone' } | { kind: 'refused'; reason: string };

type Input = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

function iamPath(input: Input): string {
  const p = str(input['Path']) ?? '/';
  return p.endsWith('/') ? p : `${p}/`;
}

/** Outputs that can be derived from the input: ARNs of named IAM entities. */
function derivedOutput(call: string, input: Input, ctx: RecoverContext): Input {
  const arn = (kind: string) => `arn:${ctx.partition}:iam::${ctx.accountId}:${kind}`;
  switch (call) {
    case 'iam:CreatePolicy':
      return { Policy: { Arn: `${arn('policy')}${iamPath(input)}${str(input['PolicyName']) ?? ''}` } };
    case 'iam:CreateSAMLProvider':
      return { SAMLProviderArn: `${arn('saml-provider')}/${str(input['Name']) ?? ''}` };
    case 'iam:CreateOpenIDConnectProvider':
      return { OpenIDConnectProviderArn: `${arn('oidc-provider')}/${(str(input['Url']) ?? '').replace(/^https:\/\//, '')}` };
    default:
      return {};
  }
}

/** For tagged creates: the call that lists the tags of what the create would have made. */
function tagQuery(call: string, input: Input, ctx: RecoverContext): [string, Input] | undefined {
  if (call === 'iam:CreateRole') return ['iam:ListRoleTags', { RoleName: input['RoleName'] }];
  if (call === 'iam:CreateUser') return ['iam:ListUserTags', { UserName: input['UserName'] }];
  if (call === 'iam:CreatePolicy') return ['iam:ListPolicyTags', { PolicyArn: (derivedOutput(call, input, ctx)['Policy'] as Input)['Arn'] }];
  return undefined;
}

async function checkRunTag(call: string, input: Input, ctx: RecoverContext): Promise<Recovery | undefined> {
  if (runTagOf(input) !== ctx.run.runId) return undefined;
  const q = tagQuery(call, input, ctx);
  if (!q) return undefined;
  const r = await ctx.send(q[0], q[1]);
  if (!r.ok) return r.error.code === 'NoSuchEntity' ? { kind: 'gone' } : { kind: 'refused', reason: `cannot read its tags: ${r.error.code}` };
  const tags = (r.output['Tags'] as Array<{ Key?: string; Value?: string }> | undefined) ?? [];
  const tag = tags.find((t) => t.Key === RUN_TAG_KEY)?.Value;
  if (tag === ctx.run.runId) return undefined;
  return { kind: 'refused', reason: `it exists but was not created by this run (${tag ? `${RUN_TAG_KEY}=${tag}` : `no ${RUN_TAG_KEY} tag`})` };
}

/** Creates whose inverse needs ids that only a lookup can give. */
const LOOKUPS: Record<string, (input: Input, ctx: RecoverContext) => Promise<Recovery>> = {
  async 'iam:CreateAccessKey'(input, ctx) {
    const user = str(input['UserName']);
    // Without UserName the key was the caller's own: which key is not knowable, and the
    // caller's other keys are not the run's to delete.
    if (!user) return { kind: 'refused', reason: 'a key created for the caller itself cannot be told apart from its other keys' };
    const r = await ctx.send('iam:ListAccessKeys', { UserName: user });
    if (!r.ok) return r.error.code === 'NoSuchEntity' ? { kind: 'gone' } : { kind: 'refused', reason: `cannot list ${user}'s keys: ${r.error.code}` };
    const keys = (r.output['AccessKeyMetadata'] as Array<{ AccessKeyId?: string }> | undefined) ?? [];
    return undo(keys.flatMap((k) => inverseOf('iam:CreateAccessKey', input, { AccessKey: { UserName: user, AccessKeyId: k.AccessKeyId } }) ?? []));
  },
  async 'iam:CreatePolicyVersion'(input, ctx) {
    const r = await ctx.send('iam:ListPolicyVersions', { PolicyArn: input['PolicyArn'] });
    if (!r.ok) return r.error.code === 'NoSuchEntity' ? { kind: 'gone' } : { kind: 'refused', reason: `cannot list the policy's versions: ${r.error.code}` };
    const versions = (r.output['Versions'] as Array<{ VersionId?: string; IsDefaultVersion?: boolean }> | undefined) ?? [];
    return undo(
      versions
        .filter((v) => !v.IsDefaultVersion && v.VersionId)
        .map((v) => ({ call: 'iam:DeletePolicyVersion', input: { PolicyArn: input['PolicyArn'], VersionId: v.VersionId }, goneCodes: ['NoSuchEntity'] })),
    );
  },
  async 'ec2:RunInstances'(input, ctx) {
    const tagged = runTagOf(input) === ctx.run.runId;
    const token = str(input['ClientToken']);
    if (!tagged && !token) return { kind: 'refused', reason: 'the instances carry neither the run tag nor a client token to find them by' };
    const filter = tagged ? { Name: `tag:${RUN_TAG_KEY}`, Values: [ctx.run.runId] } : { Name: 'client-token', Values: [token] };
    const r = await ctx.send('ec2:DescribeInstances', { Filters: [filter] });
    if (!r.ok) return { kind: 'refused', reason: `cannot look the instances up: ${r.error.code}` };
    const ids = ((r.output['Reservations'] as Array<{ Instances?: Array<{ InstanceId?: string; State?: { Name?: string } }> }> | undefined) ?? [])
      .flatMap((x) => x.Instances ?? [])
      .filter((i) => i.State?.Name !== 'terminated' && i.InstanceId)
      .map((i) => ({ InstanceId: i.InstanceId }));
    return ids.length ? undo(inverseOf('ec2:RunInstances', input, { Instances: ids }) ?? []) : { kind: 'gone' };
  },
  async 'ec2:CreateSecurityGroup'(input, ctx) {
    const filters = [{ Name: 'group-name', Values: [input['GroupName']] }, ...(str(input['VpcId']) ? [{ Name: 'vpc-id', Values: [input['VpcId']] }] : [])];
    const r = await ctx.send('ec2:DescribeSecurityGroups', { Filters: filters });
    if (!r.ok) return { kind: 'refused', reason: `cannot look the security group up: ${r.error.code}` };
    const groups = (r.output['SecurityGroups'] as Array<{ GroupId?: string }> | undefined) ?? [];
    return groups.length ? undo(groups.flatMap((g) => inverseOf('ec2:CreateSecurityGroup', input, { GroupId: g.GroupId }) ?? [])) : { kind: 'gone' };
  },
};

const undo = (calls: InverseCall[]): Recovery => ({ kind: 'undo', calls });

/** The calls that undo a create that may or may not have happened. */
export async function recoverPending(call: string, input: Input, ctx: RecoverContext): Promise<Recovery> {
  // A `run:` step (journalled as "run") may have created anything: only its author's cleanup
  // calls say what, and they need the output the step never gave.
  if (!parseCall(call)) {
    const what = typeof input['command'] === 'string' ? `: ${input['command'].split('\n')[0]}` : '';
    return { kind: 'refused', reason: `a shell command was interrupted (${call}${what}); what it created cannot be known: look for resources named ${ctx.run.prefix}-* by hand` };
  }
  const tagCheck = await checkRunTag(call, input, ctx);
  if (tagCheck) return tagCheck;
  const lookup = LOOKUPS[call];
  if (lookup) return lookup(input, ctx);
  // Journalled because its name looks create-like, but nothing is known to undo it: the
  // runner's own cleanup would not undo it either.
  if (!hasInverse(call)) return { kind: 'undo', calls: [] };
  const calls = inverseOf(call, input, derivedOutput(call, input, ctx)) ?? [];
  if (!calls.length) return { kind: 'refused', reason: `what ${call} created cannot be told from its input alone` };
  return undo(calls);
}
