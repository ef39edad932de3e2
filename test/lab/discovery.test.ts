import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { langCandidates, labNameParts, listLabs, resolveLab } from '../../src/lab/index.js';
import { FIXTURES } from './helpers.js';

const dir = join(FIXTURES, 'labs');

test('listLabs groups translations by id and skips README.md and non-Markdown', () => {
  assert.deepEqual(listLabs(dir), [
    { id: 'alpha', file: join(dir, 'alpha.md'), files: { en: join(dir, 'alpha.md'), ko: join(dir, 'alpha.ko.md') } },
    { id: 'beta', file: join(dir, 'beta.md'), files: { en: join(dir, 'beta.md') } },
    { id: 'gamma', file: join(dir, 'gamma.pt-BR.md'), files: { 'pt-BR': join(dir, 'gamma.pt-BR.md') } },
  ]);
  assert.deepEqual(listLabs(join(dir, 'no-such-dir')), []);
});

test('resolveLab: by name with language fallback, or by path', () => {
  const cases: Array<[string, string | undefined, string | undefined]> = [
    ['alpha', undefined, 'alpha.md'],
    ['alpha', 'ko', 'alpha.ko.md'],
    ['alpha', 'ko_KR.UTF-8', 'alpha.ko.md'],
    ['alpha', 'ja', 'alpha.md'],
    ['alpha', 'en', 'alpha.md'],
    ['gamma', 'pt-BR', 'gamma.pt-BR.md'],
    ['gamma', 'ja', 'gamma.pt-BR.md'],
    ['delta', undefined, undefined],
  ];
  for (const [name, lang, want] of cases) {
    assert.equal(resolveLab(name, { dir, lang }), want && join(dir, want), `${name} ${lang}`);
  }
  const path = join(dir, 'beta.md');
  assert.equal(resolveLab(path, { dir: '/nowhere', lang: 'ko' }), path);
  assert.equal(resolveLab(join(dir, 'nope.md'), { dir }), undefined);
});

test('labNameParts and langCandidates', () => {
  assert.deepEqual(labNameParts('labs/cross-account.md'), { id: 'cross-account' });
  assert.deepEqual(labNameParts('labs/cross-account.ko.md'), { id: 'cross-account', lang: 'ko' });
  assert.deepEqual(labNameParts('x/s3.bucket-policy.pt-BR.md'), { id: 's3.bucket-policy', lang: 'pt-BR' });
  assert.deepEqual(labNameParts('my.lab.md'), { id: 'my.lab' });
  assert.deepEqual(langCandidates('pt-BR'), ['pt-BR', 'pt', 'en']);
  assert.deepEqual(langCandidates(undefined), ['en']);
});
