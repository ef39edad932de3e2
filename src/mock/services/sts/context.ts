// What an STS action handler works with, and STS's input rules (botocore STS model).
import type { IdentityStore } from '../../identity/store.js';
import type { QueryInput, StringRule } from '../../protocols/query.js';
import type { XmlObject } from '../../protocols/xml.js';
import { AwsError, type Call } from '../../types.js';
import type { World } from '../../world.js';

export interface StsContext {
  world: World;
  store: IdentityStore;
  call: Call;
  input: QueryInput;
}

export const stsRules = {
  roleArn: { min: 20, max: 2048, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u{10000}-\\u{10FFFF}]+' },
  roleSessionName: { min: 2, max: 64, pattern: '[\\w+=,.@-]*' },
  externalId: { min: 2, max: 1224, pattern: '[\\w+=,.@:\\/-]*' },
  serialNumber: { min: 9, max: 256, pattern: '[\\w+=/:,.@-]*' },
  tokenCode: { min: 6, max: 6, pattern: '[\\d]*' },
  sourceIdentity: { min: 2, max: 64, pattern: '[\\w+=,.@-]*' },
  sessionPolicy: { min: 1, max: 2048, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' },
  policyArn: { min: 20, max: 2048 },
  tagKey: { min: 1, max: 128, pattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+' },
  tagValue: { min: 0, max: 256, pattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*' },
  encodedMessage: { min: 1, max: 10240 },
  accessKeyId: { min: 16, max: 128, pattern: '[\\w]*' },
} satisfies Record<string, StringRule>;

export const accessDenied = (message: string): AwsError => new AwsError('AccessDenied', message, 403);

export type StsHandler = (ctx: StsContext) => XmlObject | undefined;
