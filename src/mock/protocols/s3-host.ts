// Virtual-hosted S3 addressing (`Host: bucket.localhost:PORT`): which bucket a Host header
// names. Shared by the S3 service (addressing) and the authenticator (SigV2 signs the bucket
// in its canonical resource whichever way the request addressed it).
import { isIP } from 'node:net';

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
