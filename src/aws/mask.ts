// maskSecrets: a copy of a value that is safe to print or write to a report.

/** Secret keys and session tokens: the first 4 characters stay, enough to tell two apart. */
const PARTIAL = new Set(['SecretAccessKey', 'SessionToken', 'secretAccessKey', 'sessionToken', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);
/** Secrets too short or too structured for a prefix to be harmless: hidden entirely. */
const FULL = new Set(['Password', 'NewPassword', 'OldPassword', 'ServicePassword', 'KeyMaterial', 'PrivateKey']);

const MASK = '…';

function maskValue(key: string, value: unknown): unknown {
  if (value === undefined || value === null) return value;
  if (PARTIAL.has(key) && typeof value === 'string') return value.length > 4 ? value.slice(0, 4) + MASK : MASK;
  return MASK;
}

function isSecretKey(key: string): boolean {
  return PARTIAL.has(key) || FULL.has(key);
}

/** A deep copy of plain objects and arrays with secret values masked wherever they are.
 * Dates are copied; other class instances (bytes, errors, maps) are kept by reference. */
export function maskSecrets<T>(value: T): T {
  const seen = new WeakMap<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (seen.has(v)) return seen.get(v);
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      seen.set(v, out);
      for (const item of v) out.push(walk(item));
      return out;
    }
    const proto = Object.getPrototypeOf(v) as unknown;
    if (v instanceof Date) return new Date(v.getTime());
    if (proto !== Object.prototype && proto !== null) return v;
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    for (const [k, item] of Object.entries(v)) out[k] = isSecretKey(k) ? maskValue(k, item) : walk(item);
    return out;
  };
  return walk(value) as T;
}
