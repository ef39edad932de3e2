// EC2 authorisation in AWS's order: the caller of a validated request is authorised for every
// resource the action touches; a denial is UnauthorizedOperation (403), and when everything is
// allowed a DryRun request stops with DryRunOperation (412).
import type { AuthzRequest, RequestContext } from '../../../policy/index.js';
import { encodeAuthorizationMessage } from '../../auth/authorization-message.js';
import { AwsError, type Call } from '../../types.js';

export interface Ec2Check {
  /** e.g. "ec2:StopInstances". */
  action: string;
  /** The resource ARN as the Service Authorization Reference defines it, or "*". */
  resource: string;
  /** Account owning the resource; absent for "*" and for public resources such as AMIs. */
  resourceAccount?: string;
  context?: RequestContext;
}

/** Authorise each check in order; throws on the first denial, or DryRunOperation when all pass
 * and `dryRun` is set. `mutating` actions carry an encoded authorization failure message, which
 * only sts:DecodeAuthorizationMessage can read (AWS omits it for Describe* calls). */
export function authorizeEc2(call: Call, checks: Ec2Check[], opts: { dryRun: boolean; mutating: boolean }): void {
  for (const check of checks) {
    const context = check.context ?? {};
    const decision = call.authorize(check.action, check.resource, {
      ...(check.resourceAccount !== undefined ? { resourceAccount: check.resourceAccount } : {}),
      context,
    });
    if (decision.allowed) continue;
    // (Describe* actions have resource `*`, for which the engine's message names no resource,
    // as AWS's does.)
    const reason = decision.message.replace(/\.$/, '');
    let message = `You are not authorized to perform this operation. ${reason}`;
    if (opts.mutating) {
      const request: AuthzRequest = {
        principal: call.caller.principal,
        action: check.action,
        resource: check.resource,
        ...(check.resourceAccount !== undefined ? { resourceAccount: check.resourceAccount } : {}),
        context,
      };
      message += `. Encoded authorization failure message: ${encodeAuthorizationMessage(decision, request)}`;
    }
    throw new AwsError('UnauthorizedOperation', message, 403);
  }
  if (opts.dryRun) {
    throw new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
  }
}

/** One check per existing instance of the caller's account, with the instance's condition
 * keys (and any more the request adds, e.g. aws:RequestTag/*). */
export function instanceChecks(
  call: Call,
  instances: Array<Parameters<typeof instanceContext>[0] & { instanceId: string }>,
  action: string,
  extra: RequestContext = {},
): Ec2Check[] {
  const { region, caller } = call;
  return instances.map((inst) => ({
    action,
    resource: instanceArn(region, caller.accountId, inst.instanceId),
    resourceAccount: caller.accountId,
    context: { ...instanceContext(inst), ...extra },
  }));
}

/** `arn:aws:ec2:REGION:ACCOUNT:instance/ID` (ID may be `*`). */
export function instanceArn(region: string, accountId: string, instanceId: string): string {
  return `arn:aws:ec2:${region}:${accountId}:instance/${instanceId}`;
}

/** Condition keys an existing instance contributes (ec2:ResourceTag/K and its global twin,
 * ec2:InstanceType, ...), as the Service Authorization Reference lists for instance ARNs. */
export function instanceContext(inst: {
  instanceType: string;
  region: string;
  tags: { key: string; value: string }[];
  availabilityZone: string;
}): RequestContext {
  const ctx: RequestContext = {
    'ec2:InstanceType': inst.instanceType,
    'ec2:Region': inst.region,
    'ec2:AvailabilityZone': inst.availabilityZone,
    'ec2:Tenancy': 'default',
    'ec2:RootDeviceType': 'ebs',
  };
  for (const t of inst.tags) {
    ctx[`ec2:ResourceTag/${t.key}`] = t.value;
    ctx[`aws:ResourceTag/${t.key}`] = t.value;
  }
  return ctx;
}

/** aws:RequestTag/K and aws:TagKeys for calls that create tags. */
export function requestTagContext(tags: { key: string; value: string }[]): RequestContext {
  const ctx: RequestContext = {};
  for (const t of tags) ctx[`aws:RequestTag/${t.key}`] = t.value;
  if (tags.length) ctx['aws:TagKeys'] = tags.map((t) => t.key);
  return ctx;
}
