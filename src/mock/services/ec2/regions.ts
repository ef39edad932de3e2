// DescribeRegions and DescribeAvailabilityZones: static geography, authorised on "*".
import { ec2Bool, ec2List, ec2Response, items } from '../../protocols/ec2.js';
import { AwsError, type Reply } from '../../types.js';
import { authorizeEc2 } from './authz.js';
import { parseFilters, type Filter } from './filters.js';
import type { Ec2Request } from './request.js';

/** Regions enabled by default in every account. */
const DEFAULT_REGIONS = [
  'ap-south-1', 'eu-north-1', 'eu-west-3', 'eu-west-2', 'eu-west-1', 'ap-northeast-3', 'ap-northeast-2',
  'ap-northeast-1', 'ca-central-1', 'sa-east-1', 'ap-southeast-1', 'ap-southeast-2', 'eu-central-1',
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
];
/** Opt-in regions, which a new account has not enabled. */
const OPT_IN_REGIONS = [
  'af-south-1', 'ap-east-1', 'ap-south-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-7',
  'ca-west-1', 'eu-central-2', 'eu-south-1', 'eu-south-2', 'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1',
];

/** Validation comes before authorisation, so unknown filter names are refused up front. */
function checkNames(filters: Filter[], allowed: string[]): void {
  for (const f of filters) {
    if (!allowed.includes(f.name)) throw new AwsError('InvalidParameterValue', `The filter '${f.name}' is invalid`);
  }
}

function matches(filters: Filter[], fields: Record<string, string>): boolean {
  return filters.every((f) => f.values.includes(fields[f.name]!));
}

export function describeRegions(req: Ec2Request): Reply {
  const names = ec2List(req.params, 'RegionName');
  const all = ec2Bool(req.params, 'AllRegions') ?? false;
  const filters = parseFilters(req.params);
  checkNames(filters, ['region-name', 'endpoint', 'opt-in-status']);
  const known = [
    ...DEFAULT_REGIONS.map((name) => ({ name, status: 'opt-in-not-required' })),
    ...OPT_IN_REGIONS.map((name) => ({ name, status: 'not-opted-in' })),
  ];
  for (const n of names) {
    if (!known.some((r) => r.name === n)) throw new AwsError('InvalidParameterValue', `Invalid region: ${n}`);
  }
  authorizeEc2(req.call, [{ action: 'ec2:DescribeRegions', resource: '*' }], { dryRun: req.dryRun, mutating: false });

  const shown = known.filter(
    (r) =>
      (names.length ? names.includes(r.name) : all || r.status !== 'not-opted-in') &&
      matches(filters, { 'region-name': r.name, endpoint: `ec2.${r.name}.amazonaws.com`, 'opt-in-status': r.status }),
  );
  const regionInfo = items(shown.map((r) => ({
    regionName: r.name,
    regionEndpoint: `ec2.${r.name}.amazonaws.com`,
    optInStatus: r.status,
  })));
  return ec2Response(req.action, req.call.requestId, { regionInfo });
}

export function describeAvailabilityZones(req: Ec2Request): Reply {
  const names = ec2List(req.params, 'ZoneName');
  const filters = parseFilters(req.params);
  checkNames(filters, ['zone-name', 'zone-id', 'region-name', 'state']);
  const region = req.call.region;
  const zones = ['a', 'b', 'c'].map((suffix, i) => ({
    zoneName: `${region}${suffix}`,
    zoneId: `${region.replace(/-/g, '').slice(0, 3)}${region.split('-').pop()}-az${i + 1}`,
  }));
  for (const n of names) {
    if (!zones.some((z) => z.zoneName === n)) {
      throw new AwsError('InvalidParameterValue', `The zone '${n}' does not exist.`);
    }
  }
  authorizeEc2(req.call, [{ action: 'ec2:DescribeAvailabilityZones', resource: '*' }], { dryRun: req.dryRun, mutating: false });

  const shown = zones.filter(
    (z) =>
      (!names.length || names.includes(z.zoneName)) &&
      matches(filters, { 'zone-name': z.zoneName, 'zone-id': z.zoneId, 'region-name': region, state: 'available' }),
  );
  const availabilityZoneInfo = items(shown.map((z) => ({
    optInStatus: 'opt-in-not-required',
    zoneName: z.zoneName,
    zoneId: z.zoneId,
    zoneState: 'available',
    regionName: region,
    groupName: region,
    networkBorderGroup: region,
    zoneType: 'availability-zone',
    messageSet: '',
  })));
  return ec2Response(req.action, req.call.requestId, { availabilityZoneInfo });
}
