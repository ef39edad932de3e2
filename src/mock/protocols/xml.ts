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
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(clean(doc))}`;
}

/** A query-protocol list: `<Name><member>...</member>...</Name>`. */
export function members(items: XmlValue[]): XmlObject | string {
  return items.length ? { member: items } : '';
}
