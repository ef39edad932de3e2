// IAM groups: CreateGroup, GetGroup (with its users), ListGroups, UpdateGroup, DeleteGroup,
// AddUserToGroup, RemoveUserFromGroup, ListGroupsForUser.
import { UNIQUE_ID_LENGTH } from '../../identity/entities.js';
import { findGroup, groupArn, groupsOf, type GroupRecord } from '../../identity/model.js';
import { alreadyExists, deleteConflict, limitExceeded, noSuchEntity, type Handler, type IamContext } from './context.js';
import { renderGroup, renderUser } from './render.js';
import { getUser, userArnOf } from './users.js';
import { byName, listResult, matchesPrefix, paginate, rules } from './validate.js';

const MAX_GROUPS_PER_USER = 10;

function authorizedGroup(ctx: IamContext, action: string): GroupRecord {
  const name = ctx.input.string('GroupName', rules.groupName);
  const group = findGroup(ctx.iam, name);
  ctx.authorize(action, groupArn(ctx.accountId, group?.path ?? '/', name));
  if (!group) throw noSuchEntity(`The group with name ${name} cannot be found.`);
  return group;
}

const createGroup: Handler = (ctx) => {
  const name = ctx.input.string('GroupName', rules.groupName);
  const path = ctx.input.optString('Path', rules.path) ?? '/';
  ctx.authorize('iam:CreateGroup', groupArn(ctx.accountId, path, name));
  if (findGroup(ctx.iam, name)) throw alreadyExists(`Group with name ${name} already exists.`);
  const group: GroupRecord = {
    name,
    id: ctx.world.newId('AGPA', UNIQUE_ID_LENGTH),
    path,
    createDate: ctx.isoNow,
    inline: {},
    attached: [],
    members: [],
  };
  ctx.iam.groups.push(group);
  ctx.commit();
  return { Group: renderGroup(ctx.accountId, group) };
};

const getGroup: Handler = (ctx) => {
  const group = authorizedGroup(ctx, 'iam:GetGroup');
  const users = byName(ctx.iam.users.filter((u) => group.members.some((m) => m.toLowerCase() === u.name.toLowerCase())));
  const { page, truncated, marker } = paginate(ctx.input, users);
  return {
    Group: renderGroup(ctx.accountId, group),
    Users: page.length ? { member: page.map((u) => renderUser(ctx.accountId, u, false)) } : '',
    IsTruncated: truncated,
    Marker: marker,
  };
};

const listGroups: Handler = (ctx) => {
  const prefix = ctx.input.optString('PathPrefix', rules.pathPrefix);
  ctx.authorize('iam:ListGroups', groupArn(ctx.accountId, prefix ?? '/', ''));
  const groups = byName(ctx.iam.groups).filter((g) => matchesPrefix(g.path, prefix));
  return listResult(ctx.input, 'Groups', groups, (g) => renderGroup(ctx.accountId, g));
};

const updateGroup: Handler = (ctx) => {
  const newName = ctx.input.optString('NewGroupName', rules.groupName);
  const newPath = ctx.input.optString('NewPath', rules.path);
  const group = authorizedGroup(ctx, 'iam:UpdateGroup');
  if (newName !== undefined && newName.toLowerCase() !== group.name.toLowerCase() && findGroup(ctx.iam, newName)) {
    throw alreadyExists(`Group with name ${newName} already exists.`);
  }
  if (newName !== undefined) group.name = newName;
  if (newPath !== undefined) group.path = newPath;
  ctx.commit();
  return undefined;
};

const deleteGroup: Handler = (ctx) => {
  const group = authorizedGroup(ctx, 'iam:DeleteGroup');
  if (group.members.length) throw deleteConflict('Cannot delete entity, must remove users from group first.');
  if (Object.keys(group.inline).length) throw deleteConflict('Cannot delete entity, must delete policies first.');
  if (group.attached.length) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  ctx.iam.groups.splice(ctx.iam.groups.indexOf(group), 1);
  ctx.commit();
  return undefined;
};

const addUserToGroup: Handler = (ctx) => {
  const userName = ctx.input.string('UserName', rules.existingUserName);
  const group = authorizedGroup(ctx, 'iam:AddUserToGroup');
  const user = getUser(ctx, userName);
  if (group.members.some((m) => m.toLowerCase() === user.name.toLowerCase())) return undefined;
  if (groupsOf(ctx.iam, user).length >= MAX_GROUPS_PER_USER) {
    throw limitExceeded(`Cannot exceed quota for GroupsPerUser: ${MAX_GROUPS_PER_USER}`);
  }
  group.members.push(user.name);
  ctx.commit();
  return undefined;
};

const removeUserFromGroup: Handler = (ctx) => {
  const userName = ctx.input.string('UserName', rules.existingUserName);
  const group = authorizedGroup(ctx, 'iam:RemoveUserFromGroup');
  const user = getUser(ctx, userName);
  const i = group.members.findIndex((m) => m.toLowerCase() === user.name.toLowerCase());
  if (i < 0) throw noSuchEntity(`The user with name ${userName} cannot be found.`);
  group.members.splice(i, 1);
  ctx.commit();
  return undefined;
};

const listGroupsForUser: Handler = (ctx) => {
  const name = ctx.input.string('UserName', rules.existingUserName);
  const user = getUserAuthorized(ctx, name, 'iam:ListGroupsForUser');
  return listResult(ctx.input, 'Groups', byName(groupsOf(ctx.iam, user)), (g) => renderGroup(ctx.accountId, g));
};

function getUserAuthorized(ctx: IamContext, name: string, action: string) {
  const existing = ctx.iam.users.find((u) => u.name.toLowerCase() === name.toLowerCase());
  ctx.authorize(action, userArnOf(ctx, existing ?? { path: '/', name }));
  return getUser(ctx, name);
}

export const groupHandlers: Record<string, Handler> = {
  CreateGroup: createGroup,
  GetGroup: getGroup,
  ListGroups: listGroups,
  UpdateGroup: updateGroup,
  DeleteGroup: deleteGroup,
  AddUserToGroup: addUserToGroup,
  RemoveUserFromGroup: removeUserFromGroup,
  ListGroupsForUser: listGroupsForUser,
};
