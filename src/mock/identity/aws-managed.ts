// AWS managed policies the mock knows: their real ids, versions and documents (MAMIP
// snapshot, see aws-wire.md §9). They are global (ARN account "aws") and read-only.

export interface AwsManagedPolicy {
  name: string;
  arn: string;
  id: string;
  description: string;
  versionId: string;
  createDate: string;
  updateDate: string;
  /** Canonical JSON document. */
  document: string;
}

const doc = (statements: unknown[]): string =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });

const allow = (action: string | string[], extra: Record<string, unknown> = {}) => ({
  Effect: 'Allow',
  Action: action,
  Resource: '*',
  ...extra,
});

const defs: Omit<AwsManagedPolicy, 'arn'>[] = [
  {
    name: 'AdministratorAccess',
    id: 'ANPAIWMBCKSKIEE64ZLYK',
    description: 'Provides full access to AWS services and resources.',
    versionId: 'v1',
    createDate: '2015-02-06T18:39:46Z',
    updateDate: '2015-02-06T18:39:46Z',
    document: doc([allow('*')]),
  },
  {
    // The real document lists ~2,400 read actions of every AWS service; this is the part of
    // it that concerns the services the mock serves, in the same wildcard style.
    name: 'ReadOnlyAccess',
    id: 'ANPAILL3HVNFSB6DCOWYQ',
    description: 'Provides read-only access to AWS services and resources.',
    versionId: 'v128',
    createDate: '2015-02-06T18:39:48Z',
    updateDate: '2025-01-23T17:47:03Z',
    document: doc([
      allow([
        'ec2:Describe*',
        'ec2:Get*',
        'ec2:List*',
        'ec2:SearchLocalGatewayRoutes',
        'ec2:SearchTransitGatewayRoutes',
        'iam:Generate*',
        'iam:Get*',
        'iam:List*',
        'iam:Simulate*',
        's3:DescribeJob',
        's3:DescribeMultiRegionAccessPointOperation',
        's3:Get*',
        's3:List*',
        'sts:GetAccessKeyInfo',
        'sts:GetCallerIdentity',
        'sts:GetSessionToken',
      ]),
    ]),
  },
  {
    name: 'IAMReadOnlyAccess',
    id: 'ANPAJKSO7NDY4T57MWDSQ',
    description: 'Provides read only access to IAM via the AWS Management Console.',
    versionId: 'v4',
    createDate: '2015-02-06T18:40:39Z',
    updateDate: '2018-01-25T19:11:27Z',
    document: doc([
      allow([
        'iam:GenerateCredentialReport',
        'iam:GenerateServiceLastAccessedDetails',
        'iam:Get*',
        'iam:List*',
        'iam:SimulateCustomPolicy',
        'iam:SimulatePrincipalPolicy',
      ]),
    ]),
  },
  {
    name: 'IAMFullAccess',
    id: 'ANPAI7XKCFMBPM3QQRRVQ',
    description: 'Provides full access to IAM via the AWS Management Console.',
    versionId: 'v2',
    createDate: '2015-02-06T18:40:38Z',
    updateDate: '2019-06-21T19:40:00Z',
    document: doc([
      allow([
        'iam:*',
        'organizations:DescribeAccount',
        'organizations:DescribeOrganization',
        'organizations:DescribeOrganizationalUnit',
        'organizations:DescribePolicy',
        'organizations:ListChildren',
        'organizations:ListParents',
        'organizations:ListPoliciesForTarget',
        'organizations:ListRoots',
        'organizations:ListPolicies',
        'organizations:ListTargetsForPolicy',
      ]),
    ]),
  },
  {
    name: 'AmazonEC2FullAccess',
    id: 'ANPAI3VAJF5ZCRZ7MCQE6',
    description: 'Provides full access to Amazon EC2 via the AWS Management Console.',
    versionId: 'v5',
    createDate: '2015-02-06T18:40:15Z',
    updateDate: '2018-11-27T02:16:56Z',
    document: doc([
      allow('ec2:*'),
      allow('elasticloadbalancing:*'),
      allow('cloudwatch:*'),
      allow('autoscaling:*'),
      allow('iam:CreateServiceLinkedRole', {
        Condition: {
          StringEquals: {
            'iam:AWSServiceName': [
              'autoscaling.amazonaws.com',
              'ec2scheduled.amazonaws.com',
              'elasticloadbalancing.amazonaws.com',
              'spot.amazonaws.com',
              'spotfleet.amazonaws.com',
              'transitgateway.amazonaws.com',
            ],
          },
        },
      }),
    ]),
  },
  {
    name: 'AmazonEC2ReadOnlyAccess',
    id: 'ANPAIGDT4SV4GSETWTBZK',
    description: 'Provides read only access to Amazon EC2 via the AWS Management Console.',
    versionId: 'v3',
    createDate: '2015-02-06T18:40:17Z',
    updateDate: '2024-12-27T18:00:00Z',
    document: doc([
      allow(['ec2:Describe*', 'ec2:GetSecurityGroupsForVpc']),
      allow('elasticloadbalancing:Describe*'),
      allow(['cloudwatch:ListMetrics', 'cloudwatch:GetMetricStatistics', 'cloudwatch:Describe*']),
      allow('autoscaling:Describe*'),
    ]),
  },
  {
    name: 'AmazonS3FullAccess',
    id: 'ANPAIFIR6V6BVTRAHWINE',
    description: 'Provides full access to all buckets via the AWS Management Console.',
    versionId: 'v2',
    createDate: '2015-02-06T18:40:58Z',
    updateDate: '2021-09-27T20:16:37Z',
    document: doc([allow(['s3:*', 's3-object-lambda:*'])]),
  },
  {
    name: 'AmazonS3ReadOnlyAccess',
    id: 'ANPAIZTJ4DXE7G6AGAE6M',
    description: 'Provides read only access to all buckets via the AWS Management Console.',
    versionId: 'v3',
    createDate: '2015-02-06T18:40:59Z',
    updateDate: '2023-08-10T21:31:39Z',
    document: doc([
      allow([
        's3:Get*',
        's3:List*',
        's3:Describe*',
        's3-object-lambda:Get*',
        's3-object-lambda:List*',
      ]),
    ]),
  },
];

export const awsManagedPolicies: readonly AwsManagedPolicy[] = defs.map((d) => ({
  ...d,
  arn: `arn:aws:iam::aws:policy/${d.name}`,
}));

const byArn = new Map(awsManagedPolicies.map((p) => [p.arn, p]));

export function awsManagedPolicy(arn: string): AwsManagedPolicy | undefined {
  return byArn.get(arn);
}

export const isAwsManagedArn = (arn: string): boolean => arn.startsWith('arn:aws:iam::aws:policy/');
