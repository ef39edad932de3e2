// Permissions boundaries: Put/Delete for users and roles.
import { resolveManagedPolicy } from '../../identity/policies.js';
import { noSuchEntity, type Handler, type IamContext } from './context.js';
import { authorizedEntity, entityKinds, type EntityKind } from './entity-kinds.js';
import { checkArn, rules } from './validate.js';

/** A boundary must be an existing managed policy (IAM: "Scope ARN ... does not exist"). */
export function requireBoundaryPolicy(ctx: IamContext, arn: string): void {
  const found = resolveManagedPolicy(arn, (acct) => (acct === ctx.accountId ? ctx.iam : undefined));
  if (!found) throw noSuchEntity(`Scope ARN: ${arn} does not exist or is not attachable.`);
}

// Boundaries exist for users and roles; PutUserPermissionsBoundary takes a UserName of at most
// 64 characters (userNameType), where the inline-policy actions accept 128.
const boundaryKinds: EntityKind[] = entityKinds
  .filter((k) => k.label !== 'Group')
  .map((k) => (k.label === 'User' ? { ...k, nameRule: rules.userName } : k));

function put(kind: EntityKind): Handler {
  return (ctx) => {
    // Validation before authorisation, name first, as before.
    ctx.input.string(`${kind.label}Name`, kind.nameRule);
    const arn = checkArn('PermissionsBoundary', ctx.input.string('PermissionsBoundary', rules.arn));
    const entity = authorizedEntity(ctx, kind, `iam:Put${kind.label}PermissionsBoundary`, { 'iam:PermissionsBoundary': arn });
    requireBoundaryPolicy(ctx, arn);
    entity.boundary = arn;
    ctx.commit();
    return undefined;
  };
}

function del(kind: EntityKind): Handler {
  return (ctx) => {
    const entity = authorizedEntity(ctx, kind, `iam:Delete${kind.label}PermissionsBoundary`);
    delete entity.boundary;
    ctx.commit();
    return undefined;
  };
}

export const boundaryHandlers: Record<string, Handler> = Object.fromEntries(
  boundaryKinds.flatMap((k) => [
    [`Put${k.label}PermissionsBoundary`, put(k)],
    [`Delete${k.label}PermissionsBoundary`, del(k)],
  ]),
);
