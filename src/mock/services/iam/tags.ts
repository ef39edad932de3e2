// Tags of users, roles and customer managed policies: Tag*, Untag*, List*Tags.
import type { RequestContext } from '../../../policy/index.js';
import { findRole, findUser, roleArn, userArn, type Tag } from '../../identity/model.js';
import { noSuchEntity, tagContext, type Handler, type IamContext } from './context.js';
import { authorizedPolicy } from './managed-policies.js';
import { mergeTags, paginate, readTags, renderTags, rules } from './validate.js';
import { checkString } from '../../protocols/query.js';
import { AwsError } from '../../types.js';

interface Tagged {
  tags: Tag[];
}

interface TagTarget {
  label: 'User' | 'Role' | 'Policy';
  /** Finds the entity, authorising `action` with `context` first. */
  resolve(ctx: IamContext, action: string, context: RequestContext): Tagged;
}

function byName(label: 'User' | 'Role'): TagTarget {
  const find = label === 'User' ? findUser : findRole;
  const arn = label === 'User' ? userArn : roleArn;
  const rule = label === 'User' ? rules.existingUserName : rules.roleName;
  return {
    label,
    resolve(ctx, action, context) {
      const name = ctx.input.string(`${label}Name`, rule);
      const entity = find(ctx.iam, name);
      ctx.authorize(action, arn(ctx.accountId, entity?.path ?? '/', name), context);
      if (!entity) throw noSuchEntity(`The ${label.toLowerCase()} with name ${name} cannot be found.`);
      return entity;
    },
  };
}

const policyTarget: TagTarget = {
  label: 'Policy',
  resolve(ctx, action, context) {
    const ref = authorizedPolicy(ctx, action, context);
    if (ref.aws) throw new AwsError('InvalidInput', 'AWS managed policies cannot be tagged.', 400);
    return ref.record;
  },
};

function tag(target: TagTarget): Handler {
  return (ctx) => {
    const tags = readTags(ctx.input);
    const entity = target.resolve(ctx, `iam:Tag${target.label}`, tagContext(tags));
    entity.tags = mergeTags(entity.tags, tags);
    ctx.commit();
    return undefined;
  };
}

function untag(target: TagTarget): Handler {
  return (ctx) => {
    const keys = (ctx.input.list('TagKeys') ?? []).map((k, i) => checkString(`TagKeys.${i + 1}.member`, k, rules.tagKey));
    const entity = target.resolve(ctx, `iam:Untag${target.label}`, keys.length ? { 'aws:TagKeys': keys } : {});
    const drop = new Set(keys.map((k) => k.toLowerCase()));
    entity.tags = entity.tags.filter((t) => !drop.has(t.Key.toLowerCase()));
    ctx.commit();
    return undefined;
  };
}

function list(target: TagTarget): Handler {
  return (ctx) => {
    const entity = target.resolve(ctx, `iam:List${target.label}Tags`, {});
    const { page, truncated, marker } = paginate(ctx.input, entity.tags);
    return { Tags: renderTags(page) ?? '', IsTruncated: truncated, Marker: marker };
  };
}

const targets = [byName('User'), byName('Role'), policyTarget];

export const tagHandlers: Record<string, Handler> = Object.fromEntries(
  targets.flatMap((t) => [
    [`Tag${t.label}`, tag(t)],
    [`Untag${t.label}`, untag(t)],
    [`List${t.label}Tags`, list(t)],
  ]),
);
