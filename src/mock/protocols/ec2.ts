// The EC2 query protocol (aws-wire.md §3, §5.1): form-encoded requests with flattened `.N`
// lists, XML responses with members directly under `<OpResponse>` (no Result wrapper), `<item>`
// lists and `<requestId>`; errors in a `<Response><Errors><Error>` envelope with `<RequestID>`.
import { AwsError, type Reply } from '../types.js';
import { compactBuilder, XML_DECLARATION } from './xml.js';

export const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const CONTENT_TYPE = 'text/xml;charset=UTF-8';

/** Request parameters by their wire names (`InstanceId.1`, `Filter.1.Name`, ...). */
export type Ec2Params = Map<string, string>;

/** Form body and query string together: EC2 accepts parameters in either (GET or POST). */
export function parseEc2Params(body: Buffer, query: URLSearchParams): Ec2Params {
  const params: Ec2Params = new Map();
  for (const [k, v] of query) params.set(k, v);
  for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v);
  return params;
}

/** Members of a flattened list `Name.1`, `Name.2`, ... in index order. */
export function ec2List(params: Ec2Params, name: string): string[] {
  const found: [number, string][] = [];
  const prefix = `${name}.`;
  for (const [k, v] of params) {
    if (!k.startsWith(prefix)) continue;
    const rest = k.slice(prefix.length);
    if (/^\d+$/.test(rest)) found.push([Number(rest), v]);
  }
  return found.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

/** Members of a flattened list of structures `Name.N.Member...`, each as its own params map
 * keyed by the member path under it (`Name`, `Value.1`, ...). */
export function ec2Structs(params: Ec2Params, name: string): Ec2Params[] {
  const groups = new Map<number, Ec2Params>();
  const prefix = `${name}.`;
  for (const [k, v] of params) {
    if (!k.startsWith(prefix)) continue;
    const m = /^(\d+)\.(.+)$/.exec(k.slice(prefix.length));
    if (!m) continue;
    const index = Number(m[1]);
    let group = groups.get(index);
    if (!group) groups.set(index, (group = new Map()));
    group.set(m[2]!, v);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}

export function ec2Bool(params: Ec2Params, name: string): boolean | undefined {
  const v = params.get(name);
  if (v === undefined) return undefined;
  const lower = v.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  throw new AwsError('InvalidParameterValue', `Invalid value '${v}' for ${name}. Expected a boolean.`);
}

export function ec2Int(params: Ec2Params, name: string): number | undefined {
  const v = params.get(name);
  if (v === undefined) return undefined;
  if (!/^-?\d{1,10}$/.test(v.trim())) {
    throw new AwsError('InvalidParameterValue', `Invalid value '${v}' for ${name}. Expected an integer.`);
  }
  return Number(v.trim());
}

/** An EC2 list: `<xxxSet><item>...</item></xxxSet>`, or an empty element. */
export function items<T>(list: readonly T[]): { item: T[] } | '' {
  return list.length ? { item: [...list] } : '';
}

/** A successful response: `<ActionResponse xmlns=...><requestId/>members...</ActionResponse>`. */
export function ec2Response(action: string, requestId: string, members: Record<string, unknown>): Reply {
  const root = { '@_xmlns': EC2_NAMESPACE, requestId, ...members };
  return {
    status: 200,
    headers: { 'content-type': CONTENT_TYPE },
    body: XML_DECLARATION + compactBuilder.build({ [`${action}Response`]: root }),
  };
}

export function ec2ErrorReply(err: AwsError, requestId: string): Reply {
  const doc = {
    Response: {
      Errors: { Error: { Code: err.code, Message: err.message, ...err.extra } },
      RequestID: requestId,
    },
  };
  return {
    status: err.status,
    headers: { 'content-type': CONTENT_TYPE },
    body: XML_DECLARATION + compactBuilder.build(doc),
  };
}
