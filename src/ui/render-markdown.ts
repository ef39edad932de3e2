// Render Markdown for a terminal by walking markdown-it's token stream: headings, emphasis,
// inline code, links, lists, code blocks, block quotes and tables, wrapped to the width.
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { c } from './colors.js';

let md: InstanceType<typeof MarkdownIt> | undefined;

export function renderMarkdown(source: string, width = 80): string {
  md ??= new MarkdownIt({ html: false, linkify: false });
  const tokens = md.parse(source, {});
  const out: string[] = [];
  const lists: Array<{ ordered: boolean; n: number }> = [];
  let indent = '';
  let quote = false;
  let bullet = '';
  let table: string[][] | undefined;
  let row: string[] | undefined;

  const emit = (text: string) => {
    const prefix = (quote ? c.dim('│ ') : '') + indent;
    const lines = wrap(text, Math.max(20, width - visible(prefix).length - bullet.length));
    lines.forEach((l, i) => out.push(prefix + (i === 0 ? bullet : ' '.repeat(visible(bullet).length)) + l));
    bullet = '';
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    switch (t.type) {
      case 'heading_open': {
        const text = inline(tokens[i + 1]!);
        out.push('');
        out.push(t.tag === 'h1' ? c.bold(text.toUpperCase()) : c.bold(text));
        i += 2;
        break;
      }
      case 'paragraph_open':
        break;
      case 'inline':
        if (row) row.push(inline(t));
        else emit(inline(t));
        break;
      case 'paragraph_close':
        if (!lists.length && !table) out.push('');
        break;
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: t.type === 'ordered_list_open', n: Number(t.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        if (!lists.length) out.push('');
        break;
      case 'list_item_open': {
        const l = lists[lists.length - 1]!;
        indent = '  '.repeat(lists.length - 1);
        bullet = l.ordered ? `${l.n++}. ` : '• ';
        break;
      }
      case 'list_item_close':
        indent = '';
        break;
      case 'blockquote_open':
        quote = true;
        break;
      case 'blockquote_close':
        quote = false;
        break;
      case 'fence':
      case 'code_block':
        for (const l of t.content.replace(/\n$/, '').split('\n')) out.push(`    ${c.cyan(l)}`);
        out.push('');
        break;
      case 'hr':
        out.push(c.dim('─'.repeat(Math.min(width, 60))));
        break;
      case 'table_open':
        table = [];
        break;
      case 'tr_open':
        row = [];
        break;
      case 'tr_close':
        table?.push(row ?? []);
        row = undefined;
        break;
      case 'table_close':
        out.push(...renderTable(table ?? []), '');
        table = undefined;
        break;
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

function inline(t: Token): string {
  let s = '';
  let href: string | null = null;
  for (const ch of t.children ?? []) {
    switch (ch.type) {
      case 'text':
        s += ch.content;
        break;
      case 'code_inline':
        s += c.cyan(ch.content);
        break;
      case 'strong_open':
        s += '\x00B';
        break;
      case 'strong_close':
        s += '\x00b';
        break;
      case 'em_open':
      case 'em_close':
        s += '_';
        break;
      case 'link_open':
        href = (ch.attrGet('href') as string | null) ?? null;
        break;
      case 'link_close':
        if (href) s += c.dim(` (${href})`);
        href = null;
        break;
      case 'softbreak':
        s += ' ';
        break;
      case 'hardbreak':
        s += '\n';
        break;
    }
  }
  return s.replace(/\x00B([^\x00]*)\x00b/g, (_, x: string) => c.bold(x)).replace(/\x00[Bb]/g, '');
}

const ANSI = /\x1b\[[0-9;]*m/g;
const visible = (s: string) => s.replace(ANSI, '');

/** Greedy word wrap on visible width; keeps ANSI codes intact. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/ +/)) {
      if (line && visible(line).length + 1 + visible(word).length > width) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}

function renderTable(rows: string[][]): string[] {
  const cols = Math.max(0, ...rows.map((r) => r.length));
  const w = Array.from({ length: cols }, (_, i) => Math.max(...rows.map((r) => visible(r[i] ?? '').length)));
  return rows.map((r, ri) => {
    const cells = w.map((cw, i) => (r[i] ?? '') + ' '.repeat(cw - visible(r[i] ?? '').length));
    const line = `  ${cells.join('  ')}`;
    return ri === 0 ? c.bold(line) : line;
  });
}
