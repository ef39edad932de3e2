// PutPublicAccessBlock, GetPublicAccessBlock, DeletePublicAccessBlock: a bucket's Block Public
// Access settings. Whether a policy is public is the engine's judgement (policy/public.ts);
// BlockPublicPolicy is enforced by PutBucketPolicy and RestrictPublicBuckets by the authoriser.
import { parseXmlBody, xmlReply, emptyReply } from '../../protocols/rest-xml.js';
import { AwsError, type Reply } from '../../types.js';
import { authorizeS3, bucketArn } from './authz.js';
import { requireBucket, type S3Request } from './request.js';
import type { BucketRecord, PublicAccessBlock } from './state.js';

const SETTINGS = ['BlockPublicAcls', 'IgnorePublicAcls', 'BlockPublicPolicy', 'RestrictPublicBuckets'] as const;

const malformedXml = () =>
  new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');

function authorized(req: S3Request, action: string): BucketRecord {
  const bucket = requireBucket(req);
  authorizeS3(req.call, req.policies, { action, resource: bucketArn(bucket.name), bucket });
  return bucket;
}

/** The four settings of a PublicAccessBlockConfiguration; an absent one is false. */
function readConfiguration(body: Buffer): PublicAccessBlock {
  const doc = parseXmlBody(body)['PublicAccessBlockConfiguration'];
  if (doc === undefined) throw malformedXml();
  const fields = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>) : {};
  const out = {} as PublicAccessBlock;
  for (const name of SETTINGS) {
    const text = fields[name] === undefined ? 'false' : String(fields[name]).trim();
    if (text !== 'true' && text !== 'false') throw malformedXml();
    out[name] = text === 'true';
  }
  return out;
}

export function putPublicAccessBlock(req: S3Request): Reply {
  const bucket = authorized(req, 's3:PutBucketPublicAccessBlock');
  // The API requires an integrity check of the body (the SDKs and the CLI send one).
  if (req.call.headers['content-md5'] === undefined && !Object.keys(req.checksums).length) {
    throw new AwsError('InvalidRequest', 'Missing required header for this request: Content-MD5');
  }
  bucket.publicAccessBlock = readConfiguration(req.body);
  req.world.changed();
  return emptyReply(req.call.requestId, 200);
}

export function getPublicAccessBlock(req: S3Request): Reply {
  const bucket = authorized(req, 's3:GetBucketPublicAccessBlock');
  const block = bucket.publicAccessBlock;
  if (!block) {
    throw new AwsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404, {
      BucketName: bucket.name,
    });
  }
  return xmlReply(req.call.requestId, 'PublicAccessBlockConfiguration', Object.fromEntries(SETTINGS.map((n) => [n, block[n]])));
}

/** Authorised as s3:PutBucketPublicAccessBlock (Service Authorization Reference). */
export function deletePublicAccessBlock(req: S3Request): Reply {
  const bucket = authorized(req, 's3:PutBucketPublicAccessBlock');
  if (bucket.publicAccessBlock) {
    delete bucket.publicAccessBlock;
    req.world.changed();
  }
  return emptyReply(req.call.requestId, 204);
}
