// Reading a request's Signature Version 4 material (aws-wire.md §7): the Authorization
// header or the X-Amz-* query parameters of a presigned URL, into the parameters that
// verification (sigv4.ts) checks. Material that cannot be understood is a SigV4FormatError,
// in the words AWS uses for it.

export const ALGORITHM = 'AWS4-HMAC-SHA256';

export interface SigV4Params {
  accessKeyId: string;
  /** yyyymmdd of the credential scope. */
  date: string;
  region: string;
  service: string;
  scope: string;
  signedHeaders: string[];
  signature: string;
  /** yyyymmddThhmmssZ */
  amzDate: string;
  presigned: boolean;
  expiresSeconds?: number;
  securityToken?: string;
}

/** A fault in a presigned URL's X-Amz-Expires, which S3 answers in words of its own
 * (AuthorizationQueryParametersError) where other services give the generic message. */
export type QueryFault = 'expiresNotNumber' | 'expiresTooLong';

/** The request carries SigV4 material that cannot be understood. */
export class SigV4FormatError extends Error {
  constructor(message: string, readonly queryFault?: QueryFault) {
    super(message);
  }
}

/** Longest validity of a presigned URL: a SigV4 signing key lives seven days (aws-wire.md §7.1). */
const MAX_PRESIGN_SECONDS = 604800;

const SCOPE_RE = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/;
const AMZ_DATE_RE = /^\d{8}T\d{6}Z$/;
const USUAL_AUTH_RE = /^AWS4-HMAC-SHA256 Credential=([^,\s]+), ?SignedHeaders=([^,\s]+), ?Signature=([^,\s]+)$/;

function parseScope(credential: string): Pick<SigV4Params, 'accessKeyId' | 'date' | 'region' | 'service' | 'scope'> {
  const m = SCOPE_RE.exec(credential);
  if (!m) throw new SigV4FormatError(`Credential should be scoped to a valid region, service and terminated by aws4_request.`);
  return { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]!, scope: credential.slice(m[1]!.length + 1) };
}

/** `Date` header (RFC 1123) to the SigV4 basic format, for clients that sign `date`. */
function amzDateFrom(date: string | undefined): string | undefined {
  if (!date) return undefined;
  const t = Date.parse(date);
  if (Number.isNaN(t)) return undefined;
  return new Date(t).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** Service named by the credential scope of a request, without validating anything else. */
export function scopeService(headers: Record<string, string>, query: URLSearchParams): string | undefined {
  const auth = headers.authorization;
  const cred = auth?.startsWith(ALGORITHM) ? /Credential=([^,\s]+)/.exec(auth)?.[1] : query.get('X-Amz-Credential');
  return cred ? SCOPE_RE.exec(cred)?.[4] : undefined;
}

/** A request's SigV4 material, read once: the router takes the service from it and the
 * authenticator the rest. Malformed material is kept as its error, for the authenticator
 * to answer in the words of the service the router found. */
export type SigV4Reading = SigV4Params | SigV4FormatError | undefined;

export function readSigV4(headers: Record<string, string>, query: URLSearchParams): SigV4Reading {
  try {
    return parseSigV4(headers, query);
  } catch (err) {
    if (err instanceof SigV4FormatError) return err;
    throw err;
  }
}

// Object.assign over spreads here and below: V8 (Node 20) spreads objects slowly, and this
// runs on every request.
/** Parses header or query-string SigV4 auth; undefined when the request carries none. */
export function parseSigV4(headers: Record<string, string>, query: URLSearchParams): SigV4Params | undefined {
  const auth = headers.authorization;
  if (auth !== undefined) {
    // What every SDK sends takes one regex; anything else the general parser below.
    const usual = USUAL_AUTH_RE.exec(auth);
    const amzUsual = headers['x-amz-date'];
    if (usual && amzUsual !== undefined && AMZ_DATE_RE.test(amzUsual)) {
      return Object.assign(parseScope(usual[1]!), {
        signedHeaders: usual[2]!.split(';'),
        signature: usual[3]!,
        amzDate: amzUsual,
        presigned: false,
        securityToken: headers['x-amz-security-token'],
      });
    }
    const space = auth.indexOf(' ');
    const algorithm = space < 0 ? auth : auth.slice(0, space);
    if (algorithm !== ALGORITHM) throw new SigV4FormatError(`Unsupported authorization type: ${algorithm.slice(0, 40)}`);
    const fields = new Map<string, string>();
    for (const part of auth.slice(space + 1).split(',')) {
      const eq = part.indexOf('=');
      if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
    }
    const credential = fields.get('Credential');
    const signedHeaders = fields.get('SignedHeaders');
    const signature = fields.get('Signature');
    for (const [name, v] of [['Credential', credential], ['SignedHeaders', signedHeaders], ['Signature', signature]] as const) {
      if (!v) throw new SigV4FormatError(`Authorization header requires '${name}' parameter.`);
    }
    const amzDate = headers['x-amz-date'] ?? amzDateFrom(headers.date);
    if (!amzDate || !AMZ_DATE_RE.test(amzDate)) {
      throw new SigV4FormatError(`Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.`);
    }
    return Object.assign(parseScope(credential!), {
      signedHeaders: signedHeaders!.split(';'),
      signature: signature!,
      amzDate,
      presigned: false,
      securityToken: headers['x-amz-security-token'],
    });
  }
  if (!query.has('X-Amz-Algorithm') && !query.has('X-Amz-Signature')) return undefined;
  const algorithm = query.get('X-Amz-Algorithm');
  if (algorithm !== ALGORITHM) throw new SigV4FormatError(`Unsupported X-Amz-Algorithm: ${String(algorithm).slice(0, 40)}`);
  const need = (name: string): string => {
    const v = query.get(name);
    if (!v) throw new SigV4FormatError(`Query-string authentication requires the ${name} parameter.`);
    return v;
  };
  const amzDate = need('X-Amz-Date');
  if (!AMZ_DATE_RE.test(amzDate)) throw new SigV4FormatError(`X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd'T'HHmmss'Z'"`);
  const expires = Number(need('X-Amz-Expires'));
  if (!Number.isInteger(expires) || expires < 1 || expires > MAX_PRESIGN_SECONDS) {
    const fault = Number.isInteger(expires) && expires > MAX_PRESIGN_SECONDS ? 'expiresTooLong' : 'expiresNotNumber';
    throw new SigV4FormatError(`X-Amz-Expires must be between 1 and ${MAX_PRESIGN_SECONDS} seconds.`, fault);
  }
  return Object.assign(parseScope(need('X-Amz-Credential')), {
    signedHeaders: need('X-Amz-SignedHeaders').split(';'),
    signature: need('X-Amz-Signature'),
    amzDate,
    presigned: true,
    expiresSeconds: expires,
    securityToken: query.get('X-Amz-Security-Token') ?? undefined,
  });
}
