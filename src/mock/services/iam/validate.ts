// IAM's input rules (botocore IAM model shapes, aws-wire.md §8.1) and the helpers the
// handlers share: names, paths, tags, policy documents, pagination.
import { parsePolicy, type CompiledPolicy, type PolicyKind } from '../../../policy/index.js';
import type { Tag } from '../../identity/model.js';
import { checkString, validationError, type QueryInput, type StringRule } from '../../protocols/query.js';
import type { XmlObject, XmlValue } from '../../protocols/xml.js';
import { AwsError } from '../../types.js';
import { invalidInput } from './context.js';

const NAME = '[\\w+=,.@-]+';
export const rules = {
  userName: { min: 1, max: 64, pattern: NAME },
  existingUserName: { min: 1, max: 128, pattern: NAME },
  roleName: { min: 1, max: 64, pattern: NAME },
  groupName: { min: 1, max: 128, pattern: NAME },
  policyName: { min: 1, max: 128, pattern: NAME },
  path: { min: 1, max: 512, pattern: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)' },
  policyPath: { min: 1, max: 512, pattern: '((/[A-Za-z0-9\\.,\\+@=_-]+)*)/' },
  pathPrefix: { min: 1, max: 512, pattern: '\\u002F[\\u0021-\\u007F]*' },
  policyDocument: { min: 1, max: 131072, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' },
  description: { min: 0, max: 1000, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*' },
  arn: { min: 20, max: 2048 },
  accessKeyId: { min: 16, max: 128, pattern: '[\\w]+' },
  status: { enum: ['Active', 'Inactive'] },
  marker: { min: 1, max: 320, pattern: '[\\u0020-\\u00FF]+' },
  versionId: { pattern: 'v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?' },
  tagKey: { min: 1, max: 128, pattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+' },
  tagValue: { min: 0, max: 256, pattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*' },
  password: { min: 1, max: 128, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' },
} satisfies Record<string, StringRule>;

/** Tags.member.N.Key/Value, at most 50, keys unique case-insensitively. */
export function readTags(input: QueryInput, param = 'Tags'): Tag[] {
  const raw = input.structs(param) ?? [];
  if (raw.length > 50) throw validationError(param, null, 'Member must have length less than or equal to 50');
  const tags = raw.map((t, i) => ({
    Key: checkString(`${param}.${i + 1}.member.key`, t.Key ?? '', rules.tagKey),
    Value: checkString(`${param}.${i + 1}.member.value`, t.Value ?? '', rules.tagValue),
  }));
  const seen = new Set<string>();
  for (const t of tags) {
    if (seen.has(t.Key.toLowerCase())) throw invalidInput('Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(t.Key.toLowerCase());
  }
  return tags;
}

/** Merges tags into an entity's tags (same key replaces), keeping IAM's 50-tag quota. */
export function mergeTags(existing: Tag[], added: Tag[]): Tag[] {
  const out = existing.filter((t) => !added.some((a) => a.Key.toLowerCase() === t.Key.toLowerCase()));
  out.push(...added);
  if (out.length > 50) {
    throw new AwsError('LimitExceeded', 'Cannot exceed quota for TagsPerEntity: 50', 409);
  }
  return out;
}

export const renderTags = (tags: Tag[]): XmlValue => (tags.length ? { member: tags.map((t) => ({ ...t })) } : undefined);

/** Parses a policy document argument like IAM: MalformedPolicyDocument / LimitExceeded with
 * the engine's reason. */
export function readPolicy(input: QueryInput, param: string, kind: PolicyKind): CompiledPolicy {
  const text = input.string(param, rules.policyDocument);
  return compilePolicyText(text, kind);
}

export function compilePolicyText(text: string, kind: PolicyKind): CompiledPolicy {
  const result = parsePolicy(text, kind);
  if (!result.ok) {
    throw new AwsError(result.error.code, result.error.message, result.error.code === 'LimitExceeded' ? 409 : 400);
  }
  return result.policy;
}

/** IAM returns policy documents URL-encoded (aws-wire.md §2.2). */
export const encodeDocument = (json: string): string => encodeURIComponent(json);

export function checkArn(param: string, arn: string): string {
  checkString(param, arn, rules.arn);
  if (!/^arn:aws:iam::(\d{12}|aws):[^\s]+$/.test(arn)) throw invalidInput(`ARN ${arn} is not valid.`);
  return arn;
}

// ---- pagination (Marker / MaxItems / IsTruncated) ----

/** Markers are opaque to clients; here they are the base64 of the next item's index. */
export function paginate<T>(input: QueryInput, items: T[]): { page: T[]; truncated: boolean; marker?: string } {
  const max = input.optInt('MaxItems', { min: 1, max: 1000 }) ?? 100;
  const markerText = input.optString('Marker', rules.marker);
  let start = 0;
  if (markerText !== undefined) {
    const decoded = Buffer.from(markerText, 'base64').toString('utf8');
    start = /^\d{1,9}$/.test(decoded) ? Number(decoded) : Number.NaN;
    if (!Number.isSafeInteger(start) || start < 0) throw invalidInput('Invalid Marker.');
  }
  const page = items.slice(start, start + max);
  const truncated = start + max < items.length;
  return { page, truncated, marker: truncated ? Buffer.from(String(start + max)).toString('base64') : undefined };
}

/** The members of a paginated list result: List, IsTruncated, Marker. */
export function listResult<T>(input: QueryInput, name: string, items: T[], render: (t: T) => XmlValue): XmlObject {
  const { page, truncated, marker } = paginate(input, items);
  return { [name]: page.length ? { member: page.map(render) } : '', IsTruncated: truncated, Marker: marker };
}

/** Lists come back sorted by name, as IAM returns them. */
export const byName = <T extends { name: string }>(items: T[]): T[] =>
  [...items].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));

export const matchesPrefix = (path: string, prefix: string | undefined): boolean => !prefix || path.startsWith(prefix);
