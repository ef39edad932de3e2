// Expectation values: `/re/flags` is a regular expression; any other text is a substring
// (message, stdout, stderr) or an exact value (output).
import { withStandIns } from './template.js';
import type { Matcher } from './types.js';

// Flags restricted to JavaScript's, so a path like `/tmp/x` stays a substring.
const REGEX_LITERAL = /^\/(.+)\/([dgimsuyv]*)$/s;

export type MatcherResult = { matcher: Matcher } | { error: string };

export function regexLiteral(s: string): { source: string; flags: string } | undefined {
  const m = REGEX_LITERAL.exec(s);
  return m ? { source: m[1]!, flags: m[2]! } : undefined;
}

function regexMatcher(source: string, flags: string): MatcherResult {
  try {
    // References are filled in at run time; check the syntax with stand-ins.
    new RegExp(withStandIns(source), flags);
  } catch (e) {
    const why = (e as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '');
    return { error: `bad regular expression /${source}/${flags}: ${why}` };
  }
  return { matcher: { kind: 'regex', source, flags } };
}

/** For message, stdout and stderr. */
export function textMatcher(s: string): MatcherResult {
  const re = regexLiteral(s);
  return re ? regexMatcher(re.source, re.flags) : { matcher: { kind: 'substring', text: s } };
}

/** For output values: text that is a regex literal matches by regex, anything else must be
 * equal (deeply, for lists and mappings). */
export function valueMatcher(v: unknown): MatcherResult {
  const re = typeof v === 'string' ? regexLiteral(v) : undefined;
  return re ? regexMatcher(re.source, re.flags) : { matcher: { kind: 'equals', value: v } };
}
