// GetAccountAuthorizationDetails: every user, group, role and managed policy of the account
// with their policies, in one paginated snapshot.
import { awsManagedPolicies } from '../../identity/aws-managed.js';
import { groupArn, groupsOf, roleArn, userArn } from '../../identity/model.js';
import { checkString } from '../../protocols/query.js';
import type { XmlObject, XmlValue } from '../../protocols/xml.js';
import type { Handler } from './context.js';
import { renderAwsPolicy } from './managed-policies.js';
import { policyUsage, renderAttached, renderPolicy } from './render.js';
import { byName, encodeDocument, paginate, renderTags } from './validate.js';

const FILTERS = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;

const list = (items: XmlValue[]): XmlValue => (items.length ? { member: items } : '');
const inlineList = (inline: Record<string, string>) =>
  list(Object.entries(inline).map(([PolicyName, json]) => ({ PolicyName, PolicyDocument: encodeDocument(json) })));
const boundary = (arn?: string) => (arn ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: arn } : undefined);

const getAccountAuthorizationDetails: Handler = (ctx) => {
  const filters = ctx.input.list('Filter') ?? [];
  filters.forEach((f, i) => checkString(`Filter.${i + 1}.member`, f, { enum: FILTERS }));
  const wants = (f: (typeof FILTERS)[number]) => !filters.length || filters.includes(f);
  ctx.authorize('iam:GetAccountAuthorizationDetails', '*');
  const acct = ctx.accountId;
  const iam = ctx.iam;
  const items: [string, XmlObject][] = [];
  if (wants('User')) {
    for (const u of byName(iam.users)) {
      items.push(['UserDetailList', {
        Path: u.path, UserName: u.name, UserId: u.id, Arn: userArn(acct, u.path, u.name), CreateDate: u.createDate,
        UserPolicyList: inlineList(u.inline),
        GroupList: list(groupsOf(iam, u).map((g) => g.name)),
        AttachedManagedPolicies: list(u.attached.map(renderAttached)),
        PermissionsBoundary: boundary(u.boundary),
        Tags: renderTags(u.tags),
      }]);
    }
  }
  if (wants('Group')) {
    for (const g of byName(iam.groups)) {
      items.push(['GroupDetailList', {
        Path: g.path, GroupName: g.name, GroupId: g.id, Arn: groupArn(acct, g.path, g.name), CreateDate: g.createDate,
        GroupPolicyList: inlineList(g.inline),
        AttachedManagedPolicies: list(g.attached.map(renderAttached)),
      }]);
    }
  }
  if (wants('Role')) {
    for (const r of byName(iam.roles)) {
      items.push(['RoleDetailList', {
        Path: r.path, RoleName: r.name, RoleId: r.id, Arn: roleArn(acct, r.path, r.name), CreateDate: r.createDate,
        AssumeRolePolicyDocument: encodeDocument(ctx.shownTrust(r)),
        InstanceProfileList: '',
        RolePolicyList: inlineList(r.inline),
        AttachedManagedPolicies: list(r.attached.map(renderAttached)),
        PermissionsBoundary: boundary(r.boundary),
        Tags: renderTags(r.tags),
        RoleLastUsed: r.lastUsed ? { LastUsedDate: r.lastUsed.date, Region: r.lastUsed.region } : {},
      }]);
    }
  }
  if (wants('LocalManagedPolicy')) {
    for (const p of byName(iam.policies)) {
      const { Tags: _t, ...detail } = renderPolicy(acct, iam, p, false);
      void _t;
      items.push(['Policies', {
        ...detail,
        PolicyVersionList: list([...p.versions].reverse().map((v) => ({
          Document: encodeDocument(v.document), VersionId: v.id, IsDefaultVersion: v.id === p.defaultVersion, CreateDate: v.createDate,
        }))),
      }]);
    }
  }
  if (wants('AWSManagedPolicy')) {
    // AWS managed policies in use in the account (the rest of AWS's ~1,300 are not listed).
    for (const p of awsManagedPolicies) {
      const usage = policyUsage(iam, p.arn);
      if (!usage.attachments && !usage.boundaries) continue;
      items.push(['Policies', {
        ...renderAwsPolicy(ctx, p.arn),
        PolicyVersionList: list([{ Document: encodeDocument(p.document), VersionId: p.versionId, IsDefaultVersion: true, CreateDate: p.updateDate }]),
      }]);
    }
  }
  const { page, truncated, marker } = paginate(ctx.input, items);
  const of = (key: string) => list(page.filter(([k]) => k === key).map(([, v]) => v));
  return {
    UserDetailList: of('UserDetailList'),
    GroupDetailList: of('GroupDetailList'),
    RoleDetailList: of('RoleDetailList'),
    Policies: of('Policies'),
    IsTruncated: truncated,
    Marker: marker,
  };
};

export const accountDetailHandlers: Record<string, Handler> = {
  GetAccountAuthorizationDetails: getAccountAuthorizationDetails,
};
