// S3's general purpose bucket naming rules ("Bucket naming rules" in the S3 user guide).
import { AwsError } from '../../types.js';

const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

export function bucketNameProblem(name: string): string | undefined {
  if (name.length < 3 || name.length > 63) return 'must be between 3 and 63 characters long';
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) {
    return 'may contain only lower-case letters, digits, dots and hyphens, and must begin and end with a letter or digit';
  }
  if (name.includes('..') || name.includes('.-') || name.includes('-.')) return 'must not contain adjacent dots, or dots next to hyphens';
  if (/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name)) return 'must not be formatted as an IP address';
  if (RESERVED_PREFIXES.some((p) => name.startsWith(p))) return 'uses a reserved prefix';
  if (RESERVED_SUFFIXES.some((s) => name.endsWith(s))) return 'uses a reserved suffix';
  return undefined;
}

export function checkBucketName(name: string): void {
  if (bucketNameProblem(name) !== undefined) {
    throw new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400, { BucketName: name });
  }
}
