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
}

export async function targetFromFlags(accounts: string[], flags: TargetFlags): Promise<TargetSession> {
  if (flags.target === 'mock') {
    const { startMockTarget } = await import('../targets/mock.js');
    return startMockTarget({ accounts, region: flags.region });
  }
  throw new UsageError(`unknown target: ${flags.target}`);
}
