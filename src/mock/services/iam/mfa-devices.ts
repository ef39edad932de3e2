// Virtual MFA devices: CreateVirtualMFADevice, EnableMFADevice, DeactivateMFADevice,
// DeleteVirtualMFADevice, ListMFADevices, ListVirtualMFADevices. STS checks their codes.
import { codeMatches, newSeed, stepOf, totp } from '../../identity/mfa.js';
import { findUser, type MfaDeviceRecord } from '../../identity/model.js';
import { AwsError } from '../../types.js';
import { alreadyExists, callerUserName, deleteConflict, noSuchEntity, tagContext, type Handler, type IamContext } from './context.js';
import { renderUser } from './render.js';
import { getUser, userArnOf } from './users.js';
import { listResult, readTags, renderTags, rules } from './validate.js';

const serialRule = { min: 9, max: 256, pattern: '[\\w+=/:,.@-]+' };
const codeRule = { min: 6, max: 6, pattern: '[\\d]+' };
const MAX_DEVICES_PER_USER = 8;

const devices = (ctx: IamContext): MfaDeviceRecord[] => (ctx.iam.mfaDevices ??= []);
const mfaArn = (acct: string, path: string, name: string) => `arn:aws:iam::${acct}:mfa${path}${name}`;

function authorizedUser(ctx: IamContext, action: string, optional = false) {
  const name = optional
    ? (ctx.input.optString('UserName', rules.existingUserName) ?? callerUserName(ctx))
    : ctx.input.string('UserName', rules.existingUserName);
  const existing = findUser(ctx.iam, name);
  ctx.authorize(action, userArnOf(ctx, existing ?? { path: '/', name }));
  return getUser(ctx, name);
}

function device(ctx: IamContext, serial: string): MfaDeviceRecord {
  const d = devices(ctx).find((x) => x.serial === serial);
  if (!d) throw noSuchEntity(`VirtualMFADevice with serial number ${serial} doesn't exist.`);
  return d;
}

const createVirtualMfaDevice: Handler = (ctx) => {
  const name = ctx.input.string('VirtualMFADeviceName', { min: 1, max: 226, pattern: '[\\w+=,.@-]+' });
  const path = ctx.input.optString('Path', rules.path) ?? '/';
  const tags = readTags(ctx.input);
  const serial = mfaArn(ctx.accountId, path, name);
  ctx.authorize('iam:CreateVirtualMFADevice', serial, tagContext(tags));
  if (devices(ctx).some((d) => d.name.toLowerCase() === name.toLowerCase())) {
    throw alreadyExists('MFADevice entity at the same path and name already exists.');
  }
  const record: MfaDeviceRecord = { name, path, serial, seed: newSeed(), createDate: ctx.isoNow, tags };
  devices(ctx).push(record);
  ctx.commit();
  // The seed is a blob: base64 on the wire, the base32 text once decoded. No QR code image
  // is produced; authenticator apps take the seed as well.
  return { VirtualMFADevice: { SerialNumber: serial, Base32StringSeed: Buffer.from(record.seed, 'ascii').toString('base64'), Tags: renderTags(tags) } };
};

const enableMfaDevice: Handler = (ctx) => {
  const serial = ctx.input.string('SerialNumber', serialRule);
  const code1 = ctx.input.string('AuthenticationCode1', codeRule);
  const code2 = ctx.input.string('AuthenticationCode2', codeRule);
  const user = authorizedUser(ctx, 'iam:EnableMFADevice');
  const d = device(ctx, serial);
  if (d.user) throw alreadyExists('MFA Device is already in use.');
  if (devices(ctx).filter((x) => x.user?.toLowerCase() === user.name.toLowerCase()).length >= MAX_DEVICES_PER_USER) {
    throw new AwsError('LimitExceeded', `Cannot exceed quota for MFADevicesPerUser: ${MAX_DEVICES_PER_USER}`, 409);
  }
  // Two consecutive codes prove the app holds the seed (IAM: "two consecutive codes").
  const now = stepOf(ctx.now.getTime());
  const consecutive = Array.from({ length: 12 }, (_, i) => now - 10 + i).some(
    (s) => totp(d.seed, s) === code1 && totp(d.seed, s + 1) === code2,
  );
  if (!consecutive || !codeMatches(d.seed, code2, ctx.now.getTime())) {
    throw new AwsError('InvalidAuthenticationCode', 'Authentication code for device is not valid.', 403);
  }
  d.user = user.name;
  d.enableDate = ctx.isoNow;
  ctx.commit();
  return undefined;
};

const deactivateMfaDevice: Handler = (ctx) => {
  const serial = ctx.input.string('SerialNumber', serialRule);
  const user = authorizedUser(ctx, 'iam:DeactivateMFADevice', true);
  const d = devices(ctx).find((x) => x.serial === serial && x.user?.toLowerCase() === user.name.toLowerCase());
  if (!d) throw noSuchEntity(`MFA Device with serial number ${serial} does not exist.`);
  delete d.user;
  delete d.enableDate;
  ctx.commit();
  return undefined;
};

const deleteVirtualMfaDevice: Handler = (ctx) => {
  const serial = ctx.input.string('SerialNumber', serialRule);
  ctx.authorize('iam:DeleteVirtualMFADevice', serial);
  const d = device(ctx, serial);
  if (d.user) throw deleteConflict('MFA VirtualDevice in use. Must deactivate first.');
  devices(ctx).splice(devices(ctx).indexOf(d), 1);
  ctx.commit();
  return undefined;
};

const listMfaDevices: Handler = (ctx) => {
  const user = authorizedUser(ctx, 'iam:ListMFADevices', true);
  const mine = devices(ctx).filter((d) => d.user?.toLowerCase() === user.name.toLowerCase());
  return listResult(ctx.input, 'MFADevices', mine, (d) => ({ UserName: user.name, SerialNumber: d.serial, EnableDate: d.enableDate }));
};

const listVirtualMfaDevices: Handler = (ctx) => {
  const status = ctx.input.optString('AssignmentStatus', { enum: ['Assigned', 'Unassigned', 'Any'] }) ?? 'Any';
  ctx.authorize('iam:ListVirtualMFADevices', '*');
  const picked = devices(ctx).filter((d) => status === 'Any' || (status === 'Assigned') === (d.user !== undefined));
  return listResult(ctx.input, 'VirtualMFADevices', picked, (d) => {
    const user = d.user ? findUser(ctx.iam, d.user) : undefined;
    return { SerialNumber: d.serial, User: user && renderUser(ctx.accountId, user, false), EnableDate: d.enableDate, Tags: renderTags(d.tags) };
  });
};

export const mfaDeviceHandlers: Record<string, Handler> = {
  CreateVirtualMFADevice: createVirtualMfaDevice,
  EnableMFADevice: enableMfaDevice,
  DeactivateMFADevice: deactivateMfaDevice,
  DeleteVirtualMFADevice: deleteVirtualMfaDevice,
  ListMFADevices: listMfaDevices,
  ListVirtualMFADevices: listVirtualMfaDevices,
};
