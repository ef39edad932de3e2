// IAM resolves the users and roles a resource-based policy names when the policy is saved
// (IAM User Guide, "AWS JSON policy elements: Principal": "that ARN is transformed to the
// role's unique principal ID when the policy is saved"). So naming one that does not exist
// fails the call ("Invalid principal in policy"), and so does a bare unique id, which names
// nothing IAM can resolve. The policy then keeps trusting that entity only: deleted, its ARN
// shows as the unique id, and one created again under the same name is a new principal.
// Accounts, assumed-role sessions, services and identity providers are not looked up.
import { principalsOf, UNIQUE_ID, type CompiledPolicy } from '../../policy/index.js';
import { findRole, findUser } from './model.js';
import type { AccountIam } from './store.js';

const ENTITY_ARN = /^arn:aws:iam::(\d{12}):(user|role)(\/(?:[^/]+\/)*)([^/]+)$/;

/** The unique ids a saved policy's user and role ARNs were resolved to: ARN -> id. */
export type PrincipalIds = Record<string, string>;

/** The unique id of the user or role an ENTITY_ARN match names now; undefined when there is
 * none. */
function currentId(m: RegExpExecArray, accountIam: AccountIam): string | undefined {
  const [, accountId, kind, path, name] = m as unknown as [string, string, 'user' | 'role', string, string];
  // An account outside the mock holds no users or roles the mock could resolve.
  const iam = accountIam(accountId);
  const found = iam && (kind === 'user' ? findUser(iam, name) : findRole(iam, name));
  return found && found.path === path ? found.id : undefined;
}

/**
 * Resolves the user and role ARNs of a policy about to be saved. `invalid` builds the
 * service's error for the first principal that names no existing entity (or is a bare unique
 * id); the result is undefined when the policy names no user or role.
 */
export function resolvePrincipals(
  policy: CompiledPolicy,
  accountIam: AccountIam,
  invalid: (value: string) => Error,
): PrincipalIds | undefined {
  let ids: PrincipalIds | undefined;
  for (const p of principalsOf(policy)) {
    if (p.type !== 'AWS') continue;
    if (UNIQUE_ID.test(p.value)) throw invalid(p.value);
    const m = ENTITY_ARN.exec(p.value);
    if (!m) continue;
    const id = currentId(m, accountIam);
    if (id === undefined) throw invalid(p.value);
    (ids ??= {})[p.value] = id;
  }
  return ids;
}

/**
 * The policy as the service shows it and decides by: a user or role ARN whose entity was
 * deleted (or deleted and created again, under a new id) since the policy was saved becomes
 * the unique id it was saved as. The stored text is returned as is while every ARN still
 * names the entity it was saved for.
 */
export function shownPolicy(json: string, ids: PrincipalIds | undefined, accountIam: AccountIam): string {
  if (!ids) return json;
  let stale: Map<string, string> | undefined;
  for (const arn in ids) {
    // Only user and role ARNs were saved with an id (a state file edited by hand may hold others).
    const m = ENTITY_ARN.exec(arn);
    if (!m || currentId(m, accountIam) !== ids[arn]) (stale ??= new Map()).set(arn, ids[arn]!);
  }
  if (!stale) return json;
  const doc = JSON.parse(json) as { Statement: unknown };
  const statements = Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
  for (const st of statements as Array<Record<string, unknown>>) {
    for (const field of ['Principal', 'NotPrincipal']) {
      const element = st[field] as Record<string, unknown> | string | undefined;
      if (typeof element !== 'object' || element === null) continue;
      const aws = element.AWS;
      if (typeof aws === 'string') element.AWS = stale.get(aws) ?? aws;
      else if (Array.isArray(aws)) element.AWS = aws.map((v: string) => stale!.get(v) ?? v);
    }
  }
  return JSON.stringify(doc);
}
