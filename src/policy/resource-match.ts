// Matching of Resource / NotResource entries against the request's resource ARN.
//
// IAM User Guide, "IAM JSON policy elements: Resource > Using wildcards in resource ARNs":
// `*` and `?` work within the segments of an ARN (the parts separated by colons); a `*` that
// is the last character of a segment may expand beyond the colon boundaries. Matching is
// case-sensitive. So `*` mid-segment is `[^:]*`, `*` before a `:` or at the end is `.*`, and
// `?` is one non-colon character.
import { escapeRegex, hasWildcard } from './wildcard.js';
import { parseTemplate, renderTemplate, type KeyLookup, type TemplatePart } from './variables.js';

/** True/false, or undefined when a policy variable in the entry cannot be resolved — which
 * IAM UG ("Principal key values": "any attempt to match it fails and causes the statement to
 * be invalid") treats as the whole statement not applying, even under NotResource. */
export type ResourceMatcher = (
  resource: string,
  lookup: KeyLookup,
  onMissing?: (name: string) => void,
) => boolean | undefined;

/** Regex source for an ARN pattern fragment. `endsPattern`: nothing follows this fragment,
 * so a final `*` is the last character of its segment. */
export function arnGlobSource(text: string, endsPattern: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '*') {
      const next = text[i + 1];
      const lastOfSegment = next === ':' || (next === undefined && endsPattern);
      out += lastOfSegment ? '.*' : '[^:]*';
    } else if (ch === '?') out += '[^:]';
    else out += escapeRegex(ch);
  }
  return out;
}

const CACHE_LIMIT = 256;

function compileStatic(pattern: string): ResourceMatcher {
  if (pattern === '*') return () => true;
  if (!hasWildcard(pattern)) return (r) => r === pattern;
  if (pattern.indexOf('*') === pattern.length - 1 && !pattern.includes('?')) {
    const prefix = pattern.slice(0, -1);
    return (r) => r.startsWith(prefix);
  }
  const re = new RegExp(`^${arnGlobSource(pattern, true)}$`, 's');
  return (r) => re.test(r);
}

function compileTemplate(parts: TemplatePart[]): ResourceMatcher {
  // Regexes for the variable values seen so far; bounded so a long-running mock with many
  // users does not grow without end.
  const cache = new Map<string, RegExp>();
  return (resource, lookup, onMissing) => {
    const source = renderTemplate(parts, lookup, arnGlobSource, escapeRegex, onMissing);
    if (source === undefined) return undefined;
    let re = cache.get(source);
    if (!re) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      re = new RegExp(`^${source}$`, 's');
      cache.set(source, re);
    }
    return re.test(resource);
  };
}

/** Compiles one Resource entry. Variables are only expanded when the document's Version is
 * 2012-10-17 (otherwise `${...}` is plain text, as IAM documents). */
export function compileResource(pattern: string, variables: boolean): ResourceMatcher {
  const parts = variables ? parseTemplate(pattern) : undefined;
  return parts ? compileTemplate(parts) : compileStatic(pattern);
}
