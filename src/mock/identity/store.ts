// Access to the identity data (IAM per account, STS sessions) for the core and the IAM/STS
// services. Writers use the live state and `commit`; the authenticator and the authoriser
// read `view`, which lags `propagationDelayMs` behind to simulate IAM's eventual consistency.
import type { World } from '../world.js';
import {
  emptyIamState,
  emptyStsState,
  SessionTable,
  type AccessKeyRecord,
  type IamState,
  type SessionRecord,
  type StsState,
  type UserRecord,
} from './model.js';
import { isoTime } from '../iso-time.js';

/** Looks up the IAM state of an account the mock holds; undefined for any other account
 * (a policy may name one, and resolving it must not create its state). */
export type AccountIam = (accountId: string) => IamState | undefined;

interface Snapshot {
  at: number;
  state: IamState;
}

const stores = new WeakMap<World, IdentityStore>();

/** The identity store of a world (one per world). */
export function identityOf(world: World): IdentityStore {
  let store = stores.get(world);
  if (!store) {
    store = new IdentityStore(world);
    stores.set(world, store);
  }
  return store;
}

export class IdentityStore {
  private readonly snapshots = new Map<string, Snapshot[]>();

  constructor(readonly world: World) {}

  /** Live IAM state of an account, for handlers that change it (call `commit` after). */
  iam(accountId: string): IamState {
    const live = this.world.accountState(accountId, 'iam', emptyIamState);
    if (this.world.propagationDelayMs > 0 && !this.snapshots.has(accountId)) {
      // The state before the first change is what every earlier moment saw.
      this.snapshots.set(accountId, [{ at: -Infinity, state: structuredClone(live) }]);
    }
    return live;
  }

  /** `iam` for any account id: undefined for an account the mock does not hold. */
  readonly liveOf: AccountIam = (accountId) => (this.world.hasAccount(accountId) ? this.iam(accountId) : undefined);

  /** `view` for any account id: undefined for an account the mock does not hold. */
  readonly viewOf: AccountIam = (accountId) => (this.world.hasAccount(accountId) ? this.view(accountId) : undefined);

  /** Record a change of an account's IAM state. */
  commit(accountId: string): void {
    if (this.world.propagationDelayMs > 0) {
      const list = this.snapshots.get(accountId) ?? [];
      list.push({ at: this.world.now(), state: structuredClone(this.iam(accountId)) });
      this.snapshots.set(accountId, list);
      this.prune(list);
    }
    this.world.changed();
  }

  /** Treat the current state as long propagated (after the accounts' bootstrap, which
   * happened "before" the mock came up). */
  settle(): void {
    this.snapshots.clear();
  }

  /** IAM state as the rest of AWS sees it now: `propagationDelayMs` old. */
  view(accountId: string): IamState {
    const live = this.iam(accountId);
    const list = this.snapshots.get(accountId);
    if (!list) return live;
    this.prune(list);
    const cutoff = this.world.now() - this.world.propagationDelayMs;
    let seen = list[0]!.state;
    for (const snap of list) {
      if (snap.at > cutoff) break;
      seen = snap.state;
    }
    return seen;
  }

  /** Drop snapshots no reader can see any more (all but the newest one before the cutoff). */
  private prune(list: Snapshot[]): void {
    const cutoff = this.world.now() - this.world.propagationDelayMs;
    let drop = 0;
    while (drop + 1 < list.length && list[drop + 1]!.at <= cutoff) drop++;
    if (drop > 0) list.splice(0, drop);
  }

  sts(): StsState {
    const sts = this.world.globalState('sts', emptyStsState);
    // A state file holds the sessions as a plain object: made a table again on first use.
    if (!(sts.sessions instanceof SessionTable)) {
      sts.sessions = new SessionTable(Object.entries(sts.sessions as unknown as Record<string, SessionRecord>));
    }
    return sts;
  }

  session(accessKeyId: string): SessionRecord | undefined {
    return this.sts().sessions.get(accessKeyId);
  }

  /** The long-term access key with this id, as propagated: a user's (with the user) or the
   * account root's (without). */
  findAccessKey(
    accessKeyId: string,
  ): { accountId: string; user?: UserRecord; key: AccessKeyRecord } | undefined {
    for (const { id: accountId } of this.world.accounts) {
      const iam = this.view(accountId);
      const root = iam.rootAccessKeys?.find((k) => k.id === accessKeyId);
      if (root) return { accountId, key: root };
      for (const user of iam.users) {
        const key = user.accessKeys.find((k) => k.id === accessKeyId);
        if (key) return { accountId, user, key };
      }
    }
    return undefined;
  }

  /** Records the use of a long-term key (GetAccessKeyLastUsed). Bookkeeping only: it
   * changes no authorisation fact, so it needs no propagation snapshot. `seen` is the key
   * as `findAccessKey` returned it: the live record itself when changes propagate at once. */
  noteKeyUse(accessKeyId: string, service: string, region: string, now: Date, seen?: AccessKeyRecord): void {
    const key = seen && this.world.propagationDelayMs === 0 ? seen : this.liveKey(accessKeyId);
    if (!key) return;
    key.lastUsed = { date: isoTime(now.getTime()), service, region };
    // Persisted only with a state file, and then debounced (World.changed).
    this.world.changed();
  }

  private liveKey(accessKeyId: string): AccessKeyRecord | undefined {
    // Without building arrays of all keys: this runs on every request with a long-term key.
    for (const accountId of this.world.accountIds()) {
      const iam = this.iam(accountId);
      const key =
        iam.rootAccessKeys?.find((k) => k.id === accessKeyId) ??
        iam.users.find((u) => u.accessKeys.some((k) => k.id === accessKeyId))?.accessKeys.find((k) => k.id === accessKeyId);
      if (key) return key;
    }
    return undefined;
  }
}
