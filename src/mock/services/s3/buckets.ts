// Bucket operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation.
import { emptyReply, parseXmlBody, s3Headers, xmlDocument, xmlReply } from '../../protocols/rest-xml.js';
import { AwsError, type Reply } from '../../types.js';
import { authorizeS3, bucketArn } from './authz.js';
import { checkBucketName } from './bucket-names.js';
import { intParam, requireBucket, type S3Request } from './request.js';
import { canonicalUserId, newBucket, objectsOf, s3State } from './state.js';

const GLOBAL_REGION = 'us-east-1';

export function listBuckets(req: S3Request): Reply {
  const { call } = req;
  const max = intParam(req, 'max-buckets', 1, 10000, 'Argument max-buckets must be an integer between 1 and 10000.');
  const prefix = call.query.get('prefix') ?? '';
  const region = call.query.get('bucket-region');
  const after = call.query.get('continuation-token');
  authorizeS3(call, req.policies, { action: 's3:ListAllMyBuckets', resource: '*' });

  const mine = Object.values(s3State(req.world).buckets)
    .filter((b) => b.owner === call.caller.accountId && b.name.startsWith(prefix) && (!region || b.region === region))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  let start = 0;
  if (after !== null) {
    const name = Buffer.from(after, 'base64url').toString('utf8');
    start = mine.filter((b) => b.name <= name).length;
  }
  const page = max === undefined ? mine.slice(start) : mine.slice(start, start + max);
  const more = max !== undefined && start + max < mine.length;
  return xmlReply(call.requestId, 'ListAllMyBucketsResult', {
    Owner: { ID: canonicalUserId(call.caller.accountId) },
    Buckets: page.length
      ? { Bucket: page.map((b) => ({ Name: b.name, CreationDate: b.creationDate, BucketRegion: b.region })) }
      : '',
    ContinuationToken: more ? Buffer.from(page[page.length - 1]!.name).toString('base64url') : undefined,
    Prefix: call.query.has('prefix') ? prefix : undefined,
  });
}

/** The LocationConstraint of a CreateBucket body, if any. */
function locationConstraint(req: S3Request): string | undefined {
  if (!req.body.length) return undefined;
  const doc = parseXmlBody(req.body);
  const config = doc['CreateBucketConfiguration'];
  if (config === undefined) {
    throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema');
  }
  const lc = typeof config === 'object' && config !== null ? (config as Record<string, unknown>)['LocationConstraint'] : undefined;
  return typeof lc === 'string' && lc ? lc : undefined;
}

export function createBucket(req: S3Request): Reply {
  const { call } = req;
  const name = req.bucketName ?? '';
  checkBucketName(name);
  const lc = locationConstraint(req);
  if (lc !== undefined && (lc === GLOBAL_REGION || !/^(?:[a-z]{2}(?:-[a-z]+)+-\d|EU)$/.test(lc))) {
    throw new AwsError('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400, { LocationConstraint: lc });
  }
  const region = lc === 'EU' ? 'eu-west-1' : (lc ?? GLOBAL_REGION);
  // The us-east-1 endpoint creates buckets in any region; a regional endpoint only in its own.
  if (call.region !== GLOBAL_REGION && region !== call.region) {
    const what = lc === undefined ? 'unspecified' : lc;
    throw new AwsError(
      'IllegalLocationConstraintException',
      `The ${what} location constraint is incompatible for the region specific endpoint this request was sent to.`,
    );
  }
  const context: Record<string, string> = { 's3:LocationConstraint': region };
  for (const h of ['x-amz-acl', 'x-amz-object-ownership']) {
    const v = call.headers[h];
    if (v !== undefined) context[`s3:${h}`] = v;
  }
  authorizeS3(call, req.policies, { action: 's3:CreateBucket', resource: bucketArn(name), context });

  const buckets = s3State(req.world).buckets;
  const existing = Object.hasOwn(buckets, name) ? buckets[name] : undefined;
  if (existing && existing.owner !== call.caller.accountId) {
    throw new AwsError(
      'BucketAlreadyExists',
      'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.',
      409,
      { BucketName: name },
    );
  }
  if (existing) {
    // Legacy behaviour of us-east-1: re-creating your own bucket there succeeds.
    if (existing.region === GLOBAL_REGION && region === GLOBAL_REGION) return emptyReply(call.requestId, 200, { location: `/${name}` });
    throw new AwsError(
      'BucketAlreadyOwnedByYou',
      'Your previous request to create the named bucket succeeded and you already own it.',
      409,
      { BucketName: name },
    );
  }
  buckets[name] = newBucket(name, call.caller.accountId, region, call.now);
  req.world.changed();
  return emptyReply(call.requestId, 200, { location: createdLocation(name, region) });
}

/** CreateBucket's Location: the path for us-east-1 (aws-wire.md §4), the bucket's
 * virtual-hosted URL elsewhere, as in the AWS CLI reference's create-bucket example
 * (`"Location": "http://my-bucket.s3.amazonaws.com/"` for eu-west-1). */
function createdLocation(name: string, region: string): string {
  return region === GLOBAL_REGION ? `/${name}` : `http://${name}.s3.amazonaws.com/`;
}

export function headBucket(req: S3Request): Reply {
  const bucket = requireBucket(req);
  authorizeS3(req.call, req.policies, { action: 's3:ListBucket', resource: bucketArn(bucket.name), bucket });
  return emptyReply(req.call.requestId, 200, {
    'x-amz-bucket-region': bucket.region,
    'x-amz-access-point-alias': 'false',
  });
}

export function deleteBucket(req: S3Request): Reply {
  const bucket = requireBucket(req);
  authorizeS3(req.call, req.policies, { action: 's3:DeleteBucket', resource: bucketArn(bucket.name), bucket });
  // Only objects count: S3 deletes a bucket with multipart uploads in progress, and them with it.
  if (Object.keys(objectsOf(bucket)).length) {
    throw new AwsError('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucket.name });
  }
  delete s3State(req.world).buckets[bucket.name];
  req.world.changed();
  return emptyReply(req.call.requestId, 204);
}

export function getBucketLocation(req: S3Request): Reply {
  const bucket = requireBucket(req);
  authorizeS3(req.call, req.policies, { action: 's3:GetBucketLocation', resource: bucketArn(bucket.name), bucket });
  // us-east-1 is reported as an empty constraint, as S3 does.
  const region = bucket.region === GLOBAL_REGION ? '' : bucket.region;
  return {
    status: 200,
    headers: { ...s3Headers(req.call.requestId), 'content-type': 'application/xml' },
    body: xmlDocument('LocationConstraint', { '#text': region }),
  };
}
