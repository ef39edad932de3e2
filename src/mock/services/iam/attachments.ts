// Managed policy attachments: Attach/Detach/ListAttached{User,Group,Role}Policies and
// ListEntitiesForPolicy. At most 10 per entity (IAM default quota).
import { resolveManagedPolicy } from '../../identity/policies.js';
import { limitExceeded, noSuchEntity, type Handler, type IamContext } from './context.js';
import { authorizedEntity, entityKinds, type EntityKind } from './entity-kinds.js';
import { renderAttached } from './render.js';
import { checkArn, listResult, matchesPrefix, paginate, rules } from './validate.js';

export const MAX_ATTACHED = 10;

/** The managed policy an ARN names, if it exists and this account may attach it. */
export function attachablePolicy(ctx: IamContext, arn: string) {
  const found = resolveManagedPolicy(arn, (acct) => (acct === ctx.accountId ? ctx.iam : undefined));
  if (!found) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  return found;
}

function attach(kind: EntityKind): Handler {
  return (ctx) => {
    const arn = checkArn('PolicyArn', ctx.input.string('PolicyArn', rules.arn));
    const entity = authorizedEntity(ctx, kind, `iam:Attach${kind.label}Policy`, { 'iam:PolicyARN': arn });
    attachablePolicy(ctx, arn);
    if (entity.attached.includes(arn)) return undefined;
    if (entity.attached.length >= MAX_ATTACHED) {
      throw limitExceeded(`Cannot exceed quota for PoliciesPer${kind.label}: ${MAX_ATTACHED}`);
    }
    entity.attached.push(arn);
    ctx.commit();
    return undefined;
  };
}

function detach(kind: EntityKind): Handler {
  return (ctx) => {
    const arn = checkArn('PolicyArn', ctx.input.string('PolicyArn', rules.arn));
    const entity = authorizedEntity(ctx, kind, `iam:Detach${kind.label}Policy`, { 'iam:PolicyARN': arn });
    const i = entity.attached.indexOf(arn);
    if (i < 0) throw noSuchEntity(`Policy ${arn} was not found.`);
    entity.attached.splice(i, 1);
    ctx.commit();
    return undefined;
  };
}

function listAttached(kind: EntityKind): Handler {
  return (ctx) => {
    const prefix = ctx.input.optString('PathPrefix', rules.pathPrefix);
    const entity = authorizedEntity(ctx, kind, `iam:ListAttached${kind.label}Policies`);
    const arns = entity.attached.filter((arn) => matchesPrefix(policyPath(arn), prefix));
    return listResult(ctx.input, 'AttachedPolicies', arns, renderAttached);
  };
}

/** Path of a policy ARN: `arn:aws:iam::aws:policy/service-role/X` -> `/service-role/`. */
const policyPath = (arn: string): string => {
  const resource = arn.slice(arn.indexOf(':policy/') + ':policy'.length);
  return resource.slice(0, resource.lastIndexOf('/') + 1);
};

const listEntitiesForPolicy: Handler = (ctx) => {
  const arn = checkArn('PolicyArn', ctx.input.string('PolicyArn', rules.arn));
  const filter = ctx.input.optString('EntityFilter', { enum: ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] });
  const usage = ctx.input.optString('PolicyUsageFilter', { enum: ['PermissionsPolicy', 'PermissionsBoundary'] });
  const prefix = ctx.input.optString('PathPrefix', rules.pathPrefix);
  ctx.authorize('iam:ListEntitiesForPolicy', arn);
  attachablePolicy(ctx, arn);
  const uses = (e: { attached: string[]; boundary?: string }) =>
    (usage !== 'PermissionsBoundary' && e.attached.includes(arn)) || (usage !== 'PermissionsPolicy' && e.boundary === arn);
  const pick = <T extends { name: string; path: string; id: string; attached: string[]; boundary?: string }>(label: string, items: T[]) =>
    !filter || filter === label ? items.filter((e) => uses(e) && matchesPrefix(e.path, prefix)) : [];
  const users = pick('User', ctx.iam.users);
  const groups = pick('Group', ctx.iam.groups);
  const roles = pick('Role', ctx.iam.roles);
  // One page over the three lists together, as IAM paginates this call.
  const all = [
    ...users.map((u) => ['PolicyUsers', { UserName: u.name, UserId: u.id }] as const),
    ...groups.map((g) => ['PolicyGroups', { GroupName: g.name, GroupId: g.id }] as const),
    ...roles.map((r) => ['PolicyRoles', { RoleName: r.name, RoleId: r.id }] as const),
  ];
  const { page, truncated, marker } = paginate(ctx.input, all);
  const of = (key: string) => {
    const items = page.filter(([k]) => k === key).map(([, v]) => v);
    return items.length ? { member: items } : '';
  };
  return { PolicyGroups: of('PolicyGroups'), PolicyUsers: of('PolicyUsers'), PolicyRoles: of('PolicyRoles'), IsTruncated: truncated, Marker: marker };
};

export const attachmentHandlers: Record<string, Handler> = {
  ...Object.fromEntries(
    entityKinds.flatMap((k) => [
      [`Attach${k.label}Policy`, attach(k)],
      [`Detach${k.label}Policy`, detach(k)],
      [`ListAttached${k.label}Policies`, listAttached(k)],
    ]),
  ),
  ListEntitiesForPolicy: listEntitiesForPolicy,
};
