// GetCallerIdentity, GetSessionToken, GetAccessKeyInfo, DecodeAuthorizationMessage.
import { decodeAuthorizationMessage } from '../../auth/authorization-message.js';
import { verifyMfa } from '../../identity/mfa.js';
import { AwsError } from '../../types.js';
import { issueSession, renderCredentials } from './credentials.js';
import { accessDenied, stsRules, type StsHandler } from './context.js';

/** Needs no permission and is never denied (STS API reference). */
export const getCallerIdentity: StsHandler = ({ call }) => ({
  UserId: call.caller.principal.userId,
  Account: call.caller.accountId,
  Arn: call.caller.principal.arn,
});

/** Temporary credentials for an IAM user (or root); no permission needed (STS API
 * reference), but not callable with temporary credentials. */
export const getSessionToken: StsHandler = (ctx) => {
  const { call, input } = ctx;
  const caller = call.caller;
  const root = caller.kind === 'root';
  const duration = input.optInt('DurationSeconds', { min: 900, max: 129600 }) ?? (root ? 3600 : 43200);
  const serial = input.optString('SerialNumber', stsRules.serialNumber);
  const tokenCode = input.optString('TokenCode', stsRules.tokenCode);
  if (caller.accessKeyId.startsWith('ASIA') || (caller.kind !== 'user' && !root)) {
    throw accessDenied('Cannot call GetSessionToken with session credentials');
  }
  const mfa = verifyMfa(ctx.store.view(caller.accountId), caller.principal.userName, serial, tokenCode, call.now.getTime());
  const session = issueSession(ctx.world, ctx.store.sts(), call.now, root ? Math.min(duration, 3600) : duration, {
    accountId: caller.accountId,
    kind: 'user',
    userName: caller.principal.userName,
    mfa,
  });
  return { Credentials: renderCredentials(session) };
};

export const getAccessKeyInfo: StsHandler = (ctx) => {
  const id = ctx.input.string('AccessKeyId', stsRules.accessKeyId);
  const decision = ctx.call.authorize('sts:GetAccessKeyInfo', '*');
  if (!decision.allowed) throw accessDenied(decision.message);
  const session = ctx.store.session(id);
  const account = session?.accountId ?? ctx.store.findAccessKey(id)?.accountId;
  if (!account) throw new AwsError('InvalidParameterValue', `The access key ${id} does not exist.`, 400);
  return { Account: account };
};

export const decodeMessage: StsHandler = (ctx) => {
  const encoded = ctx.input.string('EncodedMessage', stsRules.encodedMessage);
  const decision = ctx.call.authorize('sts:DecodeAuthorizationMessage', '*');
  if (!decision.allowed) throw accessDenied(decision.message);
  const decoded = decodeAuthorizationMessage(encoded);
  if (decoded === undefined) {
    throw new AwsError('InvalidAuthorizationMessageException', 'The encoded authorization message is invalid.', 400);
  }
  return { DecodedMessage: decoded };
};
