// The HTTP front: reads the request (bounded), routes it to a service, authenticates the
// caller, builds the Call and renders the reply. Every answer, including failures of
// malformed input, is an AWS error in the service's envelope; never a bare 5xx.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { authenticate } from './auth/authenticate.js';
import { readSigV4, type SigV4Reading } from './auth/sigv4-read.js';
import { makeAuthorize } from './authz.js';
import type { DenialLog } from './denials.js';
import type { Faults } from './faults.js';
import type { IdentityStore } from './identity/store.js';
import type { LatencyHistogram } from './latency.js';
import { IAM_NS, queryErrorReply } from './protocols/query.js';
import { renderXml } from './protocols/xml.js';
import { httpDate } from './iso-time.js';
import { route } from './router.js';
import type { ServiceRegistry } from './services/index.js';
import { AwsError, type Call, type Reply, type Service, type ServiceName } from './types.js';
import type { World } from './world.js';

export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Past this much, an oversized body is not even drained: the connection is dropped. */
const MAX_DRAIN_BYTES = 4 * MAX_BODY_BYTES;

export interface ServerDeps {
  world: World;
  store: IdentityStore;
  registry: ServiceRegistry;
  faults: Faults;
  denials: DenialLog;
  /** Records each answered request's time in the mock (RunningMock.stats). */
  latency?: LatencyHistogram;
}

interface RawRequest {
  method: string;
  rawPath: string;
  rawQuery: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: Buffer;
  tooLarge: boolean;
  /** The SigV4 material of the head, read once for the router and the authenticator. */
  signed: SigV4Reading;
}

/** Generic envelope for requests no service can answer (unknown service). */
const fallbackError = (err: AwsError, requestId: string): Reply => queryErrorReply(IAM_NS, err, requestId);

export function createRequestHandler(deps: ServerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const t0 = performance.now();
    const requestId = randomUUID();
    res.on('error', () => res.destroy());
    const internal = (err: unknown): void => {
      // Reaching this is a bug in the mock; answer like AWS does for its own faults.
      process.emitWarning(`lab mock: internal error: ${(err as Error)?.stack ?? String(err)}`);
      if (!res.headersSent) {
        const fault = new AwsError('InternalFailure', 'The request processing has failed because of an unknown error.', 500);
        send(deps, res, fallbackError(fault, requestId), requestId, t0);
      }
    };
    readRequest(
      req,
      (raw) => {
        // Synchronous from here whenever the service is (IAM, STS, EC2 are), and called from
        // the body's 'end' event rather than through a promise: every hop through the
        // microtask queue costs time on every request.
        const reply = serve(deps, req, raw, requestId);
        if (reply instanceof Promise) reply.then((r) => send(deps, res, r, requestId, t0)).catch(internal);
        else send(deps, res, reply, requestId, t0);
      },
      internal,
    );
  };
}

function serve(deps: ServerDeps, req: IncomingMessage, raw: RawRequest, requestId: string): Reply | Promise<Reply> {
  const r = route(raw.method, raw.headers, raw.query, raw.body, raw.signed);
  if ('unknown' in r) {
    return fallbackError(new AwsError('InvalidAction', `This endpoint does not serve the service '${r.unknown.slice(0, 64)}'.`, 400), requestId);
  }
  const ready = deps.registry.settled(r.service);
  if (ready === undefined) return deps.registry.get(r.service).then((service) => dispatch(deps, service, r.service, req, raw, requestId));
  return dispatch(deps, ready ?? undefined, r.service, req, raw, requestId);
}

function dispatch(
  deps: ServerDeps,
  service: Service | undefined,
  name: ServiceName,
  req: IncomingMessage,
  raw: RawRequest,
  requestId: string,
): Reply | Promise<Reply> {
  if (!service) {
    return fallbackError(new AwsError('InvalidAction', `The service '${name}' is not available in this mock.`, 400), requestId);
  }
  const failed = (err: unknown): Reply => {
    if (!(err instanceof AwsError)) throw err;
    return service.errorReply(err, requestId, raw.method);
  };
  try {
    const reply = handle(deps, service, name, req, raw, requestId);
    return reply instanceof Promise ? reply.catch(failed) : reply;
  } catch (err) {
    return failed(err);
  }
}

