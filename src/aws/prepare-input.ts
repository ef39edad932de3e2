// Turns a lab's `with:` input into exactly what the SDK command expects. Lab authors write
// policy documents as YAML objects because that is readable; the APIs take JSON strings.
import { parseCall } from './operations.js';

/** Top-level input members that carry one policy document as a JSON string. `Policy` is the
 * STS session policy (AssumeRole, GetFederationToken, ...) and S3 PutBucketPolicy's body;
 * `ResourcePolicy` is IAM SimulatePrincipalPolicy/SimulateCustomPolicy's. */
const POLICY_FIELDS = new Set(['AssumeRolePolicyDocument', 'PolicyDocument', 'Policy', 'ResourcePolicy']);

/** Top-level members that are lists of policy documents (IAM Simulate* operations). */
const POLICY_LIST_FIELDS = new Set(['PolicyInputList', 'PermissionsBoundaryPolicyInputList']);

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && !(v instanceof Date);
}

function asDocument(v: unknown): unknown {
  return isPlainObject(v) ? JSON.stringify(v) : v;
}

/** A new input object; the given one is never modified. */
export function prepareInput(spec: string, input: Record<string, unknown>): Record<string, unknown> {
  const parsed = parseCall(spec);
  const out: Record<string, unknown> = { ...input };
  for (const [key, value] of Object.entries(input)) {
    if (POLICY_FIELDS.has(key)) out[key] = asDocument(value);
    else if (POLICY_LIST_FIELDS.has(key) && Array.isArray(value)) out[key] = value.map(asDocument);
  }
  // S3 streaming bodies as UTF-8 bytes: the SDK's blob input, with no doubt about encoding
  // or length when it signs and checksums the payload.
  if (parsed?.service === 's3' && typeof out['Body'] === 'string') {
    out['Body'] = new TextEncoder().encode(out['Body']);
  }
  return out;
}
