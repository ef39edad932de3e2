// Render Markdown for a terminal by walking markdown-it's token stream: headings, emphasis,
// inline code, links, nested lists, code blocks, block quotes and tables, wrapped to the
// terminal's width. Containers (quotes, list items) are a stack of line prefixes, so nesting
// composes: a list inside a quote gets the bar and the bullet.
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { c, colorEnabled } from './colors.js';
import { renderTable, type Align } from './render-table.js';
import { stripAnsi, width, wrap } from './text-width.js';

let md: InstanceType<typeof MarkdownIt> | undefined;

/** Narrower than this, wrapping makes things worse than letting the terminal fold lines. */
const MIN_WIDTH = 24;

interface Container {
  /** Prefix of the container's first line (a bullet), then of the others. */
  first: string;
  rest: string;
  used: boolean;
  /** A block quote: its bar continues through blank lines. */
  quote?: boolean;
}

const BULLETS = ['•', '◦', '▪'];

export function renderMarkdown(source: string, cols = 80): string {
  md ??= new MarkdownIt({ html: false, linkify: false });
  const tokens = md.parse(source, {});
  const out: string[] = [];
  const stack: Container[] = [];
  const lists: Array<{ ordered: boolean; n: number; tight: boolean; pad: number }> = [];

  const prefix = () => {
    const p = stack.map((k) => (k.used ? k.rest : k.first)).join('');
    for (const k of stack) k.used = true;
    return p;
  };
  const room = () => Math.max(MIN_WIDTH, cols - width(stack.map((k) => k.rest).join('')));
  const line = (text: string) => out.push(prefix() + text);
  /** A blank line between blocks, drawn with the containers' bars so a quote stays whole. */
  const gap = () => {
    if (out.length === 0) return;
    const bars = stack.map((k) => (k.quote ? `${c.dim('│')} ` : ' '.repeat(width(k.rest)))).join('');
    const blank = stripAnsi(bars).trim() ? bars.trimEnd() : '';
    // Already a blank line: redraw it for the current nesting (a quote may just have ended).
    if (stripAnsi(out[out.length - 1]!).replace(/[│ ]/g, '') === '') out[out.length - 1] = blank;
    else out.push(blank);
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    switch (t.type) {
      case 'heading_open': {
        const text = inline(tokens[i + 1]!);
        gap();
        const lines = wrap(t.tag === 'h3' || t.tag > 'h3' ? c.bold(c.italic(text)) : c.bold(text), room());
        for (const l of lines) line(l);
        // A rule under the top two levels: they stand out even without colour.
        if (t.tag === 'h1' || t.tag === 'h2') line(c.dim((t.tag === 'h1' ? '═' : '─').repeat(Math.max(...lines.map(width)))));
        gap();
        i += 2;
        break;
      }
      case 'inline':
        for (const l of wrap(inline(t), room())) line(l);
        break;
      case 'paragraph_close':
        // Paragraphs of a tight list are hidden: items follow each other without a gap.
        if (!t.hidden) gap();
        break;
      case 'bullet_list_open':
      case 'ordered_list_open': {
        const ordered = t.type === 'ordered_list_open';
        const start = Number(t.attrGet('start') ?? 1);
        // Numbers right-aligned to the widest one, so item texts line up.
        const items = countItems(tokens, i);
        const pad = ordered ? String(start + items - 1).length + 2 : 2;
        lists.push({ ordered, n: start, tight: !!tokens[i + 2]?.hidden, pad });
        break;
      }
      case 'bullet_list_close':
      case 'ordered_list_close': {
        const l = lists.pop();
        // A tight list nested in an item runs on into the next item without a gap.
        if (lists.length === 0 || !l?.tight) gap();
        break;
      }
      case 'list_item_open': {
        const l = lists[lists.length - 1]!;
        const depth = lists.filter((x) => !x.ordered).length - 1;
        const mark = l.ordered ? `${String(l.n++)}.`.padStart(l.pad - 1) : BULLETS[depth % BULLETS.length]!;
        stack.push({ first: `${l.ordered ? mark : c.dim(mark)} `, rest: ' '.repeat(l.pad), used: false });
        break;
      }
      case 'list_item_close':
        stack.pop();
        break;
      case 'blockquote_open':
        gap();
        stack.push({ first: c.dim('│ '), rest: c.dim('│ '), used: false, quote: true });
        break;
      case 'blockquote_close':
        stack.pop();
        gap();
        break;
      case 'fence':
      case 'code_block': {
        // Code is shown as written (never re-wrapped: a command must stay copyable).
        const lang = t.info.trim().split(/\s+/)[0];
        if (lang) line(c.dim(lang));
        for (const l of t.content.replace(/\n$/, '').split('\n')) line(l.trim() ? `  ${c.cyan(l.trimEnd())}` : '');
        gap();
        break;
      }
      case 'hr':
        line(c.dim('─'.repeat(Math.min(room(), 60))));
        gap();
        break;
      case 'table_open': {
        const end = tokens.findIndex((x, j) => j > i && x.type === 'table_close');
        for (const l of renderTable(tableRows(tokens.slice(i, end)), room())) line(l);
        gap();
        i = end;
        break;
      }
    }
  }
  while (out.length && out[out.length - 1]!.trim() === '') out.pop();
  return out.join('\n');
}

