// Authentication failures in each service's own words (aws-wire.md §5.2, §7.2). IAM and STS
// share the query protocol's codes; EC2 and S3 have their own.
import { isoTimeSeconds } from '../iso-time.js';
import { AwsError, type ServiceName } from '../types.js';
import type { QueryFault } from './sigv4-read.js';

export type AuthFailure =
  | 'missing' // no credentials at all
  | 'malformed' // SigV4 material that cannot be parsed
  | 'unknownKey' // access key id unknown, deleted or inactive
  | 'badToken' // session token absent or not the one issued with the key
  | 'expiredToken' // temporary credentials past their expiration
  | 'badSignature'
  | 'skew' // X-Amz-Date outside the 15-minute window
  | 'presignExpired'
  | 'payloadMismatch' // x-amz-content-sha256 does not match the body
  | 'missingPayloadHash'; // header-signed S3 request without x-amz-content-sha256

/** What the authenticator knows of a failure besides its kind. Each service's answer takes
 * what its wire form carries: IAM and STS word some failures per case (`message`), S3 adds
 * elements that help a client author find the fault. */
export interface FailureDetail {
  message?: string;
  accessKeyId?: string;
  /** The request's time as the client sent it (x-amz-date, Date or X-Amz-Date). */
  requestTime?: string;
  nowMs?: number;
  /** A presigned URL's X-Amz-Expires as given, and when the URL expired (ms). */
  expires?: string;
  expiresAtMs?: number;
  /** For a signature mismatch: what the server signed and the signature sent (SigV2 has no
   * canonical request). */
  signed?: { stringToSign: string; canonicalRequest?: string; signatureProvided: string };
  /** A malformed presigned URL's fault in X-Amz-Expires, which S3 words on its own. */
  queryFault?: QueryFault;
}

const QUERY_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export function authError(service: ServiceName, failure: AuthFailure, d: FailureDetail = {}): AwsError {
  switch (service) {
    case 'ec2':
      return ec2Error(failure, d.message ?? '');
    case 's3':
      return s3Error(failure, d);
    default:
      return queryError(failure, d.message ?? '');
  }
}

function queryError(failure: AuthFailure, detail: string): AwsError {
  switch (failure) {
    case 'missing':
      return new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
    case 'malformed':
    case 'missingPayloadHash':
      return new AwsError('IncompleteSignature', detail || 'The request signature does not conform to AWS standards.', 400);
    case 'unknownKey':
    case 'badToken':
      return new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
    case 'expiredToken':
      return new AwsError('ExpiredToken', 'The security token included in the request is expired', 403);
    case 'skew':
      return new AwsError('SignatureDoesNotMatch', detail, 403);
    case 'presignExpired':
      return new AwsError('SignatureDoesNotMatch', detail || 'Signature expired.', 403);
    case 'badSignature':
    case 'payloadMismatch':
      return new AwsError('SignatureDoesNotMatch', detail || QUERY_SIGNATURE, 403);
  }
}

function ec2Error(failure: AuthFailure, detail: string): AwsError {
  switch (failure) {
    case 'expiredToken':
    case 'skew':
    case 'presignExpired':
      return new AwsError('RequestExpired', 'Request has expired.', 400);
    case 'missing':
      return new AwsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
    case 'malformed':
    case 'missingPayloadHash':
      return new AwsError('AuthFailure', detail || 'AWS was not able to validate the provided access credentials', 401);
    default:
      return new AwsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
  }
}

const S3_SIGNATURE = 'The request signature we calculated does not match the signature you provided. Check your key and signing method.';

/** S3's words for a bad X-Amz-Expires. "Less than a week" as real S3 answered (captured in
 * bryanjos/aws_auth#31 and quoted in aws/aws-cli#5464); "should be a number" as it answered
 * `X-Amz-Expires=undefined` (minio/minio-js#1312). */
const QUERY_FAULTS: Record<QueryFault, string> = {
  expiresTooLong:
    'X-Amz-Expires must be less than a week (in seconds); that is, the given X-Amz-Expires must be less than 604800 seconds',
  expiresNotNumber: 'X-Amz-Expires should be a number',
};

/** "41 57 53 34 ...": the bytes of a text as S3 shows them beside it. */
const hexBytes = (s: string): string => Buffer.from(s, 'utf8').toString('hex').replace(/(..)(?!$)/g, '$1 ');

const serverTime = (d: FailureDetail): string => isoTimeSeconds(d.nowMs ?? Date.now());

function s3Error(failure: AuthFailure, d: FailureDetail): AwsError {
  switch (failure) {
    case 'missing':
      return new AwsError('AccessDenied', 'Access Denied', 403);
    case 'malformed':
      if (d.queryFault) return new AwsError('AuthorizationQueryParametersError', QUERY_FAULTS[d.queryFault], 400);
      return new AwsError('AuthorizationHeaderMalformed', d.message || 'The authorization header is malformed.', 400);
    case 'missingPayloadHash':
      // aws-wire.md §7.3 (UNCERTAIN there); the same words in many S3 emulators' captures.
      return new AwsError('InvalidRequest', 'Missing required header for this request: x-amz-content-sha256', 400);
    case 'unknownKey':
      return new AwsError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403, {
        AWSAccessKeyId: d.accessKeyId ?? '',
      });
    case 'badToken':
      return new AwsError('InvalidToken', 'The provided token is malformed or otherwise invalid.', 400);
    case 'expiredToken':
      return new AwsError('ExpiredToken', 'The provided token has expired.', 400);
    case 'skew':
      // Element order and the seconds-only ServerTime as in real captures (aws-wire.md §5.2).
      return new AwsError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', 403, {
        RequestTime: d.requestTime ?? '',
        ServerTime: serverTime(d),
        MaxAllowedSkewMilliseconds: '900000',
      });
    case 'presignExpired':
      // As real S3 answers an expired presigned URL (captures quoted in many client repos):
      // X-Amz-Expires as given, then expiry and now, both to the second.
      // A SigV2 URL has no X-Amz-Expires (its Expires is the moment itself).
      return new AwsError('AccessDenied', 'Request has expired', 403, {
        ...(d.expires !== undefined ? { 'X-Amz-Expires': d.expires } : {}),
        Expires: isoTimeSeconds(d.expiresAtMs ?? 0),
        ServerTime: serverTime(d),
      });
    case 'payloadMismatch':
      return new AwsError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
    case 'badSignature':
      return new AwsError('SignatureDoesNotMatch', S3_SIGNATURE, 403, d.signed ? signatureElements(d.accessKeyId ?? '', d.signed) : {});
  }
}

/** The debugging elements real S3 adds to SignatureDoesNotMatch, in its order (aws-wire.md
 * §5.2). Everything here was on the wire or is derived from it; the secret and the signing
 * key never are. */
function signatureElements(accessKeyId: string, s: NonNullable<FailureDetail['signed']>): Record<string, string> {
  const elements: Record<string, string> = {
    AWSAccessKeyId: accessKeyId,
    StringToSign: s.stringToSign,
    SignatureProvided: s.signatureProvided,
    StringToSignBytes: hexBytes(s.stringToSign),
  };
  if (s.canonicalRequest === undefined) return elements;
  return Object.assign(elements, { CanonicalRequest: s.canonicalRequest, CanonicalRequestBytes: hexBytes(s.canonicalRequest) });
}
