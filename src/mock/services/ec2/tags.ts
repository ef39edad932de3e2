// CreateTags and DeleteTags on instances (the only taggable resources the mock keeps), so that
// labs about tag-based access control (ec2:ResourceTag, aws:RequestTag) can run.
import { ec2List, ec2Response } from '../../protocols/ec2.js';
import { AwsError, type Reply } from '../../types.js';
import { authorizeEc2, instanceChecks, requestTagContext } from './authz.js';
import { findInstances, instancesOf, type Ec2Request } from './request.js';
import type { Ec2Tag } from './state.js';
import { mergedTags, tagParams } from './tag-params.js';

const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

function resourceIds(req: Ec2Request): string[] {
  const ids = ec2List(req.params, 'ResourceId');
  if (!ids.length) throw new AwsError('MissingParameter', 'The request must contain the parameter ResourceId');
  for (const id of ids) {
    if (!INSTANCE_ID.test(id)) throw new AwsError('InvalidID', `The ID '${id}' is not valid`);
  }
  return ids;
}

function tagAction(req: Ec2Request, action: string, apply: (tags: Ec2Tag[]) => Ec2Tag[], requested: Ec2Tag[]): Reply {
  const chosen = findInstances(instancesOf(req), resourceIds(req));
  const checks = instanceChecks(req.call, chosen, action, requestTagContext(requested));
  authorizeEc2(req.call, checks, { dryRun: req.dryRun, mutating: true });
  // Compute every result first: a refused change (tag limit) leaves all instances unchanged.
  const results = chosen.map((inst) => apply(inst.tags));
  chosen.forEach((inst, i) => (inst.tags = results[i]!));
  req.world.changed();
  return ec2Response(req.action, req.call.requestId, { return: true });
}

export function createTags(req: Ec2Request): Reply {
  const tags = tagParams(req.params) as Ec2Tag[];
  if (!tags.length) throw new AwsError('MissingParameter', 'The request must contain the parameter Tag');
  return tagAction(req, 'ec2:CreateTags', (current) => mergedTags(current, tags), tags);
}

export function deleteTags(req: Ec2Request): Reply {
  const tags = tagParams(req.params, true);
  // Without tags, DeleteTags removes every tag (except aws: ones, which the mock never sets).
  const remove = (t: Ec2Tag) => !tags.length || tags.some((d) => d.key === t.key && (d.value === undefined || d.value === t.value));
  const context = tags.map((t) => ({ key: t.key, value: t.value ?? '' }));
  return tagAction(req, 'ec2:DeleteTags', (current) => current.filter((t) => !remove(t)), context);
}
