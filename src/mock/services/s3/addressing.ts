// Which bucket and key a request names: path-style (`/bucket/key`) or virtual-hosted
// (`Host: bucket.localhost:PORT`, path `/key`). Keys are percent-decoded once and never
// normalised: `a/../b` and `/./x` are keys like any other (aws-wire.md §1).
import { virtualHostBucket } from '../../protocols/s3-host.js';
import { AwsError } from '../../types.js';

export interface S3Target {
  bucket?: string;
  key?: string;
  style: 'path' | 'virtual';
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new AwsError('InvalidURI', "Couldn't parse the specified URI.");
  }
}

export function resolveTarget(rawPath: string, host: string | undefined): S3Target {
  if (!rawPath.startsWith('/')) throw new AwsError('InvalidURI', "Couldn't parse the specified URI.");
  const path = rawPath.slice(1);
  const vhost = virtualHostBucket(host);
  if (vhost !== undefined) {
    const key = decode(path);
    return key ? { bucket: vhost, key, style: 'virtual' } : { bucket: vhost, style: 'virtual' };
  }
  if (!path) return { style: 'path' };
  const slash = path.indexOf('/');
  const bucket = decode(slash >= 0 ? path.slice(0, slash) : path);
  const key = slash >= 0 ? decode(path.slice(slash + 1)) : '';
  return key ? { bucket, key, style: 'path' } : { bucket, style: 'path' };
}

/** S3 limits keys to 1024 bytes of UTF-8. */
export function checkKeyLength(key: string): void {
  if (Buffer.byteLength(key, 'utf8') > 1024) {
    throw new AwsError('KeyTooLongError', 'Your key is too long', 400, { MaxSizeAllowed: '1024', Size: String(Buffer.byteLength(key)) });
  }
}
