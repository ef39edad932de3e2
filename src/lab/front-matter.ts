// The `---` block at the top of a lab file: title, summary, accounts, duration, lang, requires.
import type { Problems } from './problems.js';
import { FRONT_MATTER_KEYS, frontMatterSchema } from './schema.js';
import { closest } from './suggest.js';
import type { LabMeta } from './types.js';
import { YamlBlock } from './yaml-block.js';
import { reportIssues } from './zod-issues.js';

/** With no `accounts:`, a lab runs in one account with this name. */
export const DEFAULT_ACCOUNT = 'main';

export interface FrontMatterSplit {
  /** The YAML text between the fences, or undefined when the file has none. */
  yaml?: string;
  /** Number of lines the front matter occupies, fences included (0 when none). */
  lines: number;
}

/** Finds the front matter; `lines` counts the fences so the body keeps its file lines. */
export function splitFrontMatter(lines: readonly string[], problems: Problems): FrontMatterSplit {
  if (lines[0]?.trimEnd() !== '---') {
    problems.add(1, 'a lab starts with front matter: a line ---, then title: ..., then a line ---');
    return { lines: 0 };
  }
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i]!.trimEnd();
    if (l === '---' || l === '...') return { yaml: lines.slice(1, i).join('\n'), lines: i + 1 };
  }
  problems.add(1, 'the front matter is not closed: add a line --- after its last key');
  return { lines: 0 };
}

export function parseFrontMatter(yaml: string, problems: Problems): LabMeta | undefined {
  const block = new YamlBlock(yaml, 2);
  const syntax = block.problems();
  for (const p of syntax) problems.add(p.line, p.message);
  if (syntax.length) return undefined;
  const data: unknown = block.doc.toJS();
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    problems.add(2, 'the front matter must be a mapping of keys, starting with title: ...');
    return undefined;
  }
  const before = problems.count;
  // Lenient about new keys, strict about typos: `acounts:` must not silently mean [main].
  for (const key of Object.keys(data)) {
    if (FRONT_MATTER_KEYS.includes(key)) continue;
    const s = closest(key, FRONT_MATTER_KEYS);
    if (s) problems.add(block.lineOfPath([key], 1), `unknown front matter key ${key} (did you mean ${s}?)`);
  }
  const r = frontMatterSchema.safeParse(data, { reportInput: true });
  if (!r.success) {
    reportIssues(r.error.issues, {
      block,
      problems,
      base: [],
      fallbackLine: 1,
      allowedKeys: () => FRONT_MATTER_KEYS,
      where: () => 'the front matter',
    });
    return undefined;
  }
  const accounts = r.data.accounts ?? [DEFAULT_ACCOUNT];
  const seen = new Set<string>();
  accounts.forEach((a, i) => {
    if (seen.has(a)) problems.add(block.lineOfPath(['accounts', i], 2), `account ${a} is listed twice`);
    seen.add(a);
  });
  if (problems.count > before) return undefined;
  const meta: LabMeta = { title: r.data.title, accounts };
  if (r.data.summary !== undefined) meta.summary = r.data.summary;
  if (r.data.duration !== undefined) meta.duration = String(r.data.duration);
  if (r.data.lang !== undefined) meta.lang = r.data.lang;
  if (r.data.requires !== undefined) meta.requires = r.data.requires;
  return meta;
}
