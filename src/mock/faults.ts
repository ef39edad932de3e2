// Fault injection: throttling (a fraction of requests refused with each service's throttling
// error). Propagation delay lives in the identity store, which serves delayed views.
import { AwsError, type ServiceName } from './types.js';

export function throttleError(service: ServiceName): AwsError {
  switch (service) {
    case 'ec2':
      return new AwsError('RequestLimitExceeded', 'Request limit exceeded.', 503);
    case 's3':
      return new AwsError('SlowDown', 'Please reduce your request rate.', 503);
    default:
      return new AwsError('Throttling', 'Rate exceeded', 400);
  }
}

export class Faults {
  constructor(
    private readonly throttleRate: number,
    private readonly random: () => number = Math.random,
  ) {
    if (!(throttleRate >= 0 && throttleRate <= 1)) throw new RangeError('throttle must be between 0 and 1');
  }

  /** The error to answer instead of serving the request, if any. */
  before(service: ServiceName): AwsError | undefined {
    return this.throttleRate > 0 && this.random() < this.throttleRate ? throttleError(service) : undefined;
  }
}
