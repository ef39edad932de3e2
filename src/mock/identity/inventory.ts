// A JSON snapshot of the IAM entities of an account, as lists of identifiers, so tests can
// assert that a run left nothing behind.
import type { IamState } from './model.js';

export interface IamInventory {
  users: string[];
  groups: string[];
  roles: string[];
  /** Customer managed policy ARNs. */
  policies: string[];
  /** "user/NAME/AKIA..." */
  accessKeys: string[];
  loginProfiles: string[];
  /** "user/NAME/POLICY", "group/...", "role/..." */
  inlinePolicies: string[];
  /** "user/NAME -> ARN" */
  attachedPolicies: string[];
  /** "user/NAME -> ARN" */
  permissionsBoundaries: string[];
  /** "group/NAME/USER" */
  groupMemberships: string[];
  /** Virtual MFA device serial numbers ("... -> user/NAME" when enabled). */
  mfaDevices: string[];
}

export function iamInventory(iam: IamState, accountId: string): IamInventory {
  const inv: IamInventory = {
    users: [],
    groups: [],
    roles: [],
    policies: iam.policies.map((p) => `arn:aws:iam::${accountId}:policy${p.path}${p.name}`),
    accessKeys: [],
    loginProfiles: [],
    inlinePolicies: [],
    attachedPolicies: [],
    permissionsBoundaries: [],
    groupMemberships: [],
    mfaDevices: (iam.mfaDevices ?? []).map((d) => (d.user ? `${d.serial} -> user/${d.user}` : d.serial)),
  };
  const entity = (kind: string, e: { name: string; inline: Record<string, string>; attached: string[]; boundary?: string }) => {
    for (const name of Object.keys(e.inline)) inv.inlinePolicies.push(`${kind}/${e.name}/${name}`);
    for (const arn of e.attached) inv.attachedPolicies.push(`${kind}/${e.name} -> ${arn}`);
    if (e.boundary) inv.permissionsBoundaries.push(`${kind}/${e.name} -> ${e.boundary}`);
  };
  for (const u of iam.users) {
    inv.users.push(u.name);
    for (const k of u.accessKeys) inv.accessKeys.push(`user/${u.name}/${k.id}`);
    if (u.loginProfile) inv.loginProfiles.push(u.name);
    entity('user', u);
  }
  for (const g of iam.groups) {
    inv.groups.push(g.name);
    for (const m of g.members) inv.groupMemberships.push(`group/${g.name}/${m}`);
    entity('group', g);
  }
  for (const r of iam.roles) {
    inv.roles.push(r.name);
    entity('role', r);
  }
  return inv;
}
