// Glob matching for the policy language: `*` (any run of characters) and `?` (one character).
// Patterns are compiled once into the cheapest test that decides them, because matching runs
// for every statement of every request.

export type Matcher = (value: string) => boolean;

const REGEX_SPECIALS = /[\\^$.|+()[\]{}*?]/g;

export function escapeRegex(text: string): string {
  return text.replace(REGEX_SPECIALS, '\\$&');
}

export function hasWildcard(pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?');
}

/** Regex source for a glob where `*` and `?` may match any character. */
export function globSource(pattern: string): string {
  let out = '';
  for (const ch of pattern) {
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else out += escapeRegex(ch);
  }
  return out;
}

const alwaysTrue: Matcher = () => true;

/** A matcher for a glob over the whole value. With `ignoreCase`, callers compare values they
 * have lower-cased themselves; the pattern is lower-cased here. */
export function compileGlob(pattern: string, ignoreCase = false): Matcher {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  if (p === '*') return alwaysTrue;
  if (!hasWildcard(p)) return (v) => v === p;
  const star = p.indexOf('*');
  // "prefix*" is by far the most common shape (s3:Get*, arn:aws:s3:::bucket/*).
  if (star === p.length - 1 && !p.includes('?')) {
    const prefix = p.slice(0, -1);
    return (v) => v.startsWith(prefix);
  }
  const re = new RegExp(`^${globSource(p)}$`, 's');
  return (v) => re.test(v);
}
