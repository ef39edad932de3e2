import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkLab, parseLab, type Lab, type OperationCatalog } from '../../src/lab/index.js';
import { block, withHead } from './helpers.js';

const OPS: Record<string, string[]> = {
  iam: ['CreateRole', 'DeleteRole', 'CreateUser', 'DeleteUser'],
  sts: ['AssumeRole', 'GetCallerIdentity'],
};
const full: OperationCatalog = {
  isKnownOperation: (call) => {
    const [s, o] = call.split(':');
    return OPS[s!]?.includes(o!) ?? false;
  },
  // Throws for an unknown service, like a lookup table would: with knownServices given,
  // checkLab must not ask about one.
  knownOperations: (service) => {
    const ops = OPS[service];
    if (!ops) throw new Error(`asked about unknown service ${service}`);
    return ops.map((o) => `${service}:${o}`);
  },
  knownServices: () => Object.keys(OPS),
};
const bare: OperationCatalog = { isKnownOperation: full.isKnownOperation };

function lab(body: string): Lab {
  const r = parseLab(withHead(body), 'k.md');
  assert.deepEqual(r.errors.map(String), []);
  return r.lab!;
}

test('checkLab: unknown operations at the line of call:, with suggestions', () => {
  const l = lab(
    [
      block('as: a', 'call: iam:CreateRoel'),
      block('call: sts:AssumeRole'),
      block('call: iam:Frobnicate'),
      block('call: ima:CreateUser'),
      block('call: s3:CreateBucket', 'cleanup:', '  - call: iam:DeleteRoel', '  - call: sts:GetCallerIdentity'),
      block('run: aws iam create-role'),
    ].join('\n'),
  );
  const cases: Array<[string, OperationCatalog, string[]]> = [
    ['with a catalog', full, [
      'k.md:10: unknown operation iam:CreateRoel (did you mean iam:CreateRole?)',
      'k.md:16: unknown operation iam:Frobnicate',
      'k.md:19: unknown operation ima:CreateUser (did you mean iam:CreateUser?)',
      'k.md:22: unknown operation s3:CreateBucket (services: iam, sts)',
      'k.md:24: cleanup: unknown operation iam:DeleteRoel (did you mean iam:DeleteRole?)',
    ]],
    ['with only isKnownOperation', bare, [
      'k.md:10: unknown operation iam:CreateRoel',
      'k.md:16: unknown operation iam:Frobnicate',
      'k.md:19: unknown operation ima:CreateUser',
      'k.md:22: unknown operation s3:CreateBucket',
      'k.md:24: cleanup: unknown operation iam:DeleteRoel',
    ]],
  ];
  for (const [name, catalog, want] of cases) assert.deepEqual(checkLab(l, catalog).map(String), want, name);
});

test('checkLab: a lab with only known operations has no errors', () => {
  const l = lab(block('call: iam:CreateUser', 'cleanup:', '  - call: iam:DeleteUser'));
  assert.deepEqual(checkLab(l, full), []);
});
