// IAM's output shapes (botocore IAM model: User, Role, Group, Policy, AccessKey...).
import { groupArn, policyArn, roleArn, userArn, type GroupRecord, type IamState, type ManagedPolicyRecord, type RoleRecord, type UserRecord } from '../../identity/model.js';
import type { XmlObject, XmlValue } from '../../protocols/xml.js';
import { encodeDocument, renderTags } from './validate.js';

const boundary = (arn: string | undefined): XmlObject | undefined =>
  arn ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn } : undefined;

export function renderUser(acct: string, u: UserRecord, withTags = true): XmlObject {
  return {
    Path: u.path,
    UserName: u.name,
    UserId: u.id,
    Arn: userArn(acct, u.path, u.name),
    CreateDate: u.createDate,
    PasswordLastUsed: undefined,
    PermissionsBoundary: boundary(u.boundary),
    Tags: withTags ? renderTags(u.tags) : undefined,
  };
}

/** `trust`: the trust policy as IAM shows it (IamContext.shownTrust). */
export function renderRole(acct: string, r: RoleRecord, detail: boolean, trust: string): XmlObject {
  return {
    Path: r.path,
    RoleName: r.name,
    RoleId: r.id,
    Arn: roleArn(acct, r.path, r.name),
    CreateDate: r.createDate,
    AssumeRolePolicyDocument: encodeDocument(trust),
    Description: r.description,
    MaxSessionDuration: r.maxSessionDuration,
    PermissionsBoundary: boundary(r.boundary),
    // ListRoles leaves tags and last use out (IAM docs: "only a subset of properties").
    Tags: detail ? renderTags(r.tags) : undefined,
    RoleLastUsed: detail ? (r.lastUsed ? { LastUsedDate: r.lastUsed.date, Region: r.lastUsed.region } : {}) : undefined,
  };
}

export function renderGroup(acct: string, g: GroupRecord): XmlObject {
  return { Path: g.path, GroupName: g.name, GroupId: g.id, Arn: groupArn(acct, g.path, g.name), CreateDate: g.createDate };
}

/** How many entities of the account use a managed policy, as attachment and as boundary. */
export function policyUsage(iam: IamState, arn: string): { attachments: number; boundaries: number } {
  let attachments = 0;
  let boundaries = 0;
  for (const e of [...iam.users, ...iam.groups, ...iam.roles]) {
    if (e.attached.includes(arn)) attachments++;
    if ('boundary' in e && e.boundary === arn) boundaries++;
  }
  return { attachments, boundaries };
}

/** IAM's `Policy` shape, for customer managed and AWS managed policies alike; the usage
 * counts are those of the caller's account. */
export function renderPolicyShape(
  iam: IamState,
  p: { name: string; id: string; arn: string; path: string; defaultVersion: string; description?: string; createDate: string; updateDate: string; tags?: XmlValue },
): XmlObject {
  const usage = policyUsage(iam, p.arn);
  return {
    PolicyName: p.name,
    PolicyId: p.id,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersion,
    AttachmentCount: usage.attachments,
    PermissionsBoundaryUsageCount: usage.boundaries,
    IsAttachable: true,
    Description: p.description,
    CreateDate: p.createDate,
    UpdateDate: p.updateDate,
    Tags: p.tags,
  };
}

export function renderPolicy(acct: string, iam: IamState, p: ManagedPolicyRecord, withTags = true): XmlObject {
  return renderPolicyShape(iam, {
    ...p,
    arn: policyArn(acct, p.path, p.name),
    tags: withTags ? renderTags(p.tags) : undefined,
  });
}

export const renderAttached = (arn: string): XmlObject => ({ PolicyName: arn.slice(arn.lastIndexOf('/') + 1), PolicyArn: arn });
