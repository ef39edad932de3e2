// What must hold in document order: every `${name}` is defined where it is used and every
// `as:` names an account or an identity saved earlier. Done statically, before anything runs,
// so a typo is reported at its line instead of failing half-way through a run.
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Node } from 'yaml';
import type { ParsedAction, SaveInfo } from './action.js';
import type { Problems } from './problems.js';
import { closest } from './suggest.js';
import { parseTemplate, type VarRef } from './template.js';
import type { YamlBlock } from './yaml-block.js';

const TEXT_BUILTINS = ['prefix', 'region', 'runId'];

interface Saved {
  line: number;
  identity: boolean;
}

export class ScopeChecker {
  private readonly saved = new Map<string, Saved>();
  /** Every save in the lab, to tell "saved later" from "never saved". */
  private readonly allSaves = new Map<string, number>();
  /** After a block that could not be read we no longer know what is defined. */
  private blind = false;

  constructor(
    private readonly accounts: readonly string[],
    all: readonly ParsedAction[],
    private readonly problems: Problems,
  ) {
    for (const p of all) for (const s of p.saves) if (!this.allSaves.has(s.name)) this.allSaves.set(s.name, s.line);
  }

  check(p: ParsedAction): void {
    const a = p.action;
    if (!a) {
      this.blind = true;
      return;
    }
    if (a.as !== undefined) this.checkAs(a.as, a.keyPos.as?.line ?? a.pos.line);
    const root = p.block.doc.contents;
    for (const key of ['run', 'with', 'save', 'expect']) this.checkRefsIn(p.block, valueOf(root, key), key === 'with');
    // Cleanup runs after the action, so it may use what the action saves.
    this.addSaves(p.saves);
    this.checkRefsIn(p.block, valueOf(root, 'cleanup'), true);
  }

  private addSaves(saves: SaveInfo[]): void {
    for (const s of saves) {
      if (this.accounts.includes(s.name)) {
        this.problems.add(s.line, `save name ${s.name} is also an account: as: ${s.name} would be ambiguous, choose another`);
      }
      this.saved.set(s.name, { line: s.line, identity: s.identity });
    }
  }

  private checkAs(name: string, line: number): void {
    if (this.accounts.includes(name)) return;
    const s = this.saved.get(name);
    if (s?.identity) return;
    if (s) {
      this.problems.add(
        line,
        `as: ${name} was saved at line ${s.line} but is not an identity: save an AccessKey (iam:CreateAccessKey) or Credentials (sts:AssumeRole) object`,
      );
      return;
    }
    if (this.blind) return;
    const later = this.allSaves.get(name);
    if (later !== undefined) {
      this.problems.add(line, `as: ${name} is saved at line ${later}, after this action`);
      return;
    }
    const ids = [...this.saved].filter(([, v]) => v.identity).map(([k]) => k);
    const s2 = closest(name, [...this.accounts, ...ids]);
    const known = [`accounts: ${this.accounts.join(', ')}`, ids.length ? `identities: ${ids.join(', ')}` : ''].filter(Boolean).join('; ');
    this.problems.add(
      line,
      `as: ${name} is neither an account nor an identity saved earlier${s2 ? ` (did you mean ${s2}?)` : ` (${known})`}`,
    );
  }

  /** Every string under a node; `keysAreFields` for `with` inputs, whose keys are SDK field
   * names that are not filled in. */
  private checkRefsIn(block: YamlBlock, node: unknown, keysAreFields: boolean): void {
    walkStrings(node, (s, n, isKey) => {
      if (!s.includes('$')) return;
      const t = parseTemplate(s);
      const line = (index: number) => lineOfIndex(block, n, s, index);
      if (isKey && keysAreFields && t.parts.some((p) => typeof p !== 'string')) {
        this.problems.add(line(0), `field name ${s}: variables are filled in values, not in field names`);
        return;
      }
      if (t.error) this.problems.add(line(0), t.error);
      for (const p of t.parts) if (typeof p !== 'string') this.checkRef(p, line(p.index));
    });
  }

  private checkRef(ref: VarRef, line: number): void {
    const [root, ...rest] = ref.path as [string, ...string[]];
    if (TEXT_BUILTINS.includes(root)) {
      if (rest.length) this.problems.add(line, `${ref.text}: ${root} is text and has no fields: write \${${root}}`);
      return;
    }
    if (root === 'accounts') {
      const name = rest[0];
      if (name !== undefined && !this.accounts.includes(name)) {
        const s = closest(name, this.accounts);
        const hint = s ? ` (did you mean ${s}?)` : ` (accounts: ${this.accounts.join(', ')})`;
        this.problems.add(line, `${ref.text}: no account ${name} in the front matter${hint}`);
      } else if (rest.length !== 2 || rest[1] !== 'id') {
        this.problems.add(line, `${ref.text}: an account has one variable, its id: write \${accounts.${name ?? this.accounts[0]}.id}`);
      }
      return;
    }
    if (this.saved.has(root) || this.blind) return;
    const later = this.allSaves.get(root);
    if (later !== undefined) {
      this.problems.add(line, `undefined variable ${ref.text}: ${root} is saved at line ${later}, after this use`);
      return;
    }
    const s = closest(root, [...TEXT_BUILTINS, ...this.saved.keys()]);
    const hint = s
      ? ` (did you mean \${${s}}?)`
      : ' (variables are prefix, region, runId, accounts.NAME.id and what earlier actions save)';
    this.problems.add(line, `undefined variable ${ref.text}${hint}`);
  }
}

function valueOf(root: unknown, key: string): unknown {
  return isMap(root) ? root.get(key, true) : undefined;
}

function walkStrings(node: unknown, visit: (s: string, n: Scalar, isKey: boolean) => void): void {
  if (isScalar(node)) {
    if (typeof node.value === 'string') visit(node.value, node, false);
  } else if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      if (isScalar(pair.key) && typeof pair.key.value === 'string') visit(pair.key.value, pair.key, true);
      walkStrings(pair.value, visit);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) walkStrings(item, visit);
  } else if (isAlias(node)) {
    // The anchored node is checked where it is defined.
  }
}

/** The file line of `s[index]`: literal block scalars (`run: |`) keep their newlines, so the
 * line is exact there; other scalars are reported at their first line. */
function lineOfIndex(block: YamlBlock, node: Node, s: string, index: number): number {
  const start = block.lineOf(node, block.firstLine);
  if (isScalar(node) && node.type === Scalar.BLOCK_LITERAL) {
    return start + 1 + (s.slice(0, index).match(/\n/g)?.length ?? 0);
  }
  return start;
}
