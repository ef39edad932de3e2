// Keeps secrets out of everything a run prints or writes. maskSecrets (src/aws) masks values
// under secret field names in structured outputs; text is harder: a `run:` step may print
// its environment, an expectation message may quote an output value. So the redactor learns
// every secret it sees (the targets' admin keys, secret fields of each output) and replaces
// them wherever they appear, and masks what looks like a secret assignment in any text.
import { maskSecrets } from '../../aws/index.js';
import type { ActionResult, RunResult } from '../../runner/types.js';
import type { TargetSession } from '../../targets/types.js';

const MASK = '…';
/** Shorter strings are not treated as secrets: masking "true" everywhere would garble text. */
const MIN_SECRET = 8;

/** `AWS_SECRET_ACCESS_KEY=...`, `aws_session_token = ...`, `"SecretAccessKey": "..."`. */
const PATTERNS: RegExp[] = [
  /\b((?:AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_SECURITY_TOKEN|aws_secret_access_key|aws_session_token)\s*[=:]\s*["']?)([^\s"']+)/g,
  /("(?:SecretAccessKey|SessionToken|secretAccessKey|sessionToken)"\s*:\s*")([^"]+)(?=")/g,
  /(<(?:SecretAccessKey|SessionToken)>)([^<]+)(?=<)/g,
];

const keep4 = (s: string) => (s.length > 4 ? s.slice(0, 4) + MASK : MASK);

export class Redactor {
  private readonly secrets = new Set<string>();
  private sorted: string[] | undefined;

  /** Learns the admin secrets of a target's accounts. */
  static forTarget(target: Pick<TargetSession, 'accounts'> | undefined): Redactor {
    const r = new Redactor();
    for (const a of target?.accounts ?? []) {
      r.add(a.admin.secretAccessKey);
      r.add(a.admin.sessionToken);
    }
    return r;
  }

  /** Learns the secrets in a whole run's outputs (for reports written after the run). */
  static forResult(result: RunResult, target?: Pick<TargetSession, 'accounts'>): Redactor {
    const r = Redactor.forTarget(target);
    for (const s of result.steps) for (const a of s.actions) r.learnAction(a);
    return r;
  }

  add(secret: unknown): void {
    if (typeof secret !== 'string' || secret.length < MIN_SECRET || secret.includes(MASK)) return;
    this.secrets.add(secret);
    this.sorted = undefined;
  }

  /** Learns what maskSecrets would hide in a value: wherever the masked copy differs. */
  learn(value: unknown): void {
    const walk = (v: unknown, m: unknown): void => {
      if (typeof v === 'string') {
        if (v !== m) this.add(v);
        return;
      }
      if (typeof v !== 'object' || v === null || typeof m !== 'object' || m === null || v === m) return;
      for (const [k, item] of Object.entries(v)) walk(item, (m as Record<string, unknown>)[k]);
    };
    walk(value, maskSecrets(value));
  }

  learnAction(r: ActionResult): void {
    this.learn(r.outcome.output);
  }

  /** Text with every known secret, and every secret-looking assignment, masked. */
  text(s: string): string {
    if (!s) return s;
    this.sorted ??= [...this.secrets].sort((a, b) => b.length - a.length);
    let out = s;
    for (const secret of this.sorted) if (out.includes(secret)) out = out.split(secret).join(keep4(secret));
    // Short values are placeholders (`%s`, `$KEY`), not secrets: those are 16 characters or more.
    const hide = (value: string) => (value.includes(MASK) || value.length < MIN_SECRET ? value : keep4(value));
    for (const re of PATTERNS) out = out.replace(re, (_m, head: string, value: string) => head + hide(value));
    return out;
  }

  /** A copy of a value safe to write: secret fields masked, then every string scrubbed. */
  value<T>(v: T): T {
    const walk = (x: unknown): unknown => {
      if (typeof x === 'string') return this.text(x);
      if (Array.isArray(x)) return x.map(walk);
      if (x && typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
        return Object.fromEntries(Object.entries(x).map(([k, item]) => [k, walk(item)]));
      }
      return x;
    };
    return walk(maskSecrets(v)) as T;
  }
}
