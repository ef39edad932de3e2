// The Decision object. Verdict and traces are computed eagerly (they are the decision); the
// message and the learner's explanation are strings built only when someone reads them, since
// the mock authorises every request and reads them only for denials.
import type { EvalContext } from './context.js';
import { explainDecision, formatDenial } from './explain.js';
import type { PolicyOutcome } from './match-statement.js';
import type {
  AuthzRequest,
  Decision,
  PolicySet,
  PolicyType,
  StatementTrace,
  Verdict,
} from './types.js';

/** Everything evaluate() found, kept for the explanation. */
export interface DecisionFacts {
  request: AuthzRequest;
  policies: PolicySet;
  actionLower: string;
  sameAccount: boolean;
  outcomes: {
    identity: PolicyOutcome;
    resource?: PolicyOutcome;
    boundary?: PolicyOutcome;
    session?: PolicyOutcome;
  };
  ctx: EvalContext;
  traces: StatementTrace[];
  /** For an allowed request: what granted it ('root': the account root in its own account;
   * 'resource': the resource-based policy alone; 'identity': identity-based policies alone;
   * 'both': a resource-based policy and identity-based policies together). */
  via?: 'root' | 'resource' | 'identity' | 'both';
}

/** The explicit Deny that decides, naming policy types in a fixed order when several deny. */
export function firstDeny(o: DecisionFacts['outcomes']): StatementTrace | undefined {
  return o.identity.deny ?? o.resource?.deny ?? o.boundary?.deny ?? o.session?.deny;
}

export class DecisionImpl implements Decision {
  readonly allowed: boolean;
  readonly denyingStatement?: StatementTrace;
  readonly statements: StatementTrace[];
  private messageText?: string;
  private explanationText?: string;

  constructor(
    readonly facts: DecisionFacts,
    readonly verdict: Verdict,
    readonly decidingType: PolicyType | undefined,
  ) {
    this.allowed = verdict === 'allowed';
    this.statements = facts.traces;
    if (verdict === 'explicitDeny') this.denyingStatement = firstDeny(facts.outcomes);
  }

  get message(): string {
    return (this.messageText ??= formatDenial(this, this.facts.request));
  }

  get explanation(): string {
    return (this.explanationText ??= explainDecision(this));
  }

  get missingContextKeys(): string[] {
    return [...(this.facts.ctx.missing ?? [])];
  }

  /** Plain data, with the lazily built strings, for reports and JSON output. */
  toJSON(): Decision {
    return {
      allowed: this.allowed,
      verdict: this.verdict,
      decidingType: this.decidingType,
      denyingStatement: this.denyingStatement,
      statements: this.statements,
      message: this.message,
      explanation: this.explanation,
      missingContextKeys: this.missingContextKeys,
    };
  }
}
