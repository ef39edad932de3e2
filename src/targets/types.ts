// What the runner knows of a target: an endpoint (or none, for AWS), a region, and one admin
// identity per logical account. The runner talks to every target the same way, through
// AWS SDK v3 clients over HTTP; it never reaches into a mock's state.
import type { Credentials } from '../aws/index.js';

export interface TargetAccount {
  /** Logical name from the lab's front matter (source, target, ...). */
  name: string;
  id: string;
  /** The operator's admin identity in that account. */
  admin: Credentials;
  adminArn: string;
}

/** A denial the runner asks the target about. */
export interface DenialQuery {
  requestId?: string;
  error: { code: string; message: string };
  /** "service:Operation" and its input, when the denial came from an SDK call. */
  call?: string;
  input?: Record<string, unknown>;
  /** The identity that made the request, when the runner knows its ARN. */
  principalArn?: string;
}

/** Why a request was denied, as far as the target can tell. */
export interface DenialExplanation {
  /** Plain-language explanation for learners. */
  explanation: string;
  /** The deciding policy type and statements, one line each, for --verbose and reports. */
  details?: string[];
}

export interface TargetSession {
  kind: 'mock' | 'aws';
  region: string;
  /** Set for the mock (and for AWS-compatible endpoints). */
  endpoint?: string;
  accounts: TargetAccount[];
  /** How long an outcome that looks like IAM propagation is retried before it counts (ms).
   * 0 where changes take effect at once (the mock without a simulated delay). */
  settleTimeoutMs: number;
  /** Environment for `run:` steps acting as the given identity (undefined = unset). */
  shellEnv(creds: Credentials): Record<string, string | undefined>;
  /** Ask the target why a request was denied: the mock looks the request id up in its own
   * verdicts; AWS decodes and simulates from the denial itself. */
  explainDenial(q: DenialQuery): Promise<DenialExplanation | undefined>;
  /** Adjust the input of a call before it is sent (the aws target tags what the operator
   * creates with the run id, so cleanup can prove a resource is the run's own). */
  prepareInput?(call: string, input: Record<string, unknown>, ctx: { runId: string; asOperator: boolean }): Record<string, unknown>;
  /** A snapshot of everything in the target's accounts, where the target can take one
   * cheaply (the mock); `lab check --run` compares it before and after a run. */
  inventory?(): unknown;
  close(): Promise<void>;
}