function handle(
  deps: ServerDeps,
  service: Service,
  name: ServiceName,
  req: IncomingMessage,
  raw: RawRequest,
  requestId: string,
): Reply | Promise<Reply> {
  if (raw.tooLarge) {
    throw name === 's3'
      ? new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, {
          ...(raw.headers['content-length'] !== undefined ? { ProposedSize: raw.headers['content-length'] } : {}),
          MaxSizeAllowed: String(MAX_BODY_BYTES),
        })
      : new AwsError('RequestEntityTooLarge', `Request body must be at most ${MAX_BODY_BYTES} bytes.`, 413);
  }
  const fault = deps.faults.before(name);
  if (fault) throw fault;
  const nowMs = deps.world.now();
  const auth = authenticate(deps.store, name, raw, raw.signed, nowMs);
  const now = new Date(nowMs);
  const region = auth.region ?? deps.world.region;
  if (auth.caller.accessKeyId.startsWith('AKIA')) deps.store.noteKeyUse(auth.caller.accessKeyId, name, region, now, auth.key);
  const sourceIp = (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
  const call: Call = {
    service: name,
    region,
    requestId,
    now,
    method: raw.method,
    rawPath: raw.rawPath,
    query: raw.query,
    headers: raw.headers,
    body: raw.body,
    signing: auth.signing,
    sigV2: auth.sigV2 === true,
    caller: auth.caller,
    authorize: makeAuthorize(
      deps.store,
      auth.caller,
      { sourceIp, region, now, secure: false, userAgent: raw.headers['user-agent'] },
      auth.context,
      (decision) => deps.denials.record(requestId, decision),
    ),
  };
  return service.handle(call);
}

/** Reads the request head and body, then calls `onRead` once; a body beyond the limit is
 * drained and flagged. A request that fails or grows past draining is dropped uncalled.
 * Whatever `onRead` (or reading the head) throws goes to `onFail`, never to the emitter. */
function readRequest(req: IncomingMessage, onRead: (raw: RawRequest) => void, onFail: (err: unknown) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_DRAIN_BYTES) {
      req.destroy();
      return;
    }
    if (size > MAX_BODY_BYTES) tooLarge = true;
    else chunks.push(chunk);
  });
  req.on('end', () => {
    try {
      const url = req.url ?? '/';
      // Absolute-form targets (proxies) carry scheme and host before the path.
      const target = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '') || '/' : url;
      const q = target.indexOf('?');
      const rawQuery = q < 0 ? '' : target.slice(q + 1);
      // Node has built req.headers already (it checks Host); only set-cookie can be an array.
      const headers = req.headers as Record<string, string>;
      for (const name in headers) {
        const v: unknown = headers[name];
        if (typeof v !== 'string') headers[name] = Array.isArray(v) ? v.join(',') : String(v ?? '');
      }
      const query = new URLSearchParams(rawQuery);
      onRead({
        method: req.method ?? 'GET',
        rawPath: q < 0 ? target : target.slice(0, q),
        rawQuery,
        query,
        headers,
        body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks),
        tooLarge,
        signed: readSigV4(headers, query),
      });
    } catch (err) {
      onFail(err);
    }
  });
  // A client that hangs up mid-body: Node 20 emits 'error' (ECONNRESET) after 'aborted'
  // when there is a listener, so this one covers both. 'end' never follows.
  req.on('error', () => req.destroy());
}

/** Writes the reply and records the request's time in the mock (from `t0`). */
function send(deps: ServerDeps, res: ServerResponse, reply: Reply, requestId: string, t0: number): void {
  if (res.headersSent || res.destroyed) return;
  // A string body goes to res.end as is: Node then sends head and body in one write, where
  // a Buffer makes it a two-chunk writev (about 8 % of the mock's time per STS call).
  const body = reply.body;
  const headers: Record<string, string> = Object.assign({}, reply.headers);
  let [date, id, length] = [false, false, false];
  for (const name in headers) {
    const lower = name.toLowerCase();
    if (lower === 'date') date = true;
    else if (lower === 'x-amzn-requestid') id = true;
    else if (lower === 'content-length') length = true;
  }
  if (!date) headers.Date = httpDate(deps.world.now());
  if (!id) headers['x-amzn-RequestId'] = requestId;
  if (!length) headers['Content-Length'] = String(typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length);
  try {
    res.writeHead(reply.status, headers);
    if (typeof body === 'string') res.end(body, 'utf8');
    else res.end(body);
    // res.end has handed the last byte to the socket.
    deps.latency?.record(performance.now() - t0);
  } catch (err) {
    // Invalid header values from a service: fall back to a plain error rather than crash.
    process.emitWarning(`lab mock: could not send reply: ${(err as Error).message}`);
    res.destroy();
  }
}

/** Answers HTTP the parser cannot read (bad request line, oversized headers) with an AWS
 * error document instead of Node's bare status line. */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || (err.code === 'ECONNRESET')) {
    socket.destroy();
    return;
  }
  const tooBig = err.code === 'HPE_HEADER_OVERFLOW';
  const status = tooBig ? 431 : 400;
  const requestId = randomUUID();
  const body = renderXml({
    ErrorResponse: {
      '@_xmlns': IAM_NS,
      Error: {
        Type: 'Sender',
        Code: tooBig ? 'RequestHeaderSectionTooLarge' : 'MalformedHTTPRequest',
        Message: tooBig ? 'Your request header section exceeds the maximum allowed size.' : 'The HTTP request could not be parsed.',
      },
      RequestId: requestId,
    },
  });
  socket.end(
    `HTTP/1.1 ${status} ${tooBig ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n` +
      `Content-Type: text/xml\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `x-amzn-RequestId: ${requestId}\r\nDate: ${new Date().toUTCString()}\r\nConnection: close\r\n\r\n${body}`,
  );
}
