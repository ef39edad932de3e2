// The one place that turns errors into exit codes (DESIGN §6):
// 0 all met and cleaned up; 1 a step unmet or cleanup left something; 2 usage error or invalid
// lab file; 130 interrupted.
import { LabError } from '../lab/types.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Errors that a lab check collected: printed one per line as file:line: message. */
export class LabErrors extends Error {
  constructor(readonly errors: LabError[]) {
    super(errors.map(String).join('\n'));
  }
}

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

export function exitCodeFor(err: unknown, stderr: (s: string) => void): number {
  if (err instanceof LabErrors) {
    for (const e of err.errors) stderr(String(e));
    return EXIT.usage;
  }
  if (err instanceof LabError) {
    stderr(String(err));
    return EXIT.usage;
  }
  if (err instanceof UsageError) {
    stderr(`lab: ${err.message}`);
    return EXIT.usage;
  }
  const e = err as Error;
  stderr(`lab: ${e?.message ?? String(err)}`);
  if (process.env.LAB_DEBUG) stderr(String(e?.stack));
  return EXIT.failed;
}
