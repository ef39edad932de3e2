// src/aws: the SDK glue. "iam:CreateRole" + input -> an AWS SDK v3 call against any endpoint,
// the calls that undo create-like calls, the equivalent AWS CLI command, normalised errors.
// Nothing here imports an SDK client package at load time: see clients.ts.
export type { AwsErrorInfo, AwsResult, CallOptions, Credentials, InverseCall, ServiceId, Target } from './types.js';
export { isKnownOperation, knownOperations, parseCall, suggestOperations, SERVICES } from './operations.js';
export { prepareInput } from './prepare-input.js';
export { callAws } from './call.js';
export { closeClients } from './clients.js';
export { normaliseError } from './errors.js';
export { decodePolicyDocument } from './decode-output.js';
export { alreadyGoneCodes, hasInverse, inverseOf, invertibleOperations } from './inverse.js';
export { toCliCommand } from './cli-command.js';
export { shellQuote, xformName } from './cli-names.js';
export { maskSecrets } from './mask.js';
