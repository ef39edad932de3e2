// The `${name}` / `${a.b.c}` syntax of lab strings. `$${` is a literal `${` (shell commands
// in `run:` need it for `$${HOME}`-style variables; `$HOME` needs nothing).

export interface VarRef {
  /** Segments: `${learner.AccessKeyId}` -> ["learner", "AccessKeyId"]. */
  path: string[];
  /** The reference as written, `${learner.AccessKeyId}`. */
  text: string;
  /** Offset of the `$` in the string. */
  index: number;
}

export type TemplatePart = string | VarRef;

export interface Template {
  parts: TemplatePart[];
  error?: string;
}

// First segment a name; later ones names (account names may hold `-`) or list indexes.
const REF = /^[A-Za-z_][A-Za-z0-9_]*(?:\.(?:[A-Za-z_][A-Za-z0-9_-]*|\d+))*$/;

export function parseTemplate(s: string): Template {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('$${', i)) {
      text += '${';
      i += 3;
      continue;
    }
    if (!s.startsWith('${', i)) {
      text += s[i];
      i++;
      continue;
    }
    const end = s.indexOf('}', i + 2);
    if (end < 0) {
      return { parts, error: `unterminated \${ in "${s}" (write $\${ for a literal \${)` };
    }
    const inner = s.slice(i + 2, end);
    const written = s.slice(i, end + 1);
    if (!REF.test(inner)) {
      const fix = REF.test(inner.trim()) ? ` (write \${${inner.trim()}})` : ' (write $${ for a literal ${)';
      return {
        parts,
        error: `malformed variable ${written}: a name is letters, digits and _, with .field after it${fix}`,
      };
    }
    if (text) parts.push(text);
    text = '';
    parts.push({ path: inner.split('.'), text: written, index: i });
    i = end + 1;
  }
  if (text) parts.push(text);
  return { parts };
}

export function hasVariables(s: string): boolean {
  return parseTemplate(s).parts.some((p) => typeof p !== 'string');
}

/** The string with every reference replaced by `stand_in` and escapes resolved: what a
 * regex or a JMESPath looks like once filled in, for validating its syntax statically. */
export function withStandIns(s: string, standIn = 'x'): string {
  return parseTemplate(s)
    .parts.map((p) => (typeof p === 'string' ? p : standIn))
    .join('');
}
