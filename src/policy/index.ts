// Public surface of the policy engine. src/policy imports nothing else of the project and
// does no I/O: callers give it documents and a request, it returns a decision as data.
export type * from './types.js';
// Implemented in the sibling modules (parse.ts, evaluate.ts, explain.ts, ...):
//   parsePolicy(text: string, kind: PolicyKind): ParseResult
//   evaluate(request: AuthzRequest, policies: PolicySet): Decision
//   policySize(json: string): number     // characters not counting whitespace, for IAM quotas
