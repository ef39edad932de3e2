// What the parts of `npm run bench:mock` share: SDK client settings against a mock or the
// floor, a policy document, order statistics, and the summary lines the entry point prints.
import type { MockAccount } from '../src/mock/index.js';

export type Creds = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
export type Account = Pick<MockAccount, 'id' | 'admin'>;
export interface Mock {
  endpoint: string;
  accounts: Account[];
}

export const keyOf = (a: Account): Creds => ({ accessKeyId: a.admin.accessKeyId, secretAccessKey: a.admin.secretAccessKey });
/** One attempt: a throttled or failed call must show, not be retried into the figures. */
export const config = (endpoint: string, credentials: Creds) => ({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });
export const policy = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/** The p-th percentile of an ascending list (nearest rank). */
export const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** Lines of the final summary: [passed (undefined: information only), text]. */
export type Summary = Array<[boolean | undefined, string]>;
