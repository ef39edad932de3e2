// Settling: IAM is eventually consistent. A new access key, policy or trust change can take
// seconds to reach every endpoint, so an outcome that differs from the expectation *in the
// way propagation causes* is retried with bounded backoff and jitter, up to the target's
// settle timeout, instead of failing the lab at once.
import type { Expectation } from '../lab/types.js';
import type { Outcome } from './types.js';

/** Error codes that a change not yet propagated produces. */
const PROPAGATION_CODES = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'InvalidClientTokenId',
  'InvalidAccessKeyId',
  'AuthFailure',
  'NoSuchEntity',
]);

export function mayBePropagation(expect: Expectation, o: Outcome, isRun: boolean): boolean {
  if (isRun) {
    // A shell command reports through its output; look for the same codes there.
    const text = `${o.stderr ?? ''}${o.stdout ?? ''}`;
    if (expect.success || expect.exitCode === 0) return o.exitCode !== 0 && [...PROPAGATION_CODES].some((c) => text.includes(c));
    return o.exitCode === 0;
  }
  if (expect.success) return !o.ok && PROPAGATION_CODES.has(o.error?.code ?? '');
  // A denial was expected but the call succeeded: a revoked grant may still be in effect.
  if (o.ok) return (expect.error ?? []).some((c) => PROPAGATION_CODES.has(c));
  // A different error than expected, e.g. InvalidClientTokenId for a brand-new key where
  // AccessDenied was expected.
  return PROPAGATION_CODES.has(o.error?.code ?? '') && !(expect.error ?? []).includes(o.error?.code ?? '');
}

/** Delays between attempts: 250 ms doubling to 1 s, with ±25% jitter so that a classroom
 * sharing one account does not retry in lock-step. Short first waits keep each wait within
 * about a second of the change becoming visible. */
export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(1000, 250 * 2 ** attempt);
  return Math.round(base * (0.75 + random() * 0.5));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