function countItems(tokens: Token[], open: number): number {
  let n = 0;
  for (let j = open + 1, depth = 0; j < tokens.length; j++) {
    const t = tokens[j]!;
    if (t.type === 'list_item_open' && depth === 0) n++;
    if (t.nesting === 1) depth++;
    if (t.nesting === -1) {
      if (depth === 0) break;
      depth--;
    }
  }
  return n;
}

function tableRows(tokens: Token[]): { header: string[]; rows: string[][]; align: Align[] } {
  const header: string[] = [];
  const rows: string[][] = [];
  const align: Align[] = [];
  let inHead = false;
  let row: string[] | undefined;
  for (const t of tokens) {
    if (t.type === 'thead_open') inHead = true;
    else if (t.type === 'thead_close') inHead = false;
    else if (t.type === 'tr_open') row = [];
    else if (t.type === 'tr_close') {
      if (!inHead && row) rows.push(row);
      row = undefined;
    } else if (t.type === 'th_open' || t.type === 'td_open') {
      if (inHead) {
        const style = String(t.attrGet('style') ?? '');
        align.push(/right/.test(style) ? 'right' : /center/.test(style) ? 'center' : 'left');
      }
    } else if (t.type === 'inline') {
      if (inHead) header.push(inline(t));
      else row?.push(inline(t));
    }
  }
  return { header, rows, align };
}

/** One line of inline Markdown as styled text (newlines only for hard breaks). */
export function inline(t: Token): string {
  let s = '';
  const hrefs: Array<{ href: string; at: number }> = [];
  const styles: Array<{ kind: string; at: number }> = [];
  const close = (kind: string, style: (x: string) => string) => {
    const open = styles.pop();
    if (!open || open.kind !== kind) return;
    s = s.slice(0, open.at) + style(s.slice(open.at));
  };
  for (const ch of t.children ?? []) {
    switch (ch.type) {
      case 'text':
      case 'html_inline':
        s += ch.content;
        break;
      case 'code_inline':
        // Without colour, backticks are what tells code from prose.
        s += colorEnabled() ? c.cyan(ch.content) : `\`${ch.content}\``;
        break;
      case 'strong_open':
      case 'em_open':
      case 's_open':
        styles.push({ kind: ch.type.replace('_open', ''), at: s.length });
        break;
      case 'strong_close':
        close('strong', c.bold);
        break;
      case 'em_close':
        close('em', c.italic);
        break;
      case 's_close':
        close('s', c.dim);
        break;
      case 'link_open':
        hrefs.push({ href: String(ch.attrGet('href') ?? ''), at: s.length });
        break;
      case 'link_close': {
        const l = hrefs.pop();
        if (!l) break;
        const text = s.slice(l.at);
        // In-page anchors mean nothing in a terminal; a URL shown as its own text once.
        const show = l.href && !l.href.startsWith('#') && l.href !== text && `mailto:${text}` !== l.href;
        s = s.slice(0, l.at) + c.underline(text) + (show ? ` ${c.dim(`(${l.href})`)}` : '');
        break;
      }
      case 'image':
        s += `${ch.content || 'image'} ${c.dim(`(${String(ch.attrGet('src') ?? '')})`)}`;
        break;
      case 'softbreak':
        s += ' ';
        break;
      case 'hardbreak':
        s += '\n';
        break;
    }
  }
  return s;
}
