// The STS service (query protocol).
import { identityOf } from '../../identity/store.js';
import { STS_NS, queryService } from '../../protocols/query.js';
import type { Service, ServiceWorld } from '../../types.js';
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
  return queryService({
    name: 'sts',
    namespace: STS_NS,
    version: API_VERSION,
    handlers,
    run: (handler, call, input) => handler({ world, store, call, input }),
  });
}
