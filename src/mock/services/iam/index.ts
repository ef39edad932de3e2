// The IAM service (query protocol): one handler per action, grouped by entity.
import { identityOf } from '../../identity/store.js';
import { IAM_NS, QueryInput, queryErrorReply, queryParams, queryResponse } from '../../protocols/query.js';
import { AwsError, type Service, type ServiceWorld } from '../../types.js';
import { World } from '../../world.js';
import { accessKeyHandlers } from './access-keys.js';
import { accountDetailHandlers } from './account-details.js';
import { attachmentHandlers } from './attachments.js';
import { boundaryHandlers } from './boundaries.js';
import { groupHandlers } from './groups.js';
import { loginProfileHandlers } from './login-profiles.js';
import { tagHandlers } from './tags.js';
import { IamContext, type Handler } from './context.js';
import { inlinePolicyHandlers } from './inline-policies.js';
import { managedPolicyHandlers } from './managed-policies.js';
import { mfaDeviceHandlers } from './mfa-devices.js';
import { policyVersionHandlers } from './policy-versions.js';
import { roleHandlers } from './roles.js';
import { simulatorHandlers } from './simulate.js';
import { userHandlers } from './users.js';

const API_VERSION = '2010-05-08';

const handlers: Record<string, Handler> = {
  ...userHandlers,
  ...accessKeyHandlers,
  ...roleHandlers,
  ...inlinePolicyHandlers,
  ...managedPolicyHandlers,
  ...policyVersionHandlers,
  ...attachmentHandlers,
  ...boundaryHandlers,
  ...groupHandlers,
  ...loginProfileHandlers,
  ...tagHandlers,
  ...accountDetailHandlers,
  ...simulatorHandlers,
  ...mfaDeviceHandlers,
};

export function create(world: ServiceWorld): Service {
  if (!(world instanceof World)) throw new TypeError('the IAM service needs the mock core world');
  const store = identityOf(world);
  return {
    name: 'iam',
    handle(call) {
      const params = queryParams(call);
      const action = params.get('Action');
      if (!action) throw new AwsError('MissingAction', 'Missing Action', 400);
      const handler = Object.hasOwn(handlers, action) ? handlers[action] : undefined;
      if (!handler) {
        throw new AwsError('InvalidAction', `Could not find operation ${action.slice(0, 128)} for version ${API_VERSION}`, 400);
      }
      const result = handler(new IamContext(world, store, call, new QueryInput(params)));
      return queryResponse(action, IAM_NS, result, call.requestId);
    },
    errorReply: (err, requestId) => queryErrorReply(IAM_NS, err, requestId),
  };
}
