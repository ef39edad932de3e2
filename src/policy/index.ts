// Public surface of the policy engine. src/policy imports nothing else of the project and
// does no I/O: callers give it documents and a request, it returns a decision as data.
export type * from './types.js';
export { parsePolicy, compilePolicy, type ParseOptions } from './parse.js';
export { evaluate } from './evaluate.js';
export { policySize, policyLimits, limitError, type PolicyQuota } from './size.js';
export { formatDenial, ROOT_ASSUME_ROLE, type DenialFormat } from './explain.js';
export { principalArnKey } from './context.js';
export { principalsOf } from './inspect.js';
export { UNIQUE_ID } from './principal.js';
export { publicGrant, withoutPublicGrants, type PublicGrant } from './public.js';
