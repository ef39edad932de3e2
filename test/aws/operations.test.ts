import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { isKnownOperation, knownOperations, parseCall, SERVICES, suggestOperations } from '../../src/aws/index.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('parseCall', () => {
  const cases: Array<[string, ReturnType<typeof parseCall>]> = [
    ['iam:CreateRole', { service: 'iam', operation: 'CreateRole' }],
    ['sts:AssumeRole', { service: 'sts', operation: 'AssumeRole' }],
    ['ec2:RunInstances', { service: 'ec2', operation: 'RunInstances' }],
    ['s3:PutObject', { service: 's3', operation: 'PutObject' }],
    ['s3:ListObjectsV2', { service: 's3', operation: 'ListObjectsV2' }],
    ['iam:createRole', { service: 'iam', operation: 'createRole' }], // syntax only
    ['lambda:Invoke', undefined],
    ['IAM:CreateRole', undefined],
    ['iam CreateRole', undefined],
    ['iam:', undefined],
    [':CreateRole', undefined],
    ['iam:Create-Role', undefined],
    ['iam:CreateRole:x', undefined],
    [' iam:CreateRole', undefined],
    ['', undefined],
  ];
  for (const [spec, expected] of cases) it(JSON.stringify(spec), () => assert.deepEqual(parseCall(spec), expected));
});

describe('isKnownOperation', () => {
  const cases: Array<[string, boolean]> = [
    ['iam:CreateRole', true],
    ['iam:AttachRolePolicy', true],
    ['sts:GetCallerIdentity', true],
    ['ec2:DescribeInstances', true],
    ['s3:PutBucketPolicy', true],
    ['s3:ListObjectsV2', true],
    ['iam:createRole', false],
    ['iam:CreateRoles', false],
    ['sts:CreateRole', false],
    ['s3:CreateRole', false],
    ['lambda:Invoke', false],
    ['iam', false],
  ];
  for (const [spec, expected] of cases) it(`${spec} -> ${expected}`, () => assert.equal(isKnownOperation(spec), expected));
});

describe('knownOperations', () => {
  it('lists each service and returns a copy', () => {
    const iam = knownOperations('iam');
    assert.ok(iam.includes('CreateRole') && iam.includes('DeleteRole'));
    iam.length = 0;
    assert.ok(knownOperations('iam').length > 100);
    assert.ok(knownOperations('sts').includes('AssumeRole'));
  });

  for (const service of SERVICES) {
    it(`${service}: matches the installed @aws-sdk/client-${service} command files`, () => {
      const dir = `${root}node_modules/@aws-sdk/client-${service}/dist-types/commands`;
      const installed = readdirSync(dir)
        .filter((f) => f.endsWith('Command.d.ts'))
        .map((f) => f.replace(/Command\.d\.ts$/, ''))
        .sort();
      assert.deepEqual(knownOperations(service), installed);
    });
  }

  it('the committed generated file is what the generator writes now', () => {
    // Exits non-zero (and execFileSync throws) when src/aws/operations.generated.ts is stale.
    execFileSync(process.execPath, [`${root}scripts/gen-operations.mjs`, '--check'], { stdio: 'pipe' });
  });
});

describe('suggestOperations', () => {
  const cases: Array<[string, string]> = [
    ['iam:CreateRoles', 'iam:CreateRole'],
    ['iam:createrole', 'iam:CreateRole'],
    ['sts:AsumeRole', 'sts:AssumeRole'],
    ['iam:AssumeRole', 'sts:AssumeRole'], // wrong service: searched everywhere
    ['s3:PutBuckePolicy', 's3:PutBucketPolicy'],
  ];
  for (const [typo, first] of cases) it(`${typo} -> ${first}`, () => assert.equal(suggestOperations(typo)[0], first));
  it('suggests nothing for a name far from every operation', () => assert.deepEqual(suggestOperations('iam:Xyzzy'), []));
});
