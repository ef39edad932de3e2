// Emptying a bucket the run created before deleting it: the journal deletes the objects the
// lab's own calls wrote, but a `run:` step, a `cleanup: false` call or the learner's own hand
// may have put more there, and S3 refuses to delete a bucket that holds anything
// (BucketNotEmpty). Every version and delete marker goes (a versioned bucket keeps both);
// uploads in progress do not block DeleteBucket and go with the bucket.
import type { AwsResult } from '../aws/index.js';
import type { SendFn } from '../targets/safety-names.js';

interface Version {
  Key?: string;
  VersionId?: string;
}

/** Deletes everything in `bucket`, a page of up to 1,000 versions at a time; the first failure
 * comes back as it is (the bucket then stays, and cleanup reports it). */
export async function emptyBucket(bucket: string, send: SendFn): Promise<AwsResult | undefined> {
  for (let page = 0; page < 1000; page++) {
    const listed = await send('s3:ListObjectVersions', { Bucket: bucket });
    if (!listed.ok) return listed;
    const out = listed.output as { Versions?: Version[]; DeleteMarkers?: Version[] };
    const objects = [...(out.Versions ?? []), ...(out.DeleteMarkers ?? [])]
      .filter((v) => v.Key !== undefined)
      .map((v) => (v.VersionId && v.VersionId !== 'null' ? { Key: v.Key, VersionId: v.VersionId } : { Key: v.Key }));
    if (!objects.length) return undefined;
    const deleted = await send('s3:DeleteObjects', { Bucket: bucket, Delete: { Objects: objects.slice(0, 1000), Quiet: true } });
    if (!deleted.ok) return deleted;
    const errors = (deleted.output as { Errors?: Array<{ Code?: string; Message?: string; Key?: string }> }).Errors ?? [];
    if (errors.length) {
      const e = errors[0]!;
      return { ok: false, error: { code: e.Code ?? 'InternalError', message: `${e.Key}: ${e.Message ?? ''}` }, durationMs: deleted.durationMs };
    }
  }
  return undefined;
}

/** Makes an undo call; a bucket the run created that still holds something is emptied and
 * deleted again (whatever is in it, journalled or not, came with the run). */
export async function deleteOrEmpty(call: string, input: Record<string, unknown>, send: SendFn): Promise<AwsResult> {
  const r = await send(call, input);
  if (r.ok || call !== 's3:DeleteBucket' || r.error.code !== 'BucketNotEmpty') return r;
  return (await emptyBucket(String(input['Bucket']), send)) ?? (await send(call, input));
}
