// Authentication failures in each service's own words (aws-wire.md §5.2, §7.2). IAM and STS
// share the query protocol's codes; EC2 and S3 have their own.
import { AwsError, type ServiceName } from '../types.js';

export type AuthFailure =
  | 'missing' // no credentials at all
  | 'malformed' // SigV4 material that cannot be parsed
  | 'unknownKey' // access key id unknown, deleted or inactive
  | 'badToken' // session token absent or not the one issued with the key
  | 'expiredToken' // temporary credentials past their expiration
  | 'badSignature'
  | 'skew' // X-Amz-Date outside the 15-minute window
  | 'presignExpired'
  | 'payloadMismatch'; // x-amz-content-sha256 does not match the body

const QUERY_SIGNATURE =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

export function authError(service: ServiceName, failure: AuthFailure, detail = ''): AwsError {
  switch (service) {
    case 'ec2':
      return ec2Error(failure, detail);
    case 's3':
      return s3Error(failure, detail);
    default:
      return queryError(failure, detail);
  }
}

function queryError(failure: AuthFailure, detail: string): AwsError {
  switch (failure) {
    case 'missing':
      return new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
    case 'malformed':
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
      return new AwsError('AuthFailure', detail || 'AWS was not able to validate the provided access credentials', 401);
    default:
      return new AwsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
  }
}

function s3Error(failure: AuthFailure, detail: string): AwsError {
  switch (failure) {
    case 'missing':
      return new AwsError('AccessDenied', 'Access Denied', 403);
    case 'malformed':
      return new AwsError('AuthorizationHeaderMalformed', detail || 'The authorization header is malformed.', 400);
    case 'unknownKey':
      return new AwsError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403);
    case 'badToken':
      return new AwsError('InvalidToken', 'The provided token is malformed or otherwise invalid.', 400);
    case 'expiredToken':
      return new AwsError('ExpiredToken', 'The provided token has expired.', 400);
    case 'skew':
      return new AwsError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', 403, {
        MaxAllowedSkewMilliseconds: '900000',
      });
    case 'presignExpired':
      return new AwsError('AccessDenied', 'Request has expired', 403);
    case 'payloadMismatch':
      return new AwsError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
    case 'badSignature':
      return new AwsError(
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
        403,
      );
  }
}
