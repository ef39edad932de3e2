// A request about a bucket in another region than the one it was signed for: the mock has one
// endpoint, which stands for the endpoint of the region the client signed for, so S3's answer
// is the one it gives a request sent to another region's endpoint: 301 PermanentRedirect, with
// the bucket's region in x-amz-bucket-region (S3 API Reference, "Error responses"). That header
// is how the AWS CLI and boto3 (botocore's S3RegionRedirector) and the SDK for JavaScript (with
// followRegionRedirects) find the region and send the request again, signed for it.
import { AwsError, type Call } from '../../types.js';
import type { BucketRecord } from './state.js';

/** The refusal of a request signed for another region than the bucket's. */
export class WrongRegion extends AwsError {
  /** The bucket's region, for the x-amz-bucket-region header of the reply. */
  readonly region: string;

  constructor(bucket: BucketRecord) {
    super(
      'PermanentRedirect',
      'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.',
      301,
      { Endpoint: `${bucket.name}.s3.${bucket.region}.amazonaws.com`, Bucket: bucket.name },
    );
    this.region = bucket.region;
  }
}

/** The regions that still take Signature Version 2: those S3 had before 2014 (S3 UG,
 * "Authenticating requests (AWS signature version 2)"). */
const SIGV2_REGIONS = new Set(['us-east-1', 'us-west-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1']);

/** Throws WrongRegion when `call` was signed for another region than `bucket` is in. Unsigned
 * and SigV2 requests name no region; they are taken to be for the bucket's own, where a region
 * newer than SigV2 refuses the latter. */
export function checkBucketRegion(call: Call, bucket: BucketRecord): void {
  if (call.sigV2) {
    if (!SIGV2_REGIONS.has(bucket.region)) {
      throw new AwsError('InvalidRequest', 'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.');
    }
    return;
  }
  if (call.caller.kind !== 'anonymous' && call.region !== bucket.region) throw new WrongRegion(bucket);
}
