// Versions of managed policies: Create/Get/List/Delete PolicyVersion and
// SetDefaultPolicyVersion. At most 5 versions per policy.
import { awsManagedPolicy } from '../../identity/aws-managed.js';
import type { ManagedPolicyRecord, PolicyVersionRecord } from '../../identity/model.js';
import type { XmlObject } from '../../protocols/xml.js';
import { AwsError } from '../../types.js';
import { deleteConflict, limitExceeded, noSuchEntity, type Handler } from './context.js';
import { authorizedPolicy, checkManagedSize, type PolicyRef } from './managed-policies.js';
import { encodeDocument, paginate, readPolicy, rules } from './validate.js';

const MAX_VERSIONS = 5;

/** Versions of a policy; an AWS managed policy shows its default version only. */
function versionsOf(ref: PolicyRef): { versions: PolicyVersionRecord[]; defaultId: string } {
  if (!ref.aws) return { versions: ref.record.versions, defaultId: ref.record.defaultVersion };
  const p = awsManagedPolicy(ref.arn)!;
  return { versions: [{ id: p.versionId, document: p.document, createDate: p.updateDate }], defaultId: p.versionId };
}

const render = (v: PolicyVersionRecord, defaultId: string, withDocument: boolean): XmlObject => ({
  Document: withDocument ? encodeDocument(v.document) : undefined,
  VersionId: v.id,
  IsDefaultVersion: v.id === defaultId,
  CreateDate: v.createDate,
});

function customer(ref: PolicyRef): ManagedPolicyRecord {
  if (ref.aws) throw new AwsError('UnmodifiableEntity', `Cannot modify the AWS managed policy ${ref.arn}.`, 400);
  return ref.record;
}

const notFound = (arn: string, id: string) => noSuchEntity(`Policy ${arn} version ${id} does not exist or is not attachable.`);

const createPolicyVersion: Handler = (ctx) => {
  const policy = readPolicy(ctx.input, 'PolicyDocument', 'identity');
  const setDefault = ctx.input.optBool('SetAsDefault') ?? false;
  const ref = authorizedPolicy(ctx, 'iam:CreatePolicyVersion');
  const record = customer(ref);
  checkManagedSize(policy.json);
  if (record.versions.length >= MAX_VERSIONS) {
    throw limitExceeded(
      `A managed policy can have up to ${MAX_VERSIONS} versions. Before you create a new version, you must delete an existing version.`,
    );
  }
  const version = { id: `v${record.nextVersion++}`, document: policy.json, createDate: ctx.isoNow };
  record.versions.push(version);
  if (setDefault) record.defaultVersion = version.id;
  record.updateDate = ctx.isoNow;
  ctx.commit();
  return { PolicyVersion: render(version, record.defaultVersion, false) };
};

const getPolicyVersion: Handler = (ctx) => {
  const id = ctx.input.string('VersionId', rules.versionId);
  const ref = authorizedPolicy(ctx, 'iam:GetPolicyVersion');
  const { versions, defaultId } = versionsOf(ref);
  const version = versions.find((v) => v.id === id);
  if (!version) throw notFound(ref.arn, id);
  return { PolicyVersion: render(version, defaultId, true) };
};

const listPolicyVersions: Handler = (ctx) => {
  const ref = authorizedPolicy(ctx, 'iam:ListPolicyVersions');
  const { versions, defaultId } = versionsOf(ref);
  const newestFirst = [...versions].reverse();
  const { page, truncated, marker } = paginate(ctx.input, newestFirst);
  return {
    Versions: page.length ? { member: page.map((v) => render(v, defaultId, false)) } : '',
    IsTruncated: truncated,
    Marker: marker,
  };
};

const deletePolicyVersion: Handler = (ctx) => {
  const id = ctx.input.string('VersionId', rules.versionId);
  const record = customer(authorizedPolicy(ctx, 'iam:DeletePolicyVersion'));
  const i = record.versions.findIndex((v) => v.id === id);
  if (i < 0) throw notFound(ctx.input.params.get('PolicyArn')!, id);
  if (record.defaultVersion === id) throw deleteConflict('Cannot delete the default version of a policy.');
  record.versions.splice(i, 1);
  ctx.commit();
  return undefined;
};

const setDefaultPolicyVersion: Handler = (ctx) => {
  const id = ctx.input.string('VersionId', rules.versionId);
  const record = customer(authorizedPolicy(ctx, 'iam:SetDefaultPolicyVersion'));
  if (!record.versions.some((v) => v.id === id)) throw notFound(ctx.input.params.get('PolicyArn')!, id);
  record.defaultVersion = id;
  record.updateDate = ctx.isoNow;
  ctx.commit();
  return undefined;
};

export const policyVersionHandlers: Record<string, Handler> = {
  CreatePolicyVersion: createPolicyVersion,
  GetPolicyVersion: getPolicyVersion,
  ListPolicyVersions: listPolicyVersions,
  DeletePolicyVersion: deletePolicyVersion,
  SetDefaultPolicyVersion: setDefaultPolicyVersion,
};
