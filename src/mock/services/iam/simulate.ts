// The policy simulator: SimulatePrincipalPolicy and SimulateCustomPolicy on top of the
// engine, with AWS's input and output shapes (EvalDecision, MatchedStatements,
// MissingContextValues). Like AWS's, it uses only the context keys it is given.
import { evaluate, type Decision, type NamedPolicy, type Principal, type RequestContext } from '../../../policy/index.js';
import { boundaryPolicy, entityPolicies } from '../../authz.js';
import { findGroup, findRole, findUser, groupsOf, sessionArn, userArn } from '../../identity/model.js';
import { checkString, validationError } from '../../protocols/query.js';
import type { XmlObject } from '../../protocols/xml.js';
import { invalidInput, noSuchEntity, type Handler, type IamContext } from './context.js';
import { readContextEntries, readPolicyList } from './simulate-input.js';
import { checkArn, compilePolicyText, paginate, rules } from './validate.js';

interface Subject {
  principal: Principal;
  identity: NamedPolicy[];
  boundary?: NamedPolicy;
}

const ENTITY_ARN = /^arn:aws:iam::(\d{12}):(user|group|role)(\/(?:.*\/)?)([^/]+)$/;

/** The principal and policies of PolicySourceArn, as IAM sees them now. */
function subjectOf(ctx: IamContext, arn: string): Subject {
  const m = ENTITY_ARN.exec(arn);
  if (!m || m[1] !== ctx.accountId) throw invalidInput(`Invalid Entity Arn: ${arn} does not clearly define entity type and name.`);
  const [, acct, kind, , name] = m as unknown as [string, string, 'user' | 'group' | 'role', string, string];
  const iam = ctx.store.view(acct);
  if (kind === 'user') {
    const user = findUser(iam, name);
    if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
    const identity = entityPolicies(ctx.store, 'user', user);
    for (const g of groupsOf(iam, user)) identity.push(...entityPolicies(ctx.store, 'group', g));
    return {
      principal: { arn: userArn(acct, user.path, user.name), accountId: acct, type: 'User', userId: user.id, userName: user.name, tags: Object.fromEntries(user.tags.map((t) => [t.Key, t.Value])) },
      identity,
      boundary: boundaryPolicy(ctx.store, 'user', user.name, user.boundary),
    };
  }
  if (kind === 'group') {
    const group = findGroup(iam, name);
    if (!group) throw noSuchEntity(`The group with name ${name} cannot be found.`);
    return { principal: { arn, accountId: acct, type: 'User', userId: group.id }, identity: entityPolicies(ctx.store, 'group', group) };
  }
  const role = findRole(iam, name);
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return {
    principal: {
      arn: sessionArn(acct, role.name, 'SimulatedSession'),
      accountId: acct,
      type: 'AssumedRole',
      userId: `${role.id}:SimulatedSession`,
      roleArn: arn,
      tags: Object.fromEntries(role.tags.map((t) => [t.Key, t.Value])),
    },
    identity: entityPolicies(ctx.store, 'role', role),
    boundary: boundaryPolicy(ctx.store, 'role', role.name, role.boundary),
  };
}

/** PolicySourceType of a matched statement's policy. */
function sourceType(p: NamedPolicy | undefined, resource: boolean): string {
  if (resource) return 'resource';
  if (!p) return 'none';
  if (p.name.includes('PolicyInputList.')) return 'IAM Policy';
  if (p.arn) return p.arn.startsWith('arn:aws:iam::aws:') ? 'aws-managed' : 'user-managed';
  return p.attachedTo?.split('/')[0] ?? 'none';
}

