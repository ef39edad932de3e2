// The denials the mock answered, by request id, so a client that got AccessDenied (the lab
// runner) can ask why: the engine's explanation and the statements it weighed. Bounded: the
// oldest are forgotten first.
import type { Decision, StatementTrace } from '../policy/index.js';

export interface DenialExplanation {
  /** AWS's AccessDenied message form. */
  message: string;
  /** Plain-language explanation for learners. */
  explanation: string;
  /** One line per statement the engine weighed. */
  details: string[];
}

const MAX_KEPT = 1000;

const describe = (t: StatementTrace): string => {
  const where = `${t.policyType} policy ${t.policy}${t.sid ? ` (${t.sid})` : ` (statement ${t.index})`}`;
  return t.matched ? `${where}: ${t.effect} matched` : `${where}: ${t.effect} did not match (${t.reason ?? 'no match'})`;
};

export class DenialLog {
  private readonly byRequest = new Map<string, Decision>();

  /** Keeps the last denial of a request (the one its error reports). */
  record(requestId: string, decision: Decision): void {
    this.byRequest.delete(requestId);
    this.byRequest.set(requestId, decision);
    if (this.byRequest.size > MAX_KEPT) this.byRequest.delete(this.byRequest.keys().next().value!);
  }

  explain(requestId: string): DenialExplanation | undefined {
    const d = this.byRequest.get(requestId);
    return d && { message: d.message, explanation: d.explanation, details: d.statements.map(describe) };
  }
}
