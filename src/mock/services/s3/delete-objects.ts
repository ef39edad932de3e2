// DeleteObjects (POST /bucket?delete): up to 1000 keys, each authorised as s3:DeleteObject on
// its own; refusals are per-key <Error> entries, not a failure of the whole request.
import { parseXmlBody, xmlReply } from '../../protocols/rest-xml.js';
import { AwsError, type Reply } from '../../types.js';
import { isAllowed, objectArn } from './authz.js';
import { requireBucket, type S3Request } from './request.js';
import { objectsOf } from './state.js';

const MAX_KEYS = 1000;

const malformedXml = () =>
  new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');

function requestedKeys(body: Buffer): { keys: string[]; quiet: boolean } {
  const doc = parseXmlBody(body)['Delete'];
  if (typeof doc !== 'object' || doc === null) throw malformedXml();
  const d = doc as Record<string, unknown>;
  const objects = d['Object'] === undefined ? [] : Array.isArray(d['Object']) ? d['Object'] : [d['Object']];
  const keys = objects.map((o) => {
    const k = typeof o === 'object' && o !== null ? (o as Record<string, unknown>)['Key'] : undefined;
    if (typeof k !== 'string' || !k) throw malformedXml();
    return k;
  });
  if (!keys.length || keys.length > MAX_KEYS) throw malformedXml();
  return { keys, quiet: String(d['Quiet'] ?? '').trim() === 'true' };
}

export function deleteObjects(req: S3Request): Reply {
  const { headers } = req.call;
  if (headers['content-md5'] === undefined && !Object.keys(headers).some((h) => /^x-amz-checksum-(?!mode$|type$)/.test(h)) &&
      !Object.keys(req.checksums).length) {
    throw new AwsError('InvalidRequest', 'Missing required header for this request: Content-MD5');
  }
  const bucket = requireBucket(req);
  const { keys, quiet } = requestedKeys(req.body);
  const objects = objectsOf(bucket);
  const deleted: { Key: string }[] = [];
  const errors: { Key: string; Code: string; Message: string }[] = [];
  for (const key of keys) {
    if (!isAllowed(req.call, req.policies, { action: 's3:DeleteObject', resource: objectArn(bucket.name, key), bucket })) {
      errors.push({ Key: key, Code: 'AccessDenied', Message: 'Access Denied' });
      continue;
    }
    delete objects[key];
    deleted.push({ Key: key });
  }
  if (deleted.length) req.world.changed();
  return xmlReply(req.call.requestId, 'DeleteResult', { Deleted: quiet ? [] : deleted, Error: errors });
}
