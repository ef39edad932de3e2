// What an IAM action handler works with: the caller's account state, its validated input,
// and authorisation that turns a denial into IAM's AccessDenied.
import type { RequestContext } from '../../../policy/index.js';
import type { IamState, RoleRecord, Tag } from '../../identity/model.js';
import { shownPolicy } from '../../identity/principal-check.js';
import type { IdentityStore } from '../../identity/store.js';
import type { QueryInput } from '../../protocols/query.js';
import type { XmlObject } from '../../protocols/xml.js';
import { AwsError, type Call } from '../../types.js';
import type { World } from '../../world.js';
import { isoTime } from '../../iso-time.js';

export class IamContext {
  readonly accountId: string;
  readonly now: Date;
  readonly iam: IamState;

  constructor(
    readonly world: World,
    readonly store: IdentityStore,
    readonly call: Call,
    readonly input: QueryInput,
  ) {
    this.accountId = call.caller.accountId;
    this.now = call.now;
    this.iam = store.iam(this.accountId);
  }

  /** Throws AccessDenied (403) with the engine's message unless the caller may do it. */
  authorize(action: string, resource: string, context: RequestContext = {}): void {
    const decision = this.call.authorize(action, resource, { resourceAccount: this.accountId, context });
    if (!decision.allowed) throw new AwsError('AccessDenied', decision.message, 403);
  }

  /** A role's trust policy as IAM shows it: deleted users and roles as their unique ids.
   * IAM resolves principals against its own state, not the propagation-delayed view. */
  shownTrust(role: RoleRecord): string {
    return shownPolicy(role.trust, role.trustIds, this.store.liveOf);
  }

  /** Record a change (persistence, propagation). */
  commit(): void {
    this.store.commit(this.accountId);
  }

  get isoNow(): string {
    return isoTime(this.now.getTime());
  }
}

/** Condition keys of a request that carries tags (aws:RequestTag/K, aws:TagKeys). */
export function tagContext(tags: Tag[]): RequestContext {
  if (!tags.length) return {};
  const ctx: RequestContext = { 'aws:TagKeys': tags.map((t) => t.Key) };
  for (const t of tags) ctx[`aws:RequestTag/${t.Key}`] = t.Value;
  return ctx;
}

/** The user an action without UserName applies to: the calling IAM user. */
export function callerUserName(ctx: IamContext): string {
  const name = ctx.call.caller.principal.userName;
  if (ctx.call.caller.kind !== 'user' || !name) {
    throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials', 400);
  }
  return name;
}

export type Handler = (ctx: IamContext) => XmlObject | undefined;

export const noSuchEntity = (message: string): AwsError => new AwsError('NoSuchEntity', message, 404);
export const alreadyExists = (message: string): AwsError => new AwsError('EntityAlreadyExists', message, 409);
export const deleteConflict = (message: string): AwsError => new AwsError('DeleteConflict', message, 409);
export const limitExceeded = (message: string): AwsError => new AwsError('LimitExceeded', message, 409);
export const invalidInput = (message: string): AwsError => new AwsError('InvalidInput', message, 400);
