// Session policies (Policy, PolicyArns) and session tags (Tags, TransitiveTagKeys) of
// AssumeRole, validated as STS does.
import { policySize } from '../../../policy/index.js';
import type { Tag } from '../../identity/model.js';
import { resolveManagedPolicy } from '../../identity/policies.js';
import { checkString, validationError } from '../../protocols/query.js';
import { AwsError } from '../../types.js';
import { stsRules, type StsContext } from './context.js';
import { parsePolicy } from '../../../policy/index.js';

export interface SessionPolicies {
  policy?: string;
  policyArns?: string[];
  /** Characters counted against the packed-policy budget. */
  packedChars: number;
  given: boolean;
}

const MAX_POLICY_ARNS = 10;
const MAX_TAGS = 50;

export function readSessionPolicies(ctx: StsContext): SessionPolicies {
  const text = ctx.input.optString('Policy', stsRules.sessionPolicy);
  const arns = (ctx.input.structs('PolicyArns') ?? []).map((s, i) =>
    checkString(`PolicyArns.${i + 1}.member.arn`, s.arn ?? '', stsRules.policyArn),
  );
  if (arns.length > MAX_POLICY_ARNS) {
    throw validationError('PolicyArns', null, `Member must have length less than or equal to ${MAX_POLICY_ARNS}`);
  }
  let policy: string | undefined;
  if (text !== undefined) {
    const parsed = parsePolicy(text, 'session', { quota: 'none' });
    if (!parsed.ok) throw new AwsError('MalformedPolicyDocument', parsed.error.message, 400);
    policy = parsed.policy.json;
  }
  for (const arn of arns) {
    const found = resolveManagedPolicy(arn, ctx.store.viewOf);
    if (!found) throw new AwsError('MalformedPolicyDocument', `The policy ${arn} does not exist or is not attachable.`, 400);
  }
  return {
    policy,
    policyArns: arns.length ? arns : undefined,
    packedChars: (policy ? policySize(policy) : 0) + arns.reduce((n, a) => n + a.length, 0),
    given: text !== undefined || arns.length > 0,
  };
}

export function readSessionTags(ctx: StsContext, param: string): { tags: Tag[]; transitive: string[] } {
  const raw = ctx.input.structs(param) ?? [];
  if (raw.length > MAX_TAGS) throw validationError(param, null, `Member must have length less than or equal to ${MAX_TAGS}`);
  const tags = raw.map((t, i) => ({
    Key: checkString(`${param}.${i + 1}.member.key`, t.Key ?? '', stsRules.tagKey),
    Value: checkString(`${param}.${i + 1}.member.value`, t.Value ?? '', stsRules.tagValue),
  }));
  const keys = new Set<string>();
  for (const t of tags) {
    if (keys.has(t.Key.toLowerCase())) {
      throw new AwsError('InvalidParameterValue', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.', 400);
    }
    keys.add(t.Key.toLowerCase());
  }
  const transitive = ctx.input.list('TransitiveTagKeys') ?? [];
  for (const k of transitive) {
    if (!keys.has(k.toLowerCase())) {
      throw new AwsError('InvalidParameterValue', `The transitive tag key ${k} is not one of the session tags.`, 400);
    }
  }
  return { tags, transitive };
}
