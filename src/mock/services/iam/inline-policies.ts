// Inline policies of users, groups and roles: Put/Get/Delete/List{User,Group,Role}Policy.
import { policySize } from '../../../policy/index.js';
import { limitExceeded, noSuchEntity, type Handler } from './context.js';
import { authorizedEntity, entityKinds, type EntityKind } from './entity-kinds.js';
import { encodeDocument, paginate, readPolicy, rules } from './validate.js';

function put(kind: EntityKind): Handler {
  return (ctx) => {
    const policyName = ctx.input.string('PolicyName', rules.policyName);
    const policy = readPolicy(ctx.input, 'PolicyDocument', 'identity');
    const entity = authorizedEntity(ctx, kind, `iam:Put${kind.label}Policy`);
    // IAM's quota is on the aggregate size of all inline policies of the entity.
    const others = Object.entries(entity.inline).filter(([n]) => n !== policyName);
    const total = others.reduce((sum, [, json]) => sum + policySize(json), policySize(policy.json));
    if (total > kind.inlineLimit) {
      throw limitExceeded(`Maximum policy size of ${kind.inlineLimit} bytes exceeded for ${kind.lower} ${entity.name}`);
    }
    entity.inline[policyName] = policy.json;
    ctx.commit();
    return undefined;
  };
}

function inlineNotFound(kind: EntityKind, name: string) {
  return noSuchEntity(`The ${kind.lower} policy with name ${name} cannot be found.`);
}

function get(kind: EntityKind): Handler {
  return (ctx) => {
    const policyName = ctx.input.string('PolicyName', rules.policyName);
    const entity = authorizedEntity(ctx, kind, `iam:Get${kind.label}Policy`);
    if (!Object.hasOwn(entity.inline, policyName)) throw inlineNotFound(kind, policyName);
    return {
      [`${kind.label}Name`]: entity.name,
      PolicyName: policyName,
      PolicyDocument: encodeDocument(entity.inline[policyName]!),
    };
  };
}

function del(kind: EntityKind): Handler {
  return (ctx) => {
    const policyName = ctx.input.string('PolicyName', rules.policyName);
    const entity = authorizedEntity(ctx, kind, `iam:Delete${kind.label}Policy`);
    if (!Object.hasOwn(entity.inline, policyName)) throw inlineNotFound(kind, policyName);
    delete entity.inline[policyName];
    ctx.commit();
    return undefined;
  };
}

function list(kind: EntityKind): Handler {
  return (ctx) => {
    const entity = authorizedEntity(ctx, kind, `iam:List${kind.label}Policies`);
    const { page, truncated, marker } = paginate(ctx.input, Object.keys(entity.inline).sort());
    return { PolicyNames: page.length ? { member: page } : '', IsTruncated: truncated, Marker: marker };
  };
}

export const inlinePolicyHandlers: Record<string, Handler> = Object.fromEntries(
  entityKinds.flatMap((k) => [
    [`Put${k.label}Policy`, put(k)],
    [`Get${k.label}Policy`, get(k)],
    [`Delete${k.label}Policy`, del(k)],
    [`List${k.label}Policies`, list(k)],
  ]),
);
