// Encoded authorization failure messages (EC2's "Encoded authorization failure message:
// ...") and their decoding for sts:DecodeAuthorizationMessage. Opaque like AWS's: the
// decision as JSON in AWS's DecodedMessage shape, deflated, sealed with AES-256-GCM under a
// key of this process, base64url. Only the mock that wrote one (this process) can read it.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { AuthzRequest, ContextValue, Decision } from '../../policy/index.js';

const KEY = randomBytes(32);
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MAX_ENCODED = 10_240;

const contextValues = (v: ContextValue): { value: string }[] =>
  (Array.isArray(v) ? v : [v]).map((x) => ({ value: String(x) }));

/** The decoded message, in the shape `aws sts decode-authorization-message` shows. */
function decodedMessage(decision: Decision, request: AuthzRequest): object {
  const statement = (s: Decision['statements'][number]) => ({
    statementId: s.sid ?? String(s.index),
    effect: s.effect.toUpperCase(),
    principals: { items: [{ value: request.principal.userId }] },
    principalGroups: { items: [] },
    actions: { items: [{ value: request.action }] },
    resources: { items: [{ value: request.resource }] },
    conditions: { items: [] },
    policy: s.policy,
  });
  return {
    allowed: decision.allowed,
    explicitDeny: decision.verdict === 'explicitDeny',
    matchedStatements: { items: decision.statements.filter((s) => s.matched).map(statement) },
    failures: { items: [] },
    context: {
      principal: {
        id: request.principal.userId,
        ...(request.principal.userName ? { name: request.principal.userName } : {}),
        arn: request.principal.arn,
      },
      action: request.action,
      resource: request.resource,
      conditions: {
        items: Object.entries(request.context)
          .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
          .map(([key, v]) => ({ key, values: { items: contextValues(v) } })),
      },
    },
  };
}

/** Seals a denial for the caller; EC2 appends it to UnauthorizedOperation messages. */
export function encodeAuthorizationMessage(decision: Decision, request: AuthzRequest): string {
  const plain = deflateRawSync(Buffer.from(JSON.stringify(decodedMessage(decision, request)), 'utf8'));
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', KEY, iv);
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The decoded message JSON text, or undefined when `encoded` is not one of ours (tampered,
 * truncated, from another process). */
export function decodeAuthorizationMessage(encoded: string): string | undefined {
  if (encoded.length > MAX_ENCODED || !/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
  const raw = Buffer.from(encoded, 'base64url');
  if (raw.length <= IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', KEY, raw.subarray(0, IV_BYTES));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plain = Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    return inflateRawSync(plain, { maxOutputLength: 1024 * 1024 }).toString('utf8');
  } catch {
    return undefined;
  }
}
