// Customer managed policies: CreatePolicy, GetPolicy, ListPolicies, DeletePolicy; the AWS
// managed ones are readable and attachable, never changed.
import { policyLimits, policySize, type RequestContext } from '../../../policy/index.js';
import { awsManagedPolicies, awsManagedPolicy, isAwsManagedArn } from '../../identity/aws-managed.js';
import { UNIQUE_ID_LENGTH } from '../../identity/entities.js';
import { findPolicyByName, policyArn, type ManagedPolicyRecord } from '../../identity/model.js';
import { parsePolicyArn } from '../../identity/policies.js';
import type { XmlObject } from '../../protocols/xml.js';
import { AwsError } from '../../types.js';
import { alreadyExists, deleteConflict, limitExceeded, noSuchEntity, tagContext, type Handler, type IamContext } from './context.js';
import { policyUsage, renderPolicy, renderPolicyShape } from './render.js';
import { byName, checkArn, listResult, matchesPrefix, readPolicy, readTags, rules } from './validate.js';

/** Managed policy documents are capped at 6,144 characters without whitespace. */
export function checkManagedSize(json: string): void {
  if (policySize(json) > policyLimits.managed) throw limitExceeded(`Cannot exceed quota for PolicySize: ${policyLimits.managed}`);
}

export type PolicyRef = { aws: true; arn: string } | { aws: false; arn: string; record: ManagedPolicyRecord };

/** Reads PolicyArn, authorises `action` on it and finds the policy. */
export function authorizedPolicy(ctx: IamContext, action: string, context: RequestContext = {}): PolicyRef {
  const arn = checkArn('PolicyArn', ctx.input.string('PolicyArn', rules.arn));
  ctx.authorize(action, arn, context);
  if (isAwsManagedArn(arn)) {
    if (!awsManagedPolicy(arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
    return { aws: true, arn };
  }
  const parts = parsePolicyArn(arn);
  const record =
    parts?.accountId === ctx.accountId
      ? ctx.iam.policies.find((p) => p.path === parts.path && p.name === parts.name)
      : undefined;
  if (!record) throw noSuchEntity(`Policy ${arn} was not found.`);
  return { aws: false, arn, record };
}

export function renderAwsPolicy(ctx: IamContext, arn: string): XmlObject {
  const p = awsManagedPolicy(arn)!;
  return renderPolicyShape(ctx.iam, { ...p, path: '/', defaultVersion: p.versionId });
}

const createPolicy: Handler = (ctx) => {
  const name = ctx.input.string('PolicyName', rules.policyName);
  const path = ctx.input.optString('Path', rules.policyPath) ?? '/';
  const policy = readPolicy(ctx.input, 'PolicyDocument', 'identity');
  const description = ctx.input.optString('Description', rules.description);
  const tags = readTags(ctx.input);
  const arn = policyArn(ctx.accountId, path, name);
  ctx.authorize('iam:CreatePolicy', arn, tagContext(tags));
  if (tags.length) ctx.authorize('iam:TagPolicy', arn, tagContext(tags));
  checkManagedSize(policy.json);
  if (findPolicyByName(ctx.iam, name)) throw alreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
  const record: ManagedPolicyRecord = {
    name,
    id: ctx.world.newId('ANPA', UNIQUE_ID_LENGTH),
    path,
    description,
    createDate: ctx.isoNow,
    updateDate: ctx.isoNow,
    defaultVersion: 'v1',
    versions: [{ id: 'v1', document: policy.json, createDate: ctx.isoNow }],
    nextVersion: 2,
    tags,
  };
  ctx.iam.policies.push(record);
  ctx.commit();
  return { Policy: renderPolicy(ctx.accountId, ctx.iam, record) };
};

const getPolicy: Handler = (ctx) => {
  const ref = authorizedPolicy(ctx, 'iam:GetPolicy');
  return { Policy: ref.aws ? renderAwsPolicy(ctx, ref.arn) : renderPolicy(ctx.accountId, ctx.iam, ref.record) };
};

const listPolicies: Handler = (ctx) => {
  const scope = ctx.input.optString('Scope', { enum: ['All', 'AWS', 'Local'] }) ?? 'All';
  const onlyAttached = ctx.input.optBool('OnlyAttached') ?? false;
  const prefix = ctx.input.optString('PathPrefix', rules.policyPath);
  const usageFilter = ctx.input.optString('PolicyUsageFilter', { enum: ['PermissionsPolicy', 'PermissionsBoundary'] });
  // AWS names this resource "policy path /" in its messages, not an ARN.
  ctx.authorize('iam:ListPolicies', `policy path ${prefix ?? '/'}`);
  const rendered: XmlObject[] = [];
  if (scope !== 'Local') {
    for (const p of awsManagedPolicies) rendered.push(renderAwsPolicy(ctx, p.arn));
  }
  if (scope !== 'AWS') {
    for (const p of byName(ctx.iam.policies)) rendered.push(renderPolicy(ctx.accountId, ctx.iam, p, false));
  }
  const used = (p: XmlObject) =>
    usageFilter === 'PermissionsBoundary'
      ? Number(p.PermissionsBoundaryUsageCount) > 0
      : usageFilter === 'PermissionsPolicy'
        ? Number(p.AttachmentCount) > 0
        : Number(p.AttachmentCount) + Number(p.PermissionsBoundaryUsageCount) > 0;
  const items = rendered.filter(
    (p) => matchesPrefix(String(p.Path), prefix) && ((!onlyAttached && !usageFilter) || used(p)),
  );
  // The Policy data type: "Description ... is not included in the response to ListPolicies".
  return listResult(ctx.input, 'Policies', items, (p) => ({ ...p, Description: undefined }));
};

const deletePolicy: Handler = (ctx) => {
  const ref = authorizedPolicy(ctx, 'iam:DeletePolicy');
  if (ref.aws) throw new AwsError('UnmodifiableEntity', `Cannot delete the AWS managed policy ${ref.arn}.`, 400);
  const usage = policyUsage(ctx.iam, ref.arn);
  if (usage.attachments || usage.boundaries) throw deleteConflict('Cannot delete a policy attached to entities.');
  if (ref.record.versions.length > 1) {
    throw deleteConflict(
      "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    );
  }
  ctx.iam.policies.splice(ctx.iam.policies.indexOf(ref.record), 1);
  ctx.commit();
  return undefined;
};

export const managedPolicyHandlers: Record<string, Handler> = {
  CreatePolicy: createPolicy,
  GetPolicy: getPolicy,
  ListPolicies: listPolicies,
  DeletePolicy: deletePolicy,
};
