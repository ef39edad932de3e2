// Normalises whatever an SDK call throws into { code, message, status, requestId }, with the
// WIRE code that AWS sent (NoSuchEntity), which is what lab authors see in AWS docs and the
// AWS CLI, not the SDK's class name (NoSuchEntityException).
import { STATUS_CODES } from 'node:http';
import type { AwsErrorInfo } from './types.js';

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  Code?: unknown;
  Error?: { Code?: unknown; Message?: unknown };
  RequestId?: unknown;
  $metadata?: { httpStatusCode?: unknown; requestId?: unknown };
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

export function normaliseError(err: unknown): AwsErrorInfo {
  if (typeof err !== 'object' || err === null) return { code: 'Error', message: String(err) };
  const e = err as SdkErrorShape;
  const status = typeof e.$metadata?.httpStatusCode === 'number' ? e.$metadata.httpStatusCode : undefined;
  const requestId = str(e.$metadata?.requestId) ?? str(e.RequestId);
  // Query (IAM, STS) and EC2 errors keep the parsed <Error> element; S3 and EC2 put the code
  // at top level too. The class name is only the last resort: for modeled query errors it is
  // the shape name (NoSuchEntityException), not the code on the wire.
  const wire = str(e.Error?.Code) ?? str(e.Code);
  let code = wire ?? str(e.name) ?? 'Error';
  let message = str(e.message) ?? str(e.Error?.Message) ?? code;
  if (!wire && status !== undefined && message === 'UnknownError') {
    // No error body (S3 HEAD requests): report it as the AWS CLI does, "(403) ... Forbidden".
    code = String(status);
    message = STATUS_CODES[status] ?? code;
  } else if (!wire && status === undefined) {
    // Not a service response (ECONNREFUSED, AbortError, TimeoutError): node's code is more
    // telling than the class name.
    code = str(e.code) ?? code;
  }
  const info: AwsErrorInfo = { code, message };
  if (status !== undefined) info.status = status;
  if (requestId !== undefined) info.requestId = requestId;
  return info;
}
