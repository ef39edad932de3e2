// Makes SDK outputs assertable by labs: drops the SDK's $metadata, reads streamed bodies into
// strings, and decodes IAM's URL-encoded policy documents into objects as the AWS CLI does.
import type { ServiceId } from './types.js';

/** IAM output members holding a policy document (botocore's `policyDocumentType`): the trust
 * policy of a role, an inline policy, a managed policy version. IAM sends them URL-encoded. */
const IAM_POLICY_MEMBERS = new Set(['AssumeRolePolicyDocument', 'PolicyDocument', 'Document']);

interface StreamingBody {
  transformToString(encoding?: string): Promise<string>;
}

function isStreamingBody(v: unknown): v is StreamingBody {
  return typeof v === 'object' && v !== null && typeof (v as StreamingBody).transformToString === 'function';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Like the CLI (botocore `json_decode_policies`): URL-decode, then parse JSON; a string that
 * is not a JSON document after that is left as it was. */
export function decodePolicyDocument(value: string): unknown {
  let text = value;
  try {
    text = decodeURIComponent(value);
  } catch {
    // A raw '%' in an unencoded document: parse it as it is.
  }
  try {
    const doc = JSON.parse(text) as unknown;
    return typeof doc === 'object' && doc !== null ? doc : value;
  } catch {
    return value;
  }
}

function decodeIamPolicies(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeIamPolicies);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = IAM_POLICY_MEMBERS.has(k) && typeof v === 'string' ? decodePolicyDocument(v) : decodeIamPolicies(v);
  }
  return out;
}

export async function decodeOutput(service: ServiceId, output: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { $metadata: _metadata, ...rest } = output;
  let out: Record<string, unknown> = rest;
  // S3 GetObject's Body is a live stream: read it (which also frees the socket) so labs can
  // assert on the content. Labs deal in small text objects; binary data would not be useful
  // in an assertion anyway.
  if (isStreamingBody(out['Body'])) out = { ...out, Body: await out['Body'].transformToString('utf-8') };
  if (service === 'iam') out = decodeIamPolicies(out) as Record<string, unknown>;
  return out;
}
