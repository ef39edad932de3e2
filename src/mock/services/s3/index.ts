// The mock's S3 service (REST-XML). It resolves bucket and key from the path and Host header,
// unwraps aws-chunked bodies (verifying chunk signatures), checks payload integrity, routes on
// method and subresource, and answers in S3's shapes; errors are rendered by `errorReply`.
import { restXmlErrorReply } from '../../protocols/rest-xml.js';
import { AwsError, type Call, type Reply, type Service, type ServiceWorld } from '../../types.js';
import { resolveTarget } from './addressing.js';
import { identityOf } from '../../identity/store.js';
import { World } from '../../world.js';
import { PolicyCache, type AccountsIam } from './authz.js';
import { isAwsChunked, unchunk } from './aws-chunked.js';
import { checkChecksums, checkContentMd5, checkContentSha256 } from './integrity.js';
import type { S3Request } from './request.js';
import { route } from './router.js';
import { checkBucketRegion, WrongRegion } from './bucket-region.js';
import { createBucket, getBucketLocation } from './buckets.js';
import { completeMultipartUpload } from './multipart.js';
import { getBucket, objectsOf, s3State } from './state.js';

/** The body after unchunking, with the flexible checksums it carries, verified; unless the
 * checksum headers describe something else (CompleteMultipartUpload: the object it makes). */
function payload(call: Call, bodyChecksums: boolean): { body: Buffer; checksums: Record<string, string> } {
  checkContentSha256(call.headers, call.body);
  let body = call.body;
  let trailers: Record<string, string> = {};
  if (isAwsChunked(call.headers)) {
    ({ body, trailers } = unchunk(call));
    const declared = call.headers['x-amz-decoded-content-length'];
    if (declared !== undefined && Number(declared) !== body.length) {
      throw new AwsError('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header');
    }
  }
  checkContentMd5(call.headers, body);
  return { body, checksums: bodyChecksums ? checkChecksums(call.headers, trailers, body) : {} };
}

/** Accounts' IAM state; a world without the core's identity store holds no users or roles. */
function accountsIam(world: ServiceWorld): AccountsIam {
  if (!(world instanceof World)) return { live: () => undefined, view: () => undefined };
  const store = identityOf(world);
  return { live: store.liveOf, view: store.viewOf };
}

export function create(world: ServiceWorld): Service {
  const policies = new PolicyCache(accountsIam(world));
  return {
    name: 's3',
    handle(call: Call): Reply {
      try {
        const method = call.method.toUpperCase();
        const target = resolveTarget(call.rawPath, call.headers['host']);
        const handler = route(method, target.bucket, target.key, call.query, call.headers);
        // CreateBucket has region rules of its own; GetBucketLocation is how a client that does
        // not know the region asks for it.
        const bucket = target.bucket !== undefined ? getBucket(world, target.bucket) : undefined;
        if (bucket && handler !== createBucket && handler !== getBucketLocation) checkBucketRegion(call, bucket);
        const req: S3Request = {
          call,
          world,
          policies,
          ...(target.bucket !== undefined ? { bucketName: target.bucket } : {}),
          ...(target.key !== undefined ? { key: target.key } : {}),
          ...payload(call, handler !== completeMultipartUpload),
        };
        return handler(req);
      } catch (err) {
        if (!(err instanceof AwsError)) throw err;
        const reply = restXmlErrorReply(err, call.requestId, call.method);
        if (err instanceof WrongRegion) reply.headers['x-amz-bucket-region'] = err.region;
        return reply;
      }
    },
    errorReply(err: AwsError, requestId: string, method: string): Reply {
      return restXmlErrorReply(err, requestId, method);
    },
    inventory(accountId: string) {
      const owned = Object.values(s3State(world).buckets).filter((b) => b.owner === accountId);
      return {
        buckets: owned.map((b) => b.name).sort(),
        objects: owned.flatMap((b) => Object.keys(objectsOf(b)).map((k) => `${b.name}/${k}`)).sort(),
      };
    },
  };
}