function simulate(ctx: IamContext, subject: Subject, extraIdentity: NamedPolicy[]): XmlObject {
  const actions = ctx.input.list('ActionNames') ?? [];
  if (!actions.length) throw validationError('ActionNames', null, 'Member must not be null');
  actions.forEach((a, i) => checkString(`ActionNames.${i + 1}.member`, a, { min: 3, max: 128 }));
  const resources = ctx.input.list('ResourceArns') ?? ['*'];
  resources.forEach((r, i) => checkString(`ResourceArns.${i + 1}.member`, r, { min: 1, max: 2048 }));
  const resourceText = ctx.input.optString('ResourcePolicy', rules.policyDocument);
  const resourcePolicy: NamedPolicy | undefined = resourceText !== undefined
    ? { name: 'ResourcePolicy', policy: compilePolicyText(resourceText, 'resource') }
    : undefined;
  const owner = ctx.input.optString('ResourceOwner', rules.arn);
  const boundaries = readPolicyList(ctx.input, 'PermissionsBoundaryPolicyInputList', 'boundary');
  const context: RequestContext = readContextEntries(ctx.input);
  const identity = [...subject.identity, ...extraIdentity];
  const boundary = boundaries[0] ?? subject.boundary;
  const byName = new Map(identity.map((p) => [p.name, p]));
  if (boundary) byName.set(boundary.name, boundary);
  const resourceAccount = owner ? owner.split(':')[4] || owner : subject.principal.accountId;

  const results: XmlObject[] = [];
  for (const action of actions) {
    for (const resource of resources) {
      const d: Decision = evaluate(
        { principal: subject.principal, action, resource, resourceAccount: resourcePolicy ? resourceAccount : subject.principal.accountId, context },
        { identity, boundary, resource: resourcePolicy },
      );
      const matched = d.statements.filter((s) => s.matched);
      results.push({
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: d.verdict,
        MatchedStatements: matched.length
          ? {
              member: matched.map((s) => ({
                SourcePolicyId: (byName.get(s.policy)?.name ?? s.policy).replace(/^inline:/, ''),
                SourcePolicyType: sourceType(byName.get(s.policy), s.policyType === 'resource'),
              })),
            }
          : '',
        MissingContextValues: d.missingContextKeys.length ? { member: d.missingContextKeys } : '',
        OrganizationsDecisionDetail: { AllowedByOrganizations: true },
        PermissionsBoundaryDecisionDetail: boundary ? { AllowedByPermissionsBoundary: d.decidingType !== 'boundary' } : undefined,
      });
    }
  }
  const { page, truncated, marker } = paginate(ctx.input, results);
  return { EvaluationResults: page.length ? { member: page } : '', IsTruncated: truncated, Marker: marker };
}

const simulatePrincipalPolicy: Handler = (ctx) => {
  const source = checkArn('PolicySourceArn', ctx.input.string('PolicySourceArn', rules.arn));
  const inputs = readPolicyList(ctx.input, 'PolicyInputList', 'identity');
  ctx.authorize('iam:SimulatePrincipalPolicy', source);
  const subject = subjectOf(ctx, source);
  const callerArn = ctx.input.optString('CallerArn', rules.arn);
  if (callerArn !== undefined) subject.principal = { ...subject.principal, arn: callerArn };
  return simulate(ctx, subject, inputs);
};

const simulateCustomPolicy: Handler = (ctx) => {
  const inputs = readPolicyList(ctx.input, 'PolicyInputList', 'identity');
  if (!inputs.length) throw validationError('PolicyInputList', null, 'Member must not be null');
  ctx.authorize('iam:SimulateCustomPolicy', '*');
  const callerArn = ctx.input.optString('CallerArn', rules.arn) ?? userArn(ctx.accountId, '/', 'SimulatedUser');
  const m = /^arn:aws:iam::(\d{12}):user(\/(?:.*\/)?)([^/]+)$/.exec(callerArn);
  const subject: Subject = {
    principal: { arn: callerArn, accountId: m?.[1] ?? ctx.accountId, type: 'User', userId: 'AIDASIMULATEDUSER0000', userName: m?.[3] },
    identity: [],
  };
  return simulate(ctx, subject, inputs);
};

export const simulatorHandlers: Record<string, Handler> = {
  SimulatePrincipalPolicy: simulatePrincipalPolicy,
  SimulateCustomPolicy: simulateCustomPolicy,
};
