// IAM users: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser.
import { newUser } from '../../identity/entities.js';
import { findUser, groupsOf, userArn, type UserRecord } from '../../identity/model.js';
import { alreadyExists, callerUserName, deleteConflict, noSuchEntity, tagContext, type Handler, type IamContext } from './context.js';
import { requireBoundaryPolicy } from './boundaries.js';
import { renderUser } from './render.js';
import { byName, checkArn, listResult, matchesPrefix, readTags, rules } from './validate.js';

export function getUser(ctx: IamContext, name: string): UserRecord {
  const user = findUser(ctx.iam, name);
  if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return user;
}

export const userArnOf = (ctx: IamContext, u: { path: string; name: string }): string => userArn(ctx.accountId, u.path, u.name);

const createUser: Handler = (ctx) => {
  const name = ctx.input.string('UserName', rules.userName);
  const path = ctx.input.optString('Path', rules.path) ?? '/';
  const tags = readTags(ctx.input);
  const boundaryArn = ctx.input.optString('PermissionsBoundary', rules.arn);
  if (boundaryArn !== undefined) checkArn('PermissionsBoundary', boundaryArn);
  const arn = userArn(ctx.accountId, path, name);
  ctx.authorize('iam:CreateUser', arn, {
    ...tagContext(tags),
    ...(boundaryArn ? { 'iam:PermissionsBoundary': boundaryArn } : {}),
  });
  if (tags.length) ctx.authorize('iam:TagUser', arn, tagContext(tags));
  if (findUser(ctx.iam, name)) throw alreadyExists(`User with name ${name} already exists.`);
  if (boundaryArn) requireBoundaryPolicy(ctx, boundaryArn);
  const user = newUser(ctx.world, name, path, ctx.now, tags);
  if (boundaryArn) user.boundary = boundaryArn;
  ctx.iam.users.push(user);
  ctx.commit();
  return { User: renderUser(ctx.accountId, user) };
};

const getUserAction: Handler = (ctx) => {
  const given = ctx.input.optString('UserName', rules.existingUserName);
  const caller = ctx.call.caller;
  if (given === undefined && caller.kind === 'root') {
    ctx.authorize('iam:GetUser', caller.principal.arn);
    return { User: { UserId: ctx.accountId, Arn: caller.principal.arn, CreateDate: ctx.isoNow } };
  }
  const name = given ?? callerUserName(ctx);
  ctx.authorize('iam:GetUser', userArn(ctx.accountId, findUser(ctx.iam, name)?.path ?? '/', name));
  return { User: renderUser(ctx.accountId, getUser(ctx, name)) };
};

const listUsers: Handler = (ctx) => {
  const prefix = ctx.input.optString('PathPrefix', rules.pathPrefix);
  // IAM authorises list actions on the path prefix as a resource ("... perform: iam:ListUsers
  // on resource: arn:aws:iam::ACCT:user/"), so policies can scope listing by path.
  ctx.authorize('iam:ListUsers', userArn(ctx.accountId, prefix ?? '/', ''));
  const users = byName(ctx.iam.users).filter((u) => matchesPrefix(u.path, prefix));
  // ListUsers leaves out tags and boundaries (IAM docs: "Lists the IAM users ... IAM
  // resource-listing operations return a subset of the available attributes").
  return listResult(ctx.input, 'Users', users, (u) => renderUser(ctx.accountId, u, false));
};

const updateUser: Handler = (ctx) => {
  const name = ctx.input.string('UserName', rules.existingUserName);
  const newName = ctx.input.optString('NewUserName', rules.userName);
  const newPath = ctx.input.optString('NewPath', rules.path);
  const user = findUser(ctx.iam, name);
  ctx.authorize('iam:UpdateUser', userArn(ctx.accountId, user?.path ?? '/', name));
  if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  if (newName !== undefined && newName.toLowerCase() !== user.name.toLowerCase() && findUser(ctx.iam, newName)) {
    throw alreadyExists(`User with name ${newName} already exists.`);
  }
  if (newName !== undefined) {
    for (const g of groupsOf(ctx.iam, user)) g.members = g.members.map((m) => (m.toLowerCase() === user.name.toLowerCase() ? newName : m));
    user.name = newName;
  }
  if (newPath !== undefined) user.path = newPath;
  ctx.commit();
  return undefined;
};

const deleteUser: Handler = (ctx) => {
  const name = ctx.input.string('UserName', rules.existingUserName);
  const user = findUser(ctx.iam, name);
  ctx.authorize('iam:DeleteUser', userArn(ctx.accountId, user?.path ?? '/', name));
  if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  if (user.loginProfile) throw deleteConflict('Cannot delete entity, must delete login profile first.');
  if (user.accessKeys.length) throw deleteConflict('Cannot delete entity, must delete access keys first.');
  if (Object.keys(user.inline).length) throw deleteConflict('Cannot delete entity, must delete policies first.');
  if (user.attached.length) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  if (groupsOf(ctx.iam, user).length) throw deleteConflict('Cannot delete entity, must remove user from all groups first.');
  if (ctx.iam.mfaDevices?.some((d) => d.user?.toLowerCase() === user.name.toLowerCase())) {
    throw deleteConflict('Cannot delete entity, must delete MFA device first.');
  }
  ctx.iam.users.splice(ctx.iam.users.indexOf(user), 1);
  ctx.commit();
  return undefined;
};

export const userHandlers: Record<string, Handler> = {
  CreateUser: createUser,
  GetUser: getUserAction,
  ListUsers: listUsers,
  UpdateUser: updateUser,
  DeleteUser: deleteUser,
};
