// A lab file -> Lab, with every problem of the file reported as `file:line: message`.
import { readFileSync } from 'node:fs';
import { parseAction, type ParsedAction } from './action.js';
import { labNameParts } from './discovery.js';
import { parseFrontMatter, splitFrontMatter } from './front-matter.js';
import { outline, slice, type RawStep } from './outline.js';
import { Problems } from './problems.js';
import { parseQuiz } from './quiz.js';
import { ScopeChecker } from './scope-check.js';
import type { Lab, LabError, Quiz, Step } from './types.js';

export interface ParseOptions {
  /** Defaults to the file name without `.md` (and without a `.<lang>` suffix). */
  id?: string;
  /** Defaults to the `.<lang>` of the file name, else the front matter's `lang:`. */
  lang?: string;
}

/** `lab` is present only when `errors` is empty. */
export interface ParseResult {
  lab?: Lab;
  errors: LabError[];
}

export function parseLab(source: string, file: string, opts: ParseOptions = {}): ParseResult {
  const problems = new Problems(file);
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const fm = splitFrontMatter(lines, problems);
  const meta = fm.yaml !== undefined ? parseFrontMatter(fm.yaml, problems) : undefined;

  // Blank the front matter rather than cut it, so markdown-it's line numbers are file lines.
  const body = lines.map((l, i) => (i < fm.lines ? '' : l));
  const doc = outline(body.join('\n'), lines.length);
  for (const f of doc.strayActions) {
    problems.add(f.line, 'action block outside any step: put it under a ## heading');
  }
  for (const f of doc.strayQuizzes) {
    problems.add(f.line, 'quiz block outside any step: put it under a ## heading (it is asked when that step begins)');
  }
  for (const f of doc.ambiguous) {
    problems.add(f.line, 'a block is an action (```yaml lab) or a quiz (```yaml quiz), not both');
  }
  if (doc.steps.length === 0) {
    problems.add(fm.lines + 1, 'a lab needs at least one step: a ## heading with the actions under it');
  }

  const parsed = doc.steps.map((s) => s.actions.map((f) => parseAction(f, problems)));
  const quizzes = doc.steps.map((s) => parseQuizzes(s, problems));
  if (meta) {
    const scope = new ScopeChecker(meta.accounts, parsed.flat(), problems);
    for (const p of parsed.flat()) scope.check(p);
  }

  const name = labNameParts(file);
  const lang = opts.lang ?? name.lang ?? meta?.lang;
  if (meta?.lang && name.lang && meta.lang !== name.lang) {
    problems.add(2, `the front matter says lang: ${meta.lang} but the file name says .${name.lang}.md`);
  }
  if (problems.count > 0 || !meta) return { errors: problems.sorted() };

  const introCuts = doc.title ? [doc.title] : [];
  const lab: Lab = {
    id: opts.id ?? name.id,
    file,
    meta,
    intro: slice(body, doc.intro, introCuts).filter(Boolean).join('\n\n'),
    // Without errors every quiz block was readable, so the lists are complete.
    steps: doc.steps.map((s, i) => buildStep(s, parsed[i]!, quizzes[i] as Quiz[], body, file)),
  };
  if (lang !== undefined) lab.lang = lang;
  return { lab, errors: [] };
}

/** A guided run asks a step's quizzes when the step begins, before its actions run; a quiz
 * written below an action would ask about something that has not happened yet. */
function parseQuizzes(raw: RawStep, problems: Problems): Array<Quiz | undefined> {
  const firstAction = raw.actions[0]?.line ?? Infinity;
  return raw.quizzes.map((f) => {
    if (f.line > firstAction) {
      problems.add(
        f.line,
        `a quiz is asked when its step begins, before the step's actions: move it above the action at line ${firstAction}, or into a step of its own after this one (a ## heading with no actions) to ask about what the actions showed`,
      );
    }
    return parseQuiz(f, problems);
  });
}

function buildStep(raw: RawStep, parsed: ParsedAction[], quizzes: Quiz[], lines: string[], file: string): Step {
  const blocks = [
    ...raw.actions.map((f, index) => ({ kind: 'action' as const, index, range: f.range })),
    ...raw.quizzes.map((f, index) => ({ kind: 'quiz' as const, index, range: f.range })),
  ].sort((a, b) => a.range[0] - b.range[0]);
  const pieces = slice(lines, raw.body, blocks.map((b) => b.range));
  const segments: NonNullable<Step['segments']> = [];
  pieces.forEach((text, i) => {
    if (text) segments.push({ kind: 'prose', text });
    const b = blocks[i];
    if (b) segments.push({ kind: b.kind, index: b.index });
  });
  const step: Step = {
    title: raw.title,
    pos: { file, line: raw.line },
    prose: pieces.filter(Boolean).join('\n\n'),
    // parseLab returns a Lab only without errors, and then every block was readable.
    actions: parsed.map((p) => p.action!),
    segments,
  };
  if (quizzes.length) step.quizzes = quizzes;
  return step;
}

/** Reads and parses a lab file; an unreadable file is an error at line 1. */
export function parseLabFile(file: string, opts: ParseOptions = {}): ParseResult {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (e) {
    const problems = new Problems(file);
    problems.add(1, `cannot read the lab file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    return { errors: problems.sorted() };
  }
  return parseLab(source, file, opts);
}
