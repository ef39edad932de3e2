// Which credentials act as the operator in each logical account of a lab: `--account
// NAME=PROFILE` for one account, `--profile P` for every account not named that way, and
// the SDK's default chain when neither is given. Pure: nothing here touches the network.
import { TargetRefusal } from './safety.js';

export interface AccountPlan {
  /** Logical account name from the lab's front matter. */
  name: string;
  /** Shared-config profile; undefined = the SDK's default chain. */
  profile?: string;
}

/** `source=dev` -> ['source', 'dev']. */
export function parseAccountFlag(v: string): [string, string] {
  const m = /^([^=\s]+)=(\S+)$/.exec(v.trim());
  if (!m) throw new TargetRefusal(`--account expects NAME=PROFILE (e.g. --account source=sandbox-a), got "${v}"`);
  return [m[1]!, m[2]!];
}

export function planAccounts(labAccounts: string[], flags: { profile?: string; account?: string[] }): AccountPlan[] {
  const named = new Map<string, string>();
  for (const v of flags.account ?? []) {
    const [name, profile] = parseAccountFlag(v);
    if (!labAccounts.includes(name)) {
      throw new TargetRefusal(`--account ${v}: this lab has no account "${name}"; its accounts are: ${labAccounts.join(', ')}`);
    }
    if (named.has(name) && named.get(name) !== profile) throw new TargetRefusal(`--account ${name}=... is given twice with different profiles`);
    named.set(name, profile);
  }
  return labAccounts.map((name) => ({ name, profile: named.get(name) ?? flags.profile }));
}

/** The flags that would give each logical account its own profile, for messages. */
export function accountFlagsHint(labAccounts: string[]): string {
  return labAccounts.map((n) => `--account ${n}=PROFILE`).join(' ');
}

/**
 * A lab with several logical accounts is about what happens *between* accounts (trust of
 * another account, cross-account denials): played inside one account it would show other
 * outcomes than the lab promises. So each logical account needs its own account id.
 */
export function checkDistinct(resolved: Array<{ name: string; id: string; profile?: string }>): void {
  const byId = new Map<string, string[]>();
  for (const r of resolved) byId.set(r.id, [...(byId.get(r.id) ?? []), r.name]);
  const shared = [...byId.entries()].filter(([, names]) => names.length > 1);
  if (!shared.length) return;
  const [id, names] = shared[0]!;
  const all = resolved.map((r) => r.name);
  throw new TargetRefusal(
    `this lab needs ${all.length} different AWS accounts (${all.join(', ')}), but ${names.join(' and ')} ` +
      `are both account ${id}. Give each its own sandbox account: ${accountFlagsHint(all)}`,
  );
}
