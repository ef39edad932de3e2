// The AWS query protocol (IAM, STS): form-encoded input with `.member.N` lists and
// `.entry.N` maps; XML output `<OpResponse><OpResult>` + ResponseMetadata; `ErrorResponse`
// errors. See aws-wire.md §2 and §5.
import { AwsError, type Call, type Reply, type Service } from '../types.js';
import { renderXml, type XmlObject } from './xml.js';

export const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** Parameters of a query request: the form body of a POST, or the query string of a GET. */
export function queryParams(call: Pick<Call, 'method' | 'body' | 'query'>): URLSearchParams {
  if (call.method === 'GET') return call.query;
  // URLSearchParams decodes `+` as a space, as botocore's urlencode means it; invalid
  // percent sequences are kept verbatim rather than failing the request.
  return new URLSearchParams(call.body.toString('utf8'));
}

/** AWS names members lowerCamel in validation messages ('userName', 'roleSessionName'). */
const memberName = (param: string): string =>
  param
    .split('.')
    .map((p) => (/^[A-Z]/.test(p) ? p[0]!.toLowerCase() + p.slice(1) : p))
    .join('.');

export function validationError(param: string, value: string | null, constraint: string): AwsError {
  const shown = value === null ? 'null' : `'${value}'`;
  return new AwsError(
    'ValidationError',
    `1 validation error detected: Value ${shown} at '${memberName(param)}' failed to satisfy constraint: ${constraint}`,
  );
}

export interface StringRule {
  min?: number;
  max?: number;
  /** Pattern as AWS writes it in the model (shown in the message), matched whole. */
  pattern?: string;
  enum?: readonly string[];
}

const compiled = new Map<string, RegExp>();
const regex = (p: string): RegExp => {
  let r = compiled.get(p);
  if (!r) compiled.set(p, (r = new RegExp(`^(?:${p})$`, 'u')));
  return r;
};

/** Lone or paired surrogates: only then do code points and UTF-16 units differ in number. */
const SURROGATE = /[\uD800-\uDFFF]/;

/** Checks a value against the model's length/pattern/enum constraints. */
export function checkString(param: string, value: string, rule: StringRule): string {
  // Lengths count code points, as AWS does; spreading a string to count them allocates an
  // array of its characters, so only when it has surrogates.
  const len = SURROGATE.test(value) ? [...value].length : value.length;
  if (rule.min !== undefined && len < rule.min) {
    throw validationError(param, value, `Member must have length greater than or equal to ${rule.min}`);
  }
  if (rule.max !== undefined && len > rule.max) {
    throw validationError(param, value, `Member must have length less than or equal to ${rule.max}`);
  }
  if (rule.pattern !== undefined && !regex(rule.pattern).test(value)) {
    throw validationError(param, value, `Member must satisfy regular expression pattern: ${rule.pattern}`);
  }
  if (rule.enum && !rule.enum.includes(value)) {
    throw validationError(param, value, `Member must satisfy enum value set: [${rule.enum.join(', ')}]`);
  }
  return value;
}

/** Typed access to query parameters with IAM/STS's validation messages. */
export class QueryInput {
  private names?: string[];

  constructor(readonly params: URLSearchParams) {}

  /** Whether any parameter name starts with `prefix`: most requests have no list or map
   * parameters, and walking the entries of URLSearchParams allocates a pair for each. */
  private anyStartsWith(prefix: string): boolean {
    this.names ??= [...this.params.keys()];
    for (const n of this.names) if (n.startsWith(prefix)) return true;
    return false;
  }

  has(name: string): boolean {
    return this.params.has(name);
  }

  optString(name: string, rule: StringRule = {}): string | undefined {
    const v = this.params.get(name);
    return v === null ? undefined : checkString(name, v, rule);
  }

  string(name: string, rule: StringRule = {}): string {
    const v = this.params.get(name);
    if (v === null) throw validationError(name, null, 'Member must not be null');
    return checkString(name, v, rule);
  }

  optInt(name: string, range: { min?: number; max?: number } = {}): number | undefined {
    const raw = this.params.get(name);
    if (raw === null) return undefined;
    if (!/^-?\d{1,15}$/.test(raw.trim())) {
      throw new AwsError('ValidationError', `Value '${raw}' for parameter ${name} is invalid. It must be an integer.`);
    }
    const n = Number(raw.trim());
    if (range.min !== undefined && n < range.min) {
      throw validationError(name, String(n), `Member must have value greater than or equal to ${range.min}`);
    }
    if (range.max !== undefined && n > range.max) {
      throw validationError(name, String(n), `Member must have value less than or equal to ${range.max}`);
    }
    return n;
  }

  optBool(name: string): boolean | undefined {
    const raw = this.params.get(name);
    if (raw === null) return undefined;
    const v = raw.trim().toLowerCase();
    if (v !== 'true' && v !== 'false') {
      throw new AwsError('ValidationError', `Value '${raw}' for parameter ${name} is invalid. It must be a boolean.`);
    }
    return v === 'true';
  }

