// XML rendering for the mock's responses, on fast-xml-parser's builder. Values are plain
// objects: arrays become repeated elements, `undefined` members are left out.
import { XMLBuilder } from 'fast-xml-parser';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
  format: false,
  processEntities: true,
});

// Characters XML 1.0 cannot carry even escaped; user input echoed in messages (ids, keys,
// tag values) may hold them, and one would make the whole answer unreadable to a client.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** The builder of the EC2 and S3 protocols: empty elements collapse to `<x/>`, and every
 * string value is scrubbed of characters XML cannot carry. */
export const compactBuilder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  processEntities: true,
  tagValueProcessor: (_name: string, value: unknown) => (typeof value === 'string' ? value.replace(INVALID_XML, '\uFFFD') : value),
});

export type XmlValue = string | number | boolean | Date | undefined | null | XmlObject | XmlValue[];
export interface XmlObject {
  [name: string]: XmlValue;
}

function clean(value: XmlValue): unknown {
  if (value === undefined || value === null) return undefined;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value.replace(INVALID_XML, '\uFFFD');
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(clean);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const c = clean(v);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

/** The document for `{ Root: {...} }` (or the elements of a fragment, for callers that write
 * the envelope around them), without an XML declaration: IAM and STS write none
 * (their answers begin with the root element, as captured from the real services in botocore
 * debug logs; aws-wire.md §2 and §5.1), where EC2 and S3 begin with `<?xml ...?>`. */
export function renderXml(doc: XmlObject): string {
  // Every IAM/STS answer is rendered here, so the common shapes take a direct path (about a
  // tenth of the builder's cost); anything unusual goes to the builder, which the direct
  // path reproduces byte for byte (test/mock/xml.test.ts).
  return writeDirect(doc) ?? builder.build(clean(doc));
}

/** renderXml's result through the builder alone: what the direct path must reproduce. */
export const renderXmlByBuilder = (doc: XmlObject): string => builder.build(clean(doc)) as string;

/** Plain element names: no text-node (#), processing (?), comment (!) or odd keys. */
const PLAIN_NAME = /^[A-Za-z_][\w.-]*$/;
const ENTITY = /[&<>'"]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;' };
/** Printable ASCII that needs no escaping: most values, checked without a unicode regex. */
const PLAIN_TEXT = /^[\x20\x21\x23-\x25\x28-\x3b\x3d\x3f-\x7e]*$/;
const escapeText = (s: string): string =>
  PLAIN_TEXT.test(s) ? s : s.replace(INVALID_XML, '\uFFFD').replace(ENTITY, (c) => ENTITIES[c]!);

/** The builder's output for documents of elements, `@_` attributes with scalar values,
 * scalars and arrays of non-arrays; undefined when the document holds anything else.
 * Plain string concatenation and for-in: this runs on every IAM and STS answer. */
function writeDirect(doc: XmlObject): string | undefined {
  let out = '';
  for (const k in doc) {
    const part = element(k, doc[k]);
    if (part === undefined) return undefined;
    out += part;
  }
  return out;
}

function scalar(v: unknown): string | undefined {
  return typeof v === 'string' ? escapeText(v)
    : typeof v === 'number' ? (Number.isFinite(v) && !Object.is(v, -0) ? String(v) : undefined)
    : typeof v === 'boolean' ? String(v)
    : v instanceof Date ? v.toISOString()
    : undefined;
}

/** One element (or, for an array, its repetitions); undefined: leave it to the builder. */
function element(name: string, v: XmlValue): string | undefined {
  if (v === undefined || v === null) return '';
  if (!PLAIN_NAME.test(name)) return undefined;
  if (Array.isArray(v)) {
    let out = '';
    for (const item of v) {
      const part = Array.isArray(item) ? undefined : element(name, item);
      if (part === undefined) return undefined;
      out += part;
    }
    return out;
  }
  if (typeof v !== 'object' || v instanceof Date) {
    const text = scalar(v);
    return text === undefined ? undefined : `<${name}>${text}</${name}>`;
  }
  let attrs = '';
  let children = '';
  for (const k in v) {
    const c = v[k];
    if (c === undefined || c === null) continue;
    if (k.charCodeAt(0) === 64 /* @ */ && k.startsWith('@_')) {
      const text = typeof c === 'object' ? undefined : scalar(c);
      // The builder writes an attribute valued "true" bare; leave that to it.
      if (text === undefined || text === 'true' || !PLAIN_NAME.test(k.slice(2))) return undefined;
      attrs += ` ${k.slice(2)}="${text}"`;
    } else {
      const part = element(k, c);
      if (part === undefined) return undefined;
      children += part;
    }
  }
  return `<${name}${attrs}>${children}</${name}>`;
}

/** A query-protocol list: `<Name><member>...</member>...</Name>`. */
export function members(items: XmlValue[]): XmlObject | string {
  return items.length ? { member: items } : '';
}
