// Console passwords: Create/Get/Update/DeleteLoginProfile. The mock keeps only a salted
// scrypt hash; nothing ever reads the password back.
import { randomBytes, scryptSync } from 'node:crypto';
import { AwsError } from '../../types.js';
import { alreadyExists, noSuchEntity, type Handler, type IamContext } from './context.js';
import { getUser, userArnOf } from './users.js';
import { rules } from './validate.js';

function hash(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('hex')}:${scryptSync(password, salt, 32).toString('hex')}`;
}

/** IAM's default password policy: at least 8 characters (the account has no custom one). */
function checkPassword(password: string): void {
  if (password.length < 8) {
    throw new AwsError('PasswordPolicyViolation', 'Password should have a minimum length of 8', 400);
  }
}

function authorizedUser(ctx: IamContext, action: string) {
  const name = ctx.input.string('UserName', rules.existingUserName);
  const existing = ctx.iam.users.find((u) => u.name.toLowerCase() === name.toLowerCase());
  ctx.authorize(action, userArnOf(ctx, existing ?? { path: '/', name }));
  return getUser(ctx, name);
}

const notFound = (name: string) => noSuchEntity(`Login Profile for User ${name} cannot be found.`);

const createLoginProfile: Handler = (ctx) => {
  const password = ctx.input.string('Password', rules.password);
  const reset = ctx.input.optBool('PasswordResetRequired') ?? false;
  const user = authorizedUser(ctx, 'iam:CreateLoginProfile');
  if (user.loginProfile) throw alreadyExists(`Login Profile for user ${user.name} already exists.`);
  checkPassword(password);
  user.loginProfile = { createDate: ctx.isoNow, passwordResetRequired: reset, passwordHash: hash(password) };
  ctx.commit();
  return { LoginProfile: { UserName: user.name, CreateDate: user.loginProfile.createDate, PasswordResetRequired: reset } };
};

const getLoginProfile: Handler = (ctx) => {
  const user = authorizedUser(ctx, 'iam:GetLoginProfile');
  if (!user.loginProfile) throw notFound(user.name);
  const p = user.loginProfile;
  return { LoginProfile: { UserName: user.name, CreateDate: p.createDate, PasswordResetRequired: p.passwordResetRequired } };
};

const updateLoginProfile: Handler = (ctx) => {
  const password = ctx.input.optString('Password', rules.password);
  const reset = ctx.input.optBool('PasswordResetRequired');
  const user = authorizedUser(ctx, 'iam:UpdateLoginProfile');
  if (!user.loginProfile) throw notFound(user.name);
  if (password !== undefined) {
    checkPassword(password);
    user.loginProfile.passwordHash = hash(password);
  }
  if (reset !== undefined) user.loginProfile.passwordResetRequired = reset;
  ctx.commit();
  return undefined;
};

const deleteLoginProfile: Handler = (ctx) => {
  const user = authorizedUser(ctx, 'iam:DeleteLoginProfile');
  if (!user.loginProfile) throw notFound(user.name);
  delete user.loginProfile;
  ctx.commit();
  return undefined;
};

export const loginProfileHandlers: Record<string, Handler> = {
  CreateLoginProfile: createLoginProfile,
  GetLoginProfile: getLoginProfile,
  UpdateLoginProfile: updateLoginProfile,
  DeleteLoginProfile: deleteLoginProfile,
};
