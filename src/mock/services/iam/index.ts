// The IAM service (query protocol): one handler per action, grouped by entity.
import { identityOf } from '../../identity/store.js';
import { IAM_NS, queryService } from '../../protocols/query.js';
import type { Service, ServiceWorld } from '../../types.js';
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
  return queryService({
    name: 'iam',
    namespace: IAM_NS,
    version: API_VERSION,
    handlers,
    run: (handler, call, input) => handler(new IamContext(world, store, call, input)),
  });
}
