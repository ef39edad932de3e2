// The REST-XML protocol as S3 speaks it (aws-wire.md §4, §5.1): XML documents in the S3
// namespace, `x-amz-request-id` / `x-amz-id-2` on every response, errors as a bare `<Error>`
// document, and no body at all for HEAD errors.
import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AwsError, type Reply } from '../types.js';
import { compactBuilder, XML_DECLARATION } from './xml.js';

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
});

/** `x-amz-id-2` (and the error `HostId`): opaque, derived from the request id so an error and
 * its headers agree. */
export function hostId(requestId: string): string {
  return createHash('sha256').update(`host:${requestId}`).digest('base64');
}

export function s3Headers(requestId: string): Record<string, string> {
  return { 'x-amz-request-id': requestId, 'x-amz-id-2': hostId(requestId) };
}

/** A document `<root xmlns=S3>members</root>` with its declaration. */
export function xmlDocument(root: string, members: Record<string, unknown>): string {
  return XML_DECLARATION + compactBuilder.build({ [root]: { '@_xmlns': S3_NAMESPACE, ...members } });
}

export function xmlReply(requestId: string, root: string, members: Record<string, unknown>, status = 200): Reply {
  return {
    status,
    headers: { ...s3Headers(requestId), 'content-type': 'application/xml' },
    body: xmlDocument(root, members),
  };
}

/** A success without a body (PUT bucket, DELETE ...), with extra headers. */
export function emptyReply(requestId: string, status: number, headers: Record<string, string> = {}): Reply {
  return { status, headers: { ...s3Headers(requestId), ...headers }, body: '' };
}

export function restXmlErrorReply(err: AwsError, requestId: string, method: string): Reply {
  const headers = s3Headers(requestId);
  if (method.toUpperCase() === 'HEAD' || err.status === 304) return { status: err.status, headers, body: '' };
  const doc = { Error: { Code: err.code, Message: err.message, ...err.extra, RequestId: requestId, HostId: hostId(requestId) } };
  return {
    status: err.status,
    headers: { ...headers, 'content-type': 'application/xml' },
    body: XML_DECLARATION + compactBuilder.build(doc),
  };
}

/** Parse a request's XML body; MalformedXML (400) when it is not well-formed. */
export function parseXmlBody(body: Buffer): Record<string, unknown> {
  const text = body.toString('utf8');
  if (!text.trim() || XMLValidator.validate(text) !== true) {
    throw new AwsError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
    );
  }
  return parser.parse(text) as Record<string, unknown>;
}
