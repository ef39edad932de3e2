// Read-only views of a compiled policy for callers that must check more than the grammar: IAM
// refuses a trust policy naming a user or role that does not exist ("Invalid principal in
// policy"), which only the caller (the mock, holding the state) can know.
import { Compiled } from './parse.js';
import type { CompiledPolicy } from './types.js';

export interface NamedPrincipal {
  type: 'AWS' | 'Service' | 'Federated' | 'CanonicalUser';
  /** As stored (an account id appears as its root ARN). */
  value: string;
}

/** Every principal named in Principal / NotPrincipal elements, except "*". */
export function principalsOf(policy: CompiledPolicy): NamedPrincipal[] {
  if (!(policy instanceof Compiled)) return [];
  const out: NamedPrincipal[] = [];
  for (const st of policy.statements) {
    for (const e of st.principal ?? []) {
      if (e.kind === 'account' || e.kind === 'arn') out.push({ type: 'AWS', value: e.arn });
      else if (e.kind === 'uniqueId') out.push({ type: 'AWS', value: e.id });
      else if (e.kind === 'service') out.push({ type: 'Service', value: e.name });
      else if (e.kind === 'federated') out.push({ type: 'Federated', value: e.provider });
      else if (e.kind === 'canonical') out.push({ type: 'CanonicalUser', value: e.id });
    }
  }
  return out;
}
