// Which bucket and key a request names: path-style (`/bucket/key`) or virtual-hosted
// (`Host: bucket.localhost:PORT`, path `/key`). Keys are percent-decoded once and never
// normalised: `a/../b` and `/./x` are keys like any other (aws-wire.md §1).
import { isIP } from 'node:net';
import { AwsError } from '../../types.js';

export interface S3Target {
  bucket?: string;
  key?: string;
  style: 'path' | 'virtual';
}

/** Host suffixes under which the first label is a bucket name. `localhost` is what SDKs use
 * when the endpoint is http://localhost:PORT; the AWS names let a client that kept its default
 * S3 host (resolved to the mock) work too. */
const VIRTUAL_HOST = [/^(.+)\.localhost$/, /^(.+)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com$/];

function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(1, h.indexOf(']') >= 0 ? h.indexOf(']') : undefined);
  const colon = h.lastIndexOf(':');
  return colon >= 0 && /^\d*$/.test(h.slice(colon + 1)) ? h.slice(0, colon) : h;
}

/** The bucket named by the Host header, if the host is a hostname of virtual-hosted form (IP
 * literals are always path-style). */
export function virtualHostBucket(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const name = hostName(host);
  if (isIP(name)) return undefined;
  for (const re of VIRTUAL_HOST) {
    const m = re.exec(name);
    if (m) return m[1];
  }
  return undefined;
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
