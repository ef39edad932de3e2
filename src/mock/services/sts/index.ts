// The STS service (query protocol).
import { identityOf } from '../../identity/store.js';
import { QueryInput, STS_NS, queryErrorReply, queryParams, queryResponse } from '../../protocols/query.js';
import { AwsError, type Service, type ServiceWorld } from '../../types.js';
import { World } from '../../world.js';
import { assumeRole } from './assume-role.js';
import type { StsHandler } from './context.js';
import { decodeMessage, getAccessKeyInfo, getCallerIdentity, getSessionToken } from './identity-actions.js';

const API_VERSION = '2011-06-15';

const handlers: Record<string, StsHandler> = {
  GetCallerIdentity: getCallerIdentity,
  AssumeRole: assumeRole,
  GetSessionToken: getSessionToken,
  GetAccessKeyInfo: getAccessKeyInfo,
  DecodeAuthorizationMessage: decodeMessage,
};

export function create(world: ServiceWorld): Service {
  if (!(world instanceof World)) throw new TypeError('the STS service needs the mock core world');
  const store = identityOf(world);
  return {
    name: 'sts',
    handle(call) {
      const params = queryParams(call);
      const action = params.get('Action');
      if (!action) throw new AwsError('MissingAction', 'Missing Action', 400);
      const handler = Object.hasOwn(handlers, action) ? handlers[action] : undefined;
      if (!handler) {
        throw new AwsError('InvalidAction', `Could not find operation ${action.slice(0, 128)} for version ${API_VERSION}`, 400);
      }
      const result = handler({ world, store, call, input: new QueryInput(params) });
      return queryResponse(action, STS_NS, result, call.requestId);
    },
    errorReply: (err, requestId) => queryErrorReply(STS_NS, err, requestId),
  };
}