  /** `Name.member.N` (1-based, in N order); an empty `Name=` is an empty list. */
  list(name: string): string[] | undefined {
    return this.indexed(`${name}.member.`, (key, rest) => (rest === '' ? this.params.get(key)! : undefined), name);
  }

  /** `Name.member.N.Field` structures. */
  structs(name: string): Record<string, string>[] | undefined {
    const prefix = `${name}.member.`;
    if (!this.anyStartsWith(prefix)) return this.params.has(name) ? [] : undefined;
    const byIndex = new Map<number, Record<string, string>>();
    let present = this.params.has(name);
    for (const [key, value] of this.params) {
      if (!key.startsWith(prefix)) continue;
      const m = /^(\d+)\.(.+)$/.exec(key.slice(prefix.length));
      if (!m) continue;
      present = true;
      const i = Number(m[1]);
      const rec = byIndex.get(i) ?? {};
      rec[m[2]!] = value;
      byIndex.set(i, rec);
    }
    if (!present) return undefined;
    return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  }

  /** `Name.entry.N.key` / `Name.entry.N.value` maps. */
  map(name: string): Record<string, string> | undefined {
    const prefix = `${name}.entry.`;
    if (!this.anyStartsWith(prefix)) return this.params.has(name) ? {} : undefined;
    const entries = new Map<number, { key?: string; value?: string }>();
    for (const [key, value] of this.params) {
      if (!key.startsWith(prefix)) continue;
      const m = /^(\d+)\.(key|value)$/.exec(key.slice(prefix.length));
      if (!m) continue;
      const e = entries.get(Number(m[1])) ?? {};
      e[m[2] as 'key' | 'value'] = value;
      entries.set(Number(m[1]), e);
    }
    if (!entries.size) return this.params.has(name) ? {} : undefined;
    const out: Record<string, string> = {};
    for (const [, e] of [...entries.entries()].sort((a, b) => a[0] - b[0])) {
      if (e.key !== undefined) out[e.key] = e.value ?? '';
    }
    return out;
  }

  private indexed(
    prefix: string,
    pick: (key: string, rest: string) => string | undefined,
    name: string,
  ): string[] | undefined {
    if (!this.anyStartsWith(prefix)) return this.params.has(name) ? [] : undefined;
    const items: [number, string][] = [];
    for (const key of this.params.keys()) {
      if (!key.startsWith(prefix)) continue;
      const m = /^(\d+)(.*)$/.exec(key.slice(prefix.length));
      if (!m) continue;
      const v = pick(key, m[2]!);
      if (v !== undefined) items.push([Number(m[1]), v]);
    }
    if (!items.length) return this.params.has(name) ? [] : undefined;
    return items.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }
}

const XML_HEADERS = { 'content-type': 'text/xml' };

/** `<OpResponse><OpResult>...</OpResult><ResponseMetadata/></OpResponse>`; operations
 * without output have no Result element. The envelope is written here around the rendered
 * result: the same bytes as rendering it as a document (test/mock/xml.test.ts), without
 * building an object per answer with computed names. `action` is a handler's name and `ns`
 * and `requestId` are the mock's own, so nothing in the envelope needs escaping. */
export function queryResponse(
  action: string,
  ns: string,
  result: XmlObject | undefined,
  requestId: string,
): Reply {
  const inner = result ? `<${action}Result>${renderXml(result)}</${action}Result>` : '';
  const body =
    `<${action}Response xmlns="${ns}">${inner}` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml' }, body };
}

export function queryErrorReply(ns: string, err: AwsError, requestId: string): Reply {
  const error: XmlObject = { Type: err.type, Code: err.code, Message: err.message, ...err.extra };
  return {
    status: err.status,
    headers: Object.assign({}, XML_HEADERS),
    body: renderXml({ ErrorResponse: { '@_xmlns': ns, Error: error, RequestId: requestId } }),
  };
}

/** A query-protocol service: finds the handler of the request's `Action=`, runs it and
 * renders its result, with AWS's errors for a missing or unknown action. */
export function queryService<H>(spec: {
  name: 'iam' | 'sts';
  namespace: string;
  version: string;
  handlers: Record<string, H>;
  run(handler: H, call: Call, input: QueryInput): XmlObject | undefined;
}): Service {
  return {
    name: spec.name,
    handle(call) {
      const params = queryParams(call);
      const action = params.get('Action');
      if (!action) throw new AwsError('MissingAction', 'Missing Action', 400);
      const handler = Object.hasOwn(spec.handlers, action) ? spec.handlers[action] : undefined;
      if (!handler) {
        throw new AwsError('InvalidAction', `Could not find operation ${action.slice(0, 128)} for version ${spec.version}`, 400);
      }
      return queryResponse(action, spec.namespace, spec.run(handler, call, new QueryInput(params)), call.requestId);
    },
    errorReply: (err, requestId) => queryErrorReply(spec.namespace, err, requestId),
  };
}
