// Turn the command line's target options into a TargetSession.
import type { TargetSession } from '../targets/types.js';
import { UsageError } from './errors.js';

export interface TargetFlags {
  target: 'mock' | 'aws';
  region: string;
  yes?: boolean;
  profile?: string;
  account?: string[];
  allowAccount?: string[];
  settleTimeout?: number;
  interactive: boolean;
  /** What the run will do, for the confirmation on real accounts ("run cross-account"). */
  what?: string;
}

export async function targetFromFlags(accounts: string[], flags: TargetFlags): Promise<TargetSession> {
  if (flags.target === 'mock') {
    const { startMockTarget } = await import('../targets/mock.js');
    return startMockTarget({ accounts, region: flags.region });
  }
  if (flags.target === 'aws') {
    const { startAwsTarget } = await import('../targets/aws.js');
    const { TargetRefusal } = await import('../targets/safety.js');
    try {
      return await startAwsTarget({ accounts, ...flags });
    } catch (e) {
      // Refusals happen before anything changed: a usage error (exit 2) with the message.
      if (e instanceof TargetRefusal) throw new UsageError(e.message);
      throw e;
    }
  }
  throw new UsageError(`unknown target: ${flags.target}`);
}
