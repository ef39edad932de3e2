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

/** `<?xml ...?>` + the document for `{ Root: {...} }`. */
export function renderXml(doc: XmlObject): string {
  // Every IAM/STS answer is rendered here, so the common shapes take a direct path (about a
  // tenth of the builder's cost); anything unusual goes to the builder, which the direct
  // path reproduces byte for byte.
  const direct = writeDirect(doc);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${direct ?? builder.build(clean(doc))}`;
}

/** Plain element names: no text-node (#), processing (?), comment (!) or odd keys. */
const PLAIN_NAME = /^[A-Za-z_][\w.-]*$/;
const ENTITY = /[&<>'"]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;' };
/** Printable ASCII that needs no escaping: most values, checked without a unicode regex. */
const PLAIN_TEXT = /^[\x20\x21\x23-\x25\x28-\x3b\x3d\x3f-\x7e]*$/;
const escapeText = (s: string): string =>
  PLAIN_TEXT.test(s) ? s : s.replace(INVALID_XML, '\uFFFD').replace(ENTITY, (c) => ENTITIES[c]!);

/** The builder's output for documents of elements, `@_` attributes with scalar values,
 * scalars and arrays of non-arrays; undefined when the document holds anything else. */
function writeDirect(doc: XmlObject): string | undefined {
  const out: string[] = [];
  const scalar = (v: unknown): string | undefined =>
    typeof v === 'string' ? escapeText(v)
    : typeof v === 'number' ? (Number.isFinite(v) && !Object.is(v, -0) ? String(v) : undefined)
    : typeof v === 'boolean' ? String(v)
    : v instanceof Date ? v.toISOString()
    : undefined;
  const element = (name: string, v: XmlValue): boolean => {
    if (v === undefined || v === null) return true;
    if (!PLAIN_NAME.test(name)) return false;
    if (Array.isArray(v)) {
      for (const item of v) if (Array.isArray(item) || !element(name, item)) return false;
      return true;
    }
    if (typeof v !== 'object' || v instanceof Date) {
      const text = scalar(v);
      if (text === undefined) return false;
      out.push(`<${name}>${text}</${name}>`);
      return true;
    }
    let attrs = '';
    const children: Array<[string, XmlValue]> = [];
    for (const [k, c] of Object.entries(v)) {
      if (c === undefined || c === null) continue;
      if (k.startsWith('@_')) {
        const text = typeof c === 'object' ? undefined : scalar(c);
        // The builder writes an attribute valued "true" bare; leave that to it.
        if (text === undefined || text === 'true' || !PLAIN_NAME.test(k.slice(2))) return false;
        attrs += ` ${k.slice(2)}="${text}"`;
      } else children.push([k, c]);
    }
    out.push(`<${name}${attrs}>`);
    for (const [k, c] of children) if (!element(k, c)) return false;
    out.push(`</${name}>`);
    return true;
  };
  for (const [k, v] of Object.entries(doc)) if (!element(k, v)) return undefined;
  return out.join('');
}

/** A query-protocol list: `<Name><member>...</member>...</Name>`. */
export function members(items: XmlValue[]): XmlObject | string {
  return items.length ? { member: items } : '';
}
