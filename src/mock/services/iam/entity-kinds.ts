// Users, groups and roles share inline policies and attachments; this table says how each
// kind is named, found and limited, so the handlers are written once.
import { policyLimits, type RequestContext } from '../../../policy/index.js';
import { findGroup, findRole, findUser, groupArn, roleArn, userArn, type IamState } from '../../identity/model.js';
import { noSuchEntity, type IamContext } from './context.js';
import { rules } from './validate.js';

export interface Attachable {
  name: string;
  path: string;
  inline: Record<string, string>;
  attached: string[];
  /** Permissions boundary (users and roles). */
  boundary?: string;
}

export interface EntityKind {
  /** 'User' | 'Group' | 'Role', as in action names (PutUserPolicy) and parameters (UserName). */
  label: 'User' | 'Group' | 'Role';
  lower: 'user' | 'group' | 'role';
  find(iam: IamState, name: string): Attachable | undefined;
  arn(acct: string, path: string, name: string): string;
  nameRule: typeof rules.userName;
  /** Aggregate inline policy size quota (whitespace not counted). */
  inlineLimit: number;
}

export const entityKinds: readonly EntityKind[] = [
  { label: 'User', lower: 'user', find: findUser, arn: userArn, nameRule: rules.existingUserName, inlineLimit: policyLimits.inlineUser },
  { label: 'Group', lower: 'group', find: findGroup, arn: groupArn, nameRule: rules.groupName, inlineLimit: policyLimits.inlineGroup },
  { label: 'Role', lower: 'role', find: findRole, arn: roleArn, nameRule: rules.roleName, inlineLimit: policyLimits.inlineRole },
];

/** The entity named by `<Label>Name`, after authorising `action` on it (with `context`). */
export function authorizedEntity(
  ctx: IamContext,
  kind: EntityKind,
  action: string,
  context: RequestContext = {},
): Attachable {
  const name = ctx.input.string(`${kind.label}Name`, kind.nameRule);
  const entity = kind.find(ctx.iam, name);
  ctx.authorize(action, kind.arn(ctx.accountId, entity?.path ?? '/', name), context);
  if (!entity) throw noSuchEntity(`The ${kind.lower} with name ${name} cannot be found.`);
  return entity;
}
