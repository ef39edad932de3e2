// A tiny local HTTP server that answers canned AWS responses, for testing the client side of
// src/aws (what callAws makes of envelopes, statuses and headers). Not a mock of AWS.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CannedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Form parameters of query-protocol requests (IAM, STS, EC2). */
  form: URLSearchParams;
}

export interface CannedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

export interface CannedServer {
  endpoint: string;
  requests: CannedRequest[];
  respond: (r: (req: CannedRequest) => CannedResponse) => void;
  close(): Promise<void>;
}

export async function startCanned(): Promise<CannedServer> {
  let responder: (req: CannedRequest) => CannedResponse = () => ({ status: 500, body: 'no responder' });
  const requests: CannedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const isForm = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      const canned: CannedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body,
        form: new URLSearchParams(isForm ? body.toString('utf8') : ''),
      };
      requests.push(canned);
      const out = responder(canned);
      res.writeHead(out.status, { date: new Date().toUTCString(), ...out.headers });
      res.end(out.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    respond: (r) => {
      responder = r;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const xml = { 'content-type': 'text/xml' };

/** Query-protocol (IAM, STS) error envelope. */
export function queryError(ns: string, code: string, message: string, requestId = 'req-body-1'): string {
  return `<ErrorResponse xmlns="${ns}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
}

/** EC2 error envelope. */
export function ec2Error(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>req-ec2-body</RequestID></Response>`;
}

/** S3 (REST-XML) error envelope. */
export function s3Error(code: string, message: string, extra = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>req-s3-body</RequestId><HostId>aG9zdA==</HostId></Error>`;
}

export const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
export const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
