// Access keys: CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey,
// GetAccessKeyLastUsed. At most two per user (IAM quota AccessKeysPerUser).
import { newAccessKey } from '../../identity/entities.js';
import { findUser, userArn, type UserRecord } from '../../identity/model.js';
import { callerUserName, limitExceeded, noSuchEntity, type Handler, type IamContext } from './context.js';
import { listResult, rules } from './validate.js';

const MAX_KEYS = 2;

/** The user named by UserName (or the caller), authorised for `action`. */
function targetUser(ctx: IamContext, action: string): UserRecord {
  const name = ctx.input.optString('UserName', rules.existingUserName) ?? callerUserName(ctx);
  const user = findUser(ctx.iam, name);
  ctx.authorize(action, userArn(ctx.accountId, user?.path ?? '/', name));
  if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return user;
}

const createAccessKey: Handler = (ctx) => {
  const user = targetUser(ctx, 'iam:CreateAccessKey');
  if (user.accessKeys.length >= MAX_KEYS) throw limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${MAX_KEYS}`);
  const key = newAccessKey(ctx.world, ctx.now);
  user.accessKeys.push(key);
  ctx.commit();
  return {
    AccessKey: {
      UserName: user.name,
      AccessKeyId: key.id,
      Status: key.status,
      SecretAccessKey: key.secret,
      CreateDate: key.createDate,
    },
  };
};

const listAccessKeys: Handler = (ctx) => {
  const user = targetUser(ctx, 'iam:ListAccessKeys');
  return listResult(ctx.input, 'AccessKeyMetadata', user.accessKeys, (k) => ({
    UserName: user.name,
    AccessKeyId: k.id,
    Status: k.status,
    CreateDate: k.createDate,
  }));
};

function findKey(user: UserRecord, id: string) {
  const key = user.accessKeys.find((k) => k.id === id);
  if (!key) throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
  return key;
}

const updateAccessKey: Handler = (ctx) => {
  const id = ctx.input.string('AccessKeyId', rules.accessKeyId);
  const status = ctx.input.string('Status', rules.status) as 'Active' | 'Inactive';
  const user = targetUser(ctx, 'iam:UpdateAccessKey');
  findKey(user, id).status = status;
  ctx.commit();
  return undefined;
};

const deleteAccessKey: Handler = (ctx) => {
  const id = ctx.input.string('AccessKeyId', rules.accessKeyId);
  const user = targetUser(ctx, 'iam:DeleteAccessKey');
  const key = findKey(user, id);
  user.accessKeys.splice(user.accessKeys.indexOf(key), 1);
  ctx.commit();
  return undefined;
};

const getAccessKeyLastUsed: Handler = (ctx) => {
  const id = ctx.input.string('AccessKeyId', rules.accessKeyId);
  for (const user of ctx.iam.users) {
    const key = user.accessKeys.find((k) => k.id === id);
    if (!key) continue;
    ctx.authorize('iam:GetAccessKeyLastUsed', userArn(ctx.accountId, user.path, user.name));
    return {
      UserName: user.name,
      AccessKeyLastUsed: key.lastUsed
        ? { LastUsedDate: key.lastUsed.date, ServiceName: key.lastUsed.service, Region: key.lastUsed.region }
        : { ServiceName: 'N/A', Region: 'N/A' },
    };
  }
  // IAM answers AccessDenied rather than revealing whether a key exists elsewhere.
  ctx.authorize('iam:GetAccessKeyLastUsed', userArn(ctx.accountId, '/', '*'));
  throw noSuchEntity(`The Access Key with id ${id} cannot be found.`);
};

export const accessKeyHandlers: Record<string, Handler> = {
  CreateAccessKey: createAccessKey,
  ListAccessKeys: listAccessKeys,
  UpdateAccessKey: updateAccessKey,
  DeleteAccessKey: deleteAccessKey,
  GetAccessKeyLastUsed: getAccessKeyLastUsed,
};
