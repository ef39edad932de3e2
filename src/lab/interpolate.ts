// Fill `${...}` references from a run's variables. The runner calls this just before an
// action runs; parseLab has already checked statically that every name will be defined.
import { didYouMean } from './suggest.js';
import { parseTemplate, type VarRef } from './template.js';
import { LabError, type Pos } from './types.js';

export type Scope = Readonly<Record<string, unknown>>;

/** Replace references in every string of `value`, deeply (objects and arrays; keys are left
 * alone). A string that is exactly one `${x}` becomes x's value with its type (a number, an
 * object); elsewhere a reference must be text, a number, a boolean or a date. `$${` is a literal `${`.
 * Throws LabError at `pos` for an undefined or unusable reference. */
export function interpolate<T>(value: T, scope: Scope, pos: Pos): T {
  return fill(value, scope, pos) as T;
}

function fill(value: unknown, scope: Scope, pos: Pos): unknown {
  if (typeof value === 'string') return fillString(value, scope, pos);
  if (Array.isArray(value)) return value.map((v) => fill(v, scope, pos));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = fill(v, scope, pos);
    return out;
  }
  return value;
}

function fillString(s: string, scope: Scope, pos: Pos): unknown {
  if (!s.includes('$')) return s;
  const t = parseTemplate(s);
  if (t.error) throw new LabError(pos, t.error);
  const only = t.parts.length === 1 ? t.parts[0] : undefined;
  if (only !== undefined && typeof only !== 'string') return lookup(only, scope, pos);
  return t.parts
    .map((p) => {
      if (typeof p === 'string') return p;
      const v = lookup(p, scope, pos);
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
      if (v instanceof Date) return v.toISOString();
      // Never stringify an object into text: it may be a set of credentials.
      const fields = v && typeof v === 'object' ? Object.keys(v).slice(0, 4) : [];
      const sample = fields.length ? ` like \${${p.path.join('.')}.${fields[0]}}` : '';
      throw new LabError(pos, `${p.text} is ${describe(v)}, not text: use one of its fields${sample}`);
    })
    .join('');
}

/** The value a reference names; LabError when any segment is missing. */
export function lookup(ref: VarRef, scope: Scope, pos: Pos): unknown {
  let cur: unknown = scope;
  for (let i = 0; i < ref.path.length; i++) {
    const seg = ref.path[i]!;
    const next = child(cur, seg);
    if (next === undefined) {
      if (i === 0) {
        throw new LabError(pos, `undefined variable ${ref.text}${didYouMean(seg, Object.keys(scope), (s) => `\${${s}}`)}`);
      }
      const have = cur && typeof cur === 'object' ? Object.keys(cur) : [];
      const known = have.length ? ` (it has: ${have.slice(0, 8).join(', ')})` : ` (it is ${describe(cur)})`;
      throw new LabError(pos, `undefined variable ${ref.text}: ${ref.path.slice(0, i).join('.')} has no ${seg}${known}`);
    }
    cur = next;
  }
  return cur;
}

function child(v: unknown, seg: string): unknown {
  if (Array.isArray(v)) return /^\d+$/.test(seg) ? v[Number(seg)] : undefined;
  if (v !== null && typeof v === 'object' && Object.prototype.hasOwnProperty.call(v, seg)) {
    return (v as Record<string, unknown>)[seg];
  }
  return undefined;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Date) return 'a date';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
