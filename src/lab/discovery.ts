// Where labs live: `labs/<id>.md` (English) and translations `labs/<id>.<lang>.md`.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** The language of a lab file without a `.<lang>` suffix. */
export const BASE_LANG = 'en';

const LANG = /^[a-z]{2}(?:-[A-Za-z0-9]{2,8})*$/;

/** `labs/cross-account.ko.md` -> { id: 'cross-account', lang: 'ko' }. */
export function labNameParts(file: string): { id: string; lang?: string } {
  const name = basename(file).replace(/\.md$/i, '');
  const dot = name.lastIndexOf('.');
  if (dot > 0 && LANG.test(name.slice(dot + 1))) return { id: name.slice(0, dot), lang: name.slice(dot + 1) };
  return { id: name };
}

export interface LabEntry {
  id: string;
  /** The English file, or the first translation when there is no English one. */
  file: string;
  /** Language -> file; `en` is `<id>.md`. */
  files: Record<string, string>;
}

/** The labs in a directory, by id. README.md (the authoring guide) is not a lab. */
export function listLabs(dir: string): LabEntry[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const byId = new Map<string, Record<string, string>>();
  for (const n of names.sort()) {
    if (!/\.md$/i.test(n) || /^readme(\.[a-z-]+)?\.md$/i.test(n)) continue;
    const path = join(dir, n);
    if (!statSync(path).isFile()) continue;
    const { id, lang } = labNameParts(n);
    const files = byId.get(id) ?? {};
    files[lang ?? BASE_LANG] = path;
    byId.set(id, files);
  }
  return [...byId]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, files]) => ({ id, files, file: files[BASE_LANG] ?? Object.values(files)[0]! }));
}

/** A lab file from a name (`cross-account`) or a path (`labs/x.md`, used as is). With a
 * language, `<id>.<lang>.md` is preferred (`pt-BR` falls back to `pt`), then English.
 * Undefined when there is no such lab. */
export function resolveLab(nameOrPath: string, opts: { dir: string; lang?: string }): string | undefined {
  if (/[\\/]/.test(nameOrPath) || /\.md$/i.test(nameOrPath)) {
    return existsSync(nameOrPath) && statSync(nameOrPath).isFile() ? nameOrPath : undefined;
  }
  const entry = listLabs(opts.dir).find((e) => e.id === nameOrPath);
  if (!entry) return undefined;
  for (const lang of langCandidates(opts.lang)) {
    const f = entry.files[lang];
    if (f) return f;
  }
  return entry.file;
}

/** `pt-BR` -> [pt-BR, pt, en]; a POSIX locale like `ko_KR.UTF-8` counts as `ko-KR`. */
export function langCandidates(lang: string | undefined): string[] {
  const out: string[] = [];
  if (lang) {
    const tag = lang.split('.')[0]!.replace(/_/g, '-');
    const parts = tag.split('-');
    for (let i = parts.length; i > 0; i--) out.push(i === 1 ? parts[0]!.toLowerCase() : parts.slice(0, i).join('-'));
  }
  out.push(BASE_LANG);
  return [...new Set(out)];
}
