// The Markdown structure of a lab: intro, `##` steps, and the fenced blocks inside them.
// markdown-it decides what is a heading or a fence (so a `##` inside a code block is not a
// step); its token.map line ranges let us slice the author's own source for the prose.
import MarkdownIt from 'markdown-it';

export interface Fence {
  /** 1-based line of the opening fence. */
  line: number;
  /** 1-based line of the first content line. */
  contentLine: number;
  content: string;
  /** 0-based half-open line range of the whole block, fences included. */
  range: [number, number];
}

export interface RawStep {
  title: string;
  line: number;
  /** 0-based half-open range of the lines under the heading. */
  body: [number, number];
  actions: Fence[];
  quizzes: Fence[];
}

export interface Outline {
  /** 0-based ranges of the intro, and of the `#` title line(s) to leave out of it. */
  intro: [number, number];
  title?: [number, number];
  /** Action blocks before the first step: errors. */
  strayActions: Fence[];
  /** Quiz blocks before the first step: errors. */
  strayQuizzes: Fence[];
  /** Blocks whose info string says both `lab` and `quiz`: errors. */
  ambiguous: Fence[];
  steps: RawStep[];
}

const md = new MarkdownIt();

/** True when the info string has the word `lab`: ```yaml lab, ```lab. */
export function isActionInfo(info: string): boolean {
  return info.trim().split(/\s+/).includes('lab');
}

/** True when the info string has the word `quiz`: ```yaml quiz. */
export function isQuizInfo(info: string): boolean {
  return info.trim().split(/\s+/).includes('quiz');
}

/** `source` must have the front matter blanked (not removed) so lines keep their numbers. */
export function outline(source: string, lineCount: number): Outline {
  const tokens = md.parse(source, {});
  const out: Outline = { intro: [0, lineCount], strayActions: [], strayQuizzes: [], ambiguous: [], steps: [] };
  let current: RawStep | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'heading_open' && t.level === 0 && t.map) {
      if (t.tag === 'h2') {
        const title = tokens[i + 1]?.type === 'inline' ? tokens[i + 1]!.content.trim() : '';
        if (current) current.body[1] = t.map[0];
        else out.intro[1] = t.map[0];
        current = { title, line: t.map[0] + 1, body: [t.map[1], lineCount], actions: [], quizzes: [] };
        out.steps.push(current);
      } else if (t.tag === 'h1' && !current && !out.title) {
        out.title = [t.map[0], t.map[1]];
      }
    } else if (t.type === 'fence' && t.map && (isActionInfo(t.info) || isQuizInfo(t.info))) {
      const fence: Fence = {
        line: t.map[0] + 1,
        contentLine: t.map[0] + 2,
        content: t.content,
        range: [t.map[0], t.map[1]],
      };
      if (isActionInfo(t.info) && isQuizInfo(t.info)) out.ambiguous.push(fence);
      else if (isQuizInfo(t.info)) (current ? current.quizzes : out.strayQuizzes).push(fence);
      else (current ? current.actions : out.strayActions).push(fence);
    }
  }
  return out;
}

/** The source lines of a range minus some sub-ranges, as pieces split at each cut. */
export function slice(lines: readonly string[], range: [number, number], cuts: ReadonlyArray<[number, number]>): string[] {
  const pieces: string[] = [];
  let from = range[0];
  for (const [a, b] of [...cuts].sort((x, y) => x[0] - y[0])) {
    pieces.push(trimBlankLines(lines.slice(from, a)));
    from = Math.max(from, b);
  }
  pieces.push(trimBlankLines(lines.slice(from, range[1])));
  return pieces;
}

function trimBlankLines(ls: string[]): string {
  let a = 0;
  let b = ls.length;
  while (a < b && ls[a]!.trim() === '') a++;
  while (b > a && ls[b - 1]!.trim() === '') b--;
  return ls.slice(a, b).join('\n');
}
