// Permissions boundaries: Put/Delete for users and roles.
import { resolveManagedPolicy } from '../../identity/policies.js';
import { findRole, findUser, roleArn, userArn } from '../../identity/model.js';
import { noSuchEntity, type Handler, type IamContext } from './context.js';
import { checkArn, rules } from './validate.js';

/** A boundary must be an existing managed policy (IAM: "Scope ARN ... does not exist"). */
export function requireBoundaryPolicy(ctx: IamContext, arn: string): void {
  const found = resolveManagedPolicy(arn, (acct) => (acct === ctx.accountId ? ctx.iam : undefined));
  if (!found) throw noSuchEntity(`Scope ARN: ${arn} does not exist or is not attachable.`);
}

const putUserBoundary: Handler = (ctx) => {
  const name = ctx.input.string('UserName', rules.userName);
  const arn = checkArn('PermissionsBoundary', ctx.input.string('PermissionsBoundary', rules.arn));
  const user = findUser(ctx.iam, name);
  ctx.authorize('iam:PutUserPermissionsBoundary', userArn(ctx.accountId, user?.path ?? '/', name), {
    'iam:PermissionsBoundary': arn,
  });
  if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  requireBoundaryPolicy(ctx, arn);
  user.boundary = arn;
  ctx.commit();
  return undefined;
};

const deleteUserBoundary: Handler = (ctx) => {
  const name = ctx.input.string('UserName', rules.userName);
  const user = findUser(ctx.iam, name);
  ctx.authorize('iam:DeleteUserPermissionsBoundary', userArn(ctx.accountId, user?.path ?? '/', name));
  if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  delete user.boundary;
  ctx.commit();
  return undefined;
};

const putRoleBoundary: Handler = (ctx) => {
  const name = ctx.input.string('RoleName', rules.roleName);
  const arn = checkArn('PermissionsBoundary', ctx.input.string('PermissionsBoundary', rules.arn));
  const role = findRole(ctx.iam, name);
  ctx.authorize('iam:PutRolePermissionsBoundary', roleArn(ctx.accountId, role?.path ?? '/', name), {
    'iam:PermissionsBoundary': arn,
  });
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  requireBoundaryPolicy(ctx, arn);
  role.boundary = arn;
  ctx.commit();
  return undefined;
};

const deleteRoleBoundary: Handler = (ctx) => {
  const name = ctx.input.string('RoleName', rules.roleName);
  const role = findRole(ctx.iam, name);
  ctx.authorize('iam:DeleteRolePermissionsBoundary', roleArn(ctx.accountId, role?.path ?? '/', name));
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  delete role.boundary;
  ctx.commit();
  return undefined;
};

export const boundaryHandlers: Record<string, Handler> = {
  PutUserPermissionsBoundary: putUserBoundary,
  DeleteUserPermissionsBoundary: deleteUserBoundary,
  PutRolePermissionsBoundary: putRoleBoundary,
  DeleteRolePermissionsBoundary: deleteRoleBoundary,
};
