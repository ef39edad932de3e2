// IAM roles: CreateRole, GetRole, ListRoles, UpdateRole, UpdateRoleDescription, DeleteRole,
// UpdateAssumeRolePolicy. Trust policies are validated by the engine as kind 'trust'.
import { AwsError } from '../../types.js';
import { UNIQUE_ID_LENGTH } from '../../identity/entities.js';
import { findRole, roleArn, type RoleRecord } from '../../identity/model.js';
import { resolvePrincipals } from '../../identity/principal-check.js';
import type { CompiledPolicy } from '../../../policy/index.js';
import { alreadyExists, deleteConflict, noSuchEntity, tagContext, type Handler, type IamContext } from './context.js';
import { requireBoundaryPolicy } from './boundaries.js';
import { renderRole } from './render.js';
import { byName, checkArn, listResult, matchesPrefix, readPolicy, readTags, rules } from './validate.js';

const SESSION_RANGE = { min: 3600, max: 43200 };

/** The unique ids of the users and roles a trust policy names; MalformedPolicyDocument
 * (400) for the first that does not exist. */
const trustIds = (ctx: IamContext, trust: CompiledPolicy) =>
  resolvePrincipals(trust, ctx.store.liveOf, (value) => new AwsError('MalformedPolicyDocument', `Invalid principal in policy: "AWS":${JSON.stringify(value)}`, 400));

/** The role named by RoleName, after authorising `action` on it. */
export function authorizedRole(ctx: IamContext, action: string, param = 'RoleName'): RoleRecord {
  const name = ctx.input.string(param, rules.roleName);
  const role = findRole(ctx.iam, name);
  ctx.authorize(action, roleArn(ctx.accountId, role?.path ?? '/', name));
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

const createRole: Handler = (ctx) => {
  const name = ctx.input.string('RoleName', rules.roleName);
  const path = ctx.input.optString('Path', rules.path) ?? '/';
  const trust = readPolicy(ctx.input, 'AssumeRolePolicyDocument', 'trust');
  const description = ctx.input.optString('Description', rules.description);
  const maxSession = ctx.input.optInt('MaxSessionDuration', SESSION_RANGE) ?? 3600;
  const tags = readTags(ctx.input);
  const boundaryArn = ctx.input.optString('PermissionsBoundary', rules.arn);
  if (boundaryArn !== undefined) checkArn('PermissionsBoundary', boundaryArn);
  const arn = roleArn(ctx.accountId, path, name);
  ctx.authorize('iam:CreateRole', arn, {
    ...tagContext(tags),
    ...(boundaryArn ? { 'iam:PermissionsBoundary': boundaryArn } : {}),
  });
  if (tags.length) ctx.authorize('iam:TagRole', arn, tagContext(tags));
  if (findRole(ctx.iam, name)) throw alreadyExists(`Role with name ${name} already exists.`);
  if (boundaryArn) requireBoundaryPolicy(ctx, boundaryArn);
  const ids = trustIds(ctx, trust);
  const role: RoleRecord = {
    name,
    id: ctx.world.newId('AROA', UNIQUE_ID_LENGTH),
    path,
    createDate: ctx.isoNow,
    inline: {},
    attached: [],
    trust: trust.json,
    trustIds: ids,
    description,
    maxSessionDuration: maxSession,
    boundary: boundaryArn,
    tags,
  };
  ctx.iam.roles.push(role);
  ctx.commit();
  // CreateRole's answer has no RoleLastUsed (it was never used).
  return { Role: { ...renderRole(ctx.accountId, role, true, ctx.shownTrust(role)), RoleLastUsed: undefined } };
};

const getRole: Handler = (ctx) => {
  const role = authorizedRole(ctx, 'iam:GetRole');
  return { Role: renderRole(ctx.accountId, role, true, ctx.shownTrust(role)) };
};

const listRoles: Handler = (ctx) => {
  const prefix = ctx.input.optString('PathPrefix', rules.pathPrefix);
  ctx.authorize('iam:ListRoles', roleArn(ctx.accountId, prefix ?? '/', ''));
  const roles = byName(ctx.iam.roles).filter((r) => matchesPrefix(r.path, prefix));
  return listResult(ctx.input, 'Roles', roles, (r) => renderRole(ctx.accountId, r, false, ctx.shownTrust(r)));
};

const updateRole: Handler = (ctx) => {
  const description = ctx.input.optString('Description', rules.description);
  const maxSession = ctx.input.optInt('MaxSessionDuration', SESSION_RANGE);
  const role = authorizedRole(ctx, 'iam:UpdateRole');
  if (description !== undefined) role.description = description;
  if (maxSession !== undefined) role.maxSessionDuration = maxSession;
  ctx.commit();
  return {};
};

const updateRoleDescription: Handler = (ctx) => {
  const description = ctx.input.string('Description', rules.description);
  const role = authorizedRole(ctx, 'iam:UpdateRoleDescription');
  role.description = description;
  ctx.commit();
  return { Role: renderRole(ctx.accountId, role, true, ctx.shownTrust(role)) };
};

const deleteRole: Handler = (ctx) => {
  const role = authorizedRole(ctx, 'iam:DeleteRole');
  if (Object.keys(role.inline).length) throw deleteConflict('Cannot delete entity, must delete policies first.');
  if (role.attached.length) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  ctx.iam.roles.splice(ctx.iam.roles.indexOf(role), 1);
  ctx.commit();
  return undefined;
};

const updateAssumeRolePolicy: Handler = (ctx) => {
  const trust = readPolicy(ctx.input, 'PolicyDocument', 'trust');
  const role = authorizedRole(ctx, 'iam:UpdateAssumeRolePolicy');
  const ids = trustIds(ctx, trust);
  role.trust = trust.json;
  role.trustIds = ids;
  ctx.commit();
  return undefined;
};

export const roleHandlers: Record<string, Handler> = {
  CreateRole: createRole,
  GetRole: getRole,
  ListRoles: listRoles,
  UpdateRole: updateRole,
  UpdateRoleDescription: updateRoleDescription,
  DeleteRole: deleteRole,
  UpdateAssumeRolePolicy: updateAssumeRolePolicy,
};
