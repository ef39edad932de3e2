// DescribeInstances and DescribeInstanceStatus: validation, then authorisation (resource "*"),
// then lookup, filters and MaxResults/NextToken pagination over instances.
import { ec2Bool, ec2Int, ec2Response, items, type Ec2Params } from '../../protocols/ec2.js';
import { AwsError, type Reply } from '../../types.js';
import { authorizeEc2 } from './authz.js';
import { checkFilters, INSTANCE_FIELDS, matchesFilters, parseFilters, STATUS_FIELDS } from './filters.js';
import { reservationsXml, stateXml } from './render.js';
import { findInstances, instanceIdParams, instancesOf, type Ec2Request } from './request.js';
import type { InstanceRecord } from './state.js';

interface Page {
  maxResults?: number;
  after?: string;
}

function pageParams(params: Ec2Params, ids: string[], min: number): Page {
  const maxResults = ec2Int(params, 'MaxResults');
  const token = params.get('NextToken');
  if (maxResults !== undefined) {
    if (ids.length) {
      throw new AwsError('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
    }
    if (maxResults < min || maxResults > 1000) {
      const bound = maxResults < min ? `greater than ${min}` : 'less than 1000';
      throw new AwsError('InvalidParameterValue', `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value ${bound}.`);
    }
  }
  const page: Page = maxResults !== undefined ? { maxResults } : {};
  if (token !== undefined) page.after = decodeToken(token);
  return page;
}

/** Tokens are opaque to clients; here they carry the sort key (launch time and id) of the last
 * instance of the previous page, so a page boundary survives instances that vanish meanwhile. */
function sortKey(inst: InstanceRecord): string {
  return `${inst.launchTime}|${inst.instanceId}`;
}

function encodeToken(key: string): string {
  return Buffer.from(`v1:${key}`).toString('base64url');
}

function decodeToken(token: string): string {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const m = /^v1:(\d{4}-\d\d-\d\dT[\d:.]+Z\|i-[0-9a-f]+)$/.exec(text);
  if (!m || encodeToken(m[1]!) !== token) {
    throw new AwsError('InvalidParameterValue', `Value (${token}) for parameter NextToken is invalid. The token is invalid.`);
  }
  return m[1]!;
}

/** `list` must be sorted by `sortKey`. */
function paginate(list: InstanceRecord[], page: Page): { shown: InstanceRecord[]; nextToken?: string } {
  const rest = page.after === undefined ? list : list.filter((i) => sortKey(i) > page.after!);
  if (page.maxResults === undefined || rest.length <= page.maxResults) return { shown: rest };
  const shown = rest.slice(0, page.maxResults);
  return { shown, nextToken: encodeToken(sortKey(shown[shown.length - 1]!)) };
}

export function describeInstances(req: Ec2Request): Reply {
  const ids = instanceIdParams(req.params);
  const filters = parseFilters(req.params);
  checkFilters(filters, INSTANCE_FIELDS, true);
  const page = pageParams(req.params, ids, 5);
  authorizeEc2(req.call, [{ action: 'ec2:DescribeInstances', resource: '*' }], { dryRun: req.dryRun, mutating: false });

  const all = sorted(instancesOf(req));
  const chosen = ids.length ? findInstances(all, ids) : all;
  const { shown, nextToken } = paginate(chosen.filter((i) => matchesFilters(i, filters, INSTANCE_FIELDS)), page);
  return ec2Response(req.action, req.call.requestId, { reservationSet: reservationsXml(shown), nextToken });
}

/** Instances in a stable order for pagination (launch time, then id). */
function sorted(list: InstanceRecord[]): InstanceRecord[] {
  return [...list].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

export function describeInstanceStatus(req: Ec2Request): Reply {
  const ids = instanceIdParams(req.params);
  const filters = parseFilters(req.params);
  checkFilters(filters, STATUS_FIELDS, false);
  const includeAll = ec2Bool(req.params, 'IncludeAllInstances') ?? false;
  const page = pageParams(req.params, ids, 5);
  authorizeEc2(req.call, [{ action: 'ec2:DescribeInstanceStatus', resource: '*' }], { dryRun: req.dryRun, mutating: false });

  const all = sorted(instancesOf(req));
  const chosen = ids.length ? findInstances(all, ids) : all;
  // By default only running instances have a status, as on AWS.
  const visible = chosen.filter((i) => (includeAll || i.state === 'running') && matchesFilters(i, filters, STATUS_FIELDS));
  const { shown, nextToken } = paginate(visible, page);
  const statuses = shown.map((inst) => {
    const status = inst.state === 'running' ? 'ok' : 'not-applicable';
    const summary = (name: string) => ({
      details: items(inst.state === 'running' ? [{ name, status: 'passed' }] : []),
      status,
    });
    return {
      instanceId: inst.instanceId,
      availabilityZone: inst.availabilityZone,
      eventsSet: '',
      instanceState: stateXml(inst.state),
      systemStatus: summary('reachability'),
      instanceStatus: summary('reachability'),
    };
  });
  return ec2Response(req.action, req.call.requestId, { instanceStatusSet: items(statuses), nextToken });
}
