// Which service a request is for: the SigV4 credential scope names it; unsigned requests
// are recognised by their shape (aws-wire.md §1).
import { scopeService, SigV4FormatError, type SigV4Reading } from './auth/sigv4-read.js';
import type { ServiceName } from './types.js';

const SERVICES: readonly ServiceName[] = ['iam', 'sts', 'ec2', 's3'];

const BY_VERSION: Record<string, ServiceName> = {
  '2010-05-08': 'iam',
  '2011-06-15': 'sts',
  '2016-11-15': 'ec2',
};

export type Route = { service: ServiceName } | { unknown: string };

export function route(
  method: string,
  headers: Record<string, string>,
  query: URLSearchParams,
  body: Buffer,
  signed: SigV4Reading,
): Route {
  // Malformed SigV4 material may still name a readable scope: its service answers.
  const scoped = signed instanceof SigV4FormatError ? scopeService(headers, query) : signed?.service;
  if (scoped !== undefined) {
    return (SERVICES as readonly string[]).includes(scoped) ? { service: scoped as ServiceName } : { unknown: scoped };
  }
  const params = queryShape(method, headers, query, body);
  if (params) {
    const version = params.get('Version');
    return { service: (version && BY_VERSION[version]) || 'iam' };
  }
  return { service: 's3' };
}

/** The parameters of a query-protocol request (form POST or GET with Action=), if it is one. */
function queryShape(
  method: string,
  headers: Record<string, string>,
  query: URLSearchParams,
  body: Buffer,
): URLSearchParams | undefined {
  if (method === 'GET' && query.has('Action')) return query;
  if (method !== 'POST') return undefined;
  const type = headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !body.subarray(0, 7).equals(Buffer.from('Action='))) {
    return undefined;
  }
  const params = new URLSearchParams(body.toString('utf8'));
  return params.has('Action') ? params : undefined;
}
