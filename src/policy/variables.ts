// Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'default'}`, `${*}`) in
// Resource and condition values. A document is split once into literal text and variable
// references; values are filled in per request.
//
// IAM User Guide, "IAM policy elements: Variables and tags": variables are only recognised
// with "Version": "2012-10-17" (otherwise `${...}` is literal text); `${*}`, `${?}` and `${$}`
// stand for the literal characters; a default (`${key, 'value'}`) is used when the key is
// absent; without a default, an absent key makes the element that uses it not match.

/** Looks a condition key up (lower-cased) in the request; undefined when absent. */
export type KeyLookup = (lowerKey: string) => readonly string[] | undefined;

export interface VariableRef {
  /** Lower-cased key, for lookup. */
  key: string;
  /** As written, for explanations and missingContextKeys. */
  name: string;
  fallback?: string;
}

/** Literal text (which may still hold `*`/`?` wildcards) or a variable. A literal that came
 * from `${*}`-style escapes is marked so it is matched as plain text. */
export type TemplatePart = string | VariableRef | { literal: string };

const VAR_RE = /\$\{([^}]*)\}/g;
const ESCAPES: Record<string, string> = { '*': '*', '?': '?', $: '$' };
const DEFAULT_RE = /^(.*?)\s*,\s*'([^']*)'$/s;

/** Splits text into parts, or returns undefined when it holds no variable (the fast path). */
export function parseTemplate(text: string): TemplatePart[] | undefined {
  if (!text.includes('${')) return undefined;
  const parts: TemplatePart[] = [];
  let last = 0;
  let found = false;
  for (const m of text.matchAll(VAR_RE)) {
    const inner = m[1]!.trim();
    let part: TemplatePart;
    const escaped = ESCAPES[inner];
    if (escaped !== undefined) part = { literal: escaped };
    else {
      const withDefault = DEFAULT_RE.exec(inner);
      const name = (withDefault ? withDefault[1]! : inner).trim();
      if (!name || name.includes(' ')) continue; // not a variable: stays literal text
      part = withDefault
        ? { key: name.toLowerCase(), name, fallback: withDefault[2]! }
        : { key: name.toLowerCase(), name };
    }
    found = true;
    if (m.index! > last) parts.push(text.slice(last, m.index));
    parts.push(part);
    last = m.index! + m[0].length;
  }
  if (!found) return undefined;
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

export function isVariable(part: TemplatePart): part is VariableRef {
  return typeof part === 'object' && 'key' in part;
}

/** The value a variable takes in this request, or undefined when its key is absent (or
 * multi-valued: a variable stands for one string). `onMissing` records the key. */
export function variableValue(
  ref: VariableRef,
  lookup: KeyLookup,
  onMissing?: (name: string) => void,
): string | undefined {
  const values = lookup(ref.key);
  if (values && values.length === 1) return values[0];
  if (ref.fallback !== undefined) return ref.fallback;
  onMissing?.(ref.name);
  return undefined;
}

/**
 * Builds the text of a template for one request. Literal parts go through `literal` (e.g.
 * glob-to-regex; `isLast` when nothing follows), substituted values and escapes through `value` (so a `*` in a user name is
 * never a wildcard). Undefined when a variable's key is absent.
 */
export function renderTemplate(
  parts: readonly TemplatePart[],
  lookup: KeyLookup,
  literal: (text: string, isLast: boolean) => string,
  value: (text: string) => string,
  onMissing?: (name: string) => void,
): string | undefined {
  let out = '';
  const last = parts.length - 1;
  for (let i = 0; i <= last; i++) {
    const part = parts[i]!;
    if (typeof part === 'string') out += literal(part, i === last);
    else if ('literal' in part) out += value(part.literal);
    else {
      const v = variableValue(part, lookup, onMissing);
      if (v === undefined) return undefined;
      out += value(v);
    }
  }
  return out;
}
