// renderXml's direct path writes exactly what fast-xml-parser's builder writes for the same
// document (it exists only to be faster), and hands anything it does not handle to the
// builder. Hand-picked shapes of IAM/STS answers, then seeded random documents.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { queryResponse } from '../../src/mock/protocols/query.js';
import { prng } from './helpers.js';
import { renderXml, renderXmlByBuilder, type XmlObject, type XmlValue } from '../../src/mock/protocols/xml.js';

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

const shapes: Array<[string, XmlObject]> = [
  ['an AssumeRole answer', {
    AssumeRoleResponse: {
      '@_xmlns': NS,
      AssumeRoleResult: {
        Credentials: { AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'abc/def+ghi', SessionToken: 'IQoJ==', Expiration: '2026-11-23T15:00:00Z' },
        AssumedRoleUser: { AssumedRoleId: 'AROAEXAMPLE:s', Arn: 'arn:aws:sts::222222222222:assumed-role/r/s' },
        PackedPolicySize: 6,
        SourceIdentity: undefined,
      },
      ResponseMetadata: { RequestId: 'c0ffee00-0000-4000-8000-000000000000' },
    },
  }],
  ['a list of members with nested objects and booleans', {
    ListUsersResponse: {
      '@_xmlns': NS,
      ListUsersResult: { Users: { member: [{ UserName: 'a', Path: '/' }, { UserName: 'b & <c>', Tags: '' }] }, IsTruncated: false },
    },
  }],
  ['text needing escapes and invalid characters', { E: { M: `it's "quoted" & <tagged> \u0001 ok`, N: -0, Z: 0 } }],
  ['an empty object and an empty string', { R: { Empty: {}, Blank: '', Null: null } }],
  ['a Date value', { R: { At: new Date(Date.UTC(2026, 10, 23, 1, 2, 3, 4)) } }],
  ['an attribute valued true (the builder writes it bare)', { R: { '@_flag': true, X: '1' } }],
  ['an attribute with a number', { R: { '@_n': 3, X: '1' } }],
  ['a text node key', { R: { '#text': 'x' } }],
  ['nested arrays', { R: { A: [['x', 'y'], 'z'] as XmlValue } }],
  ['a non-finite number', { R: { N: Number.NaN, I: Infinity } }],
];

function randomDoc(next: () => number, depth = 0): XmlObject {
  const pick = <T>(xs: T[]): T => xs[Math.floor(next() * xs.length)]!;
  const names = ['Arn', 'member', 'Tags', 'Key', 'Value', 'a.b', 'x-y', '_z', '@_attr', '@_xmlns', '#text', '1bad'];
  const texts = ['', 'plain', 'a&b', '<x>', `q'"`, '\u0000\u0008', 'ünï', '\uD800', '  spaced  ', 'true'];
  const value = (d: number): XmlValue => {
    const r = next();
    if (r < 0.35) return pick(texts);
    if (r < 0.45) return pick([0, 1, -1, 2.5, -0, Number.NaN]);
    if (r < 0.5) return pick([true, false]);
    if (r < 0.55) return pick([undefined, null]);
    if (r < 0.7 && d < 3) return Array.from({ length: Math.floor(next() * 3) }, () => value(d + 1));
    return d < 3 ? randomDoc(next, d + 1) : 'leaf';
  };
  const out: XmlObject = {};
  for (let i = 0, n = Math.floor(next() * 4) + (depth ? 0 : 1); i < n; i++) out[pick(names)] = value(depth);
  return out;
}

function outcome(render: () => string): string {
  try {
    return render();
  } catch (err) {
    return `throws ${(err as Error).name}`;
  }
}

describe('renderXml', () => {
  for (const [what, doc] of shapes) {
    it(`writes what the builder writes: ${what}`, () => {
      assert.equal(renderXml(doc), renderXmlByBuilder(doc));
    });
  }

  it('writes what the builder writes for 3,000 random documents', () => {
    const next = prng(20261123);
    for (let i = 0; i < 3000; i++) {
      const doc = { Root: randomDoc(next) };
      // Some odd documents (a number under '#text') make the builder itself throw; the
      // direct path must then have passed them on to it rather than written something.
      assert.equal(outcome(() => renderXml(doc)), outcome(() => renderXmlByBuilder(doc)), `document ${i}: ${JSON.stringify(doc)}`);
    }
  });

  it('starts with the XML declaration and escapes markup in values', () => {
    const xml = renderXml({ R: { M: '<script>&' } });
    assert.equal(xml, '<R><M>&lt;script&gt;&amp;</M></R>');
  });
});

describe('queryResponse', () => {
  const requestId = 'c0ffee00-0000-4000-8000-000000000000';
  const results: Array<XmlObject | undefined> = [
    undefined,
    {},
    (shapes[0]![1].AssumeRoleResponse as XmlObject).AssumeRoleResult as XmlObject,
    { Users: { member: [{ UserName: 'a&b' }] }, IsTruncated: true, Marker: undefined },
    { '#text': 'odd', A: '1' },
  ];
  for (const [i, result] of results.entries()) {
    it(`writes the envelope the builder writes around result ${i}`, () => {
      const doc: XmlObject = { '@_xmlns': NS };
      if (result) doc.GetThingResult = result;
      doc.ResponseMetadata = { RequestId: requestId };
      const reply = queryResponse('GetThing', NS, result, requestId);
      assert.equal(reply.body, renderXmlByBuilder({ GetThingResponse: doc }));
      assert.equal(reply.status, 200);
      assert.deepEqual(reply.headers, { 'content-type': 'text/xml' });
    });
  }
});
