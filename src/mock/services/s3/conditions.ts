// Conditional requests (If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since; RFC 9110
// §13.2.2 order) and byte ranges (`Range: bytes=...`) for GetObject/HeadObject.
import { AwsError } from '../../types.js';
import type { ObjectRecord } from './state.js';

export function etagMatches(header: string, etag: string): boolean {
  return header.split(',').some((t) => {
    const tag = t.trim().replace(/^W\//, '');
    return tag === '*' || tag === etag || `"${tag}"` === etag;
  });
}

/** HTTP dates have whole seconds: compare at that precision. */
export function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}

export function httpDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : seconds(t);
}

export const preconditionFailed = (condition: string) =>
  new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: condition });

const notModified = () => new AwsError('NotModified', 'Not Modified', 304);

export function checkConditions(headers: Record<string, string>, obj: ObjectRecord): void {
  const modified = seconds(Date.parse(obj.lastModified));
  const ifMatch = headers['if-match'];
  const ifNoneMatch = headers['if-none-match'];
  if (ifMatch !== undefined) {
    if (!etagMatches(ifMatch, obj.etag)) throw preconditionFailed('If-Match');
  } else {
    const since = httpDate(headers['if-unmodified-since']);
    if (since !== undefined && modified > since) throw preconditionFailed('If-Unmodified-Since');
  }
  if (ifNoneMatch !== undefined) {
    if (etagMatches(ifNoneMatch, obj.etag)) throw notModified();
  } else {
    const since = httpDate(headers['if-modified-since']);
    if (since !== undefined && modified <= since) throw notModified();
  }
}

export interface ByteRange {
  start: number;
  end: number;
}

/** A single `bytes=` range, clamped to the object; undefined when absent or not of a form S3
 * honours (S3 then returns the whole object); InvalidRange (416) when unsatisfiable. */
export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) throw invalidRange(header, size);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== '' && Number(m[2]) < start) return undefined;
  }
  if (start >= size || size === 0) throw invalidRange(header, size);
  return { start, end };
}

function invalidRange(header: string, size: number): AwsError {
  return new AwsError('InvalidRange', 'The requested range is not satisfiable', 416, {
    RangeRequested: header,
    ActualObjectSize: String(size),
  });
}
