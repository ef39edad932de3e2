// The request context a decision reads condition keys from: keys derived from the principal
// (IAM User Guide, "AWS global condition context keys": aws:PrincipalArn, aws:PrincipalAccount,
// aws:PrincipalType, aws:userid, aws:username, aws:PrincipalTag/*) plus what the caller
// supplies. Keys are case-insensitive, so everything is looked up lower-cased. Work is done
// on first use only: most requests read one or two keys, many none.
import type { ContextValue, Principal, RequestContext } from './types.js';

function toValues(v: ContextValue): string[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [v];
  return [String(v)];
}

/** aws:PrincipalArn: for a role session AWS documents the role's ARN, not the session's. */
export function principalArnKey(p: Principal): string {
  return p.type === 'AssumedRole' && p.roleArn ? p.roleArn : p.arn;
}

const PRINCIPAL_KEYS = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principaltype',
  'aws:userid',
  'aws:username',
  'aws:principalservicename',
]);

function isPrincipalKey(key: string): boolean {
  return PRINCIPAL_KEYS.has(key) || key.startsWith('aws:principaltag/');
}

export class EvalContext {
  private supplied?: Map<string, string[]>;
  private tags?: Map<string, string>;
  /** Keys that conditions or variables asked for and did not find (as written). */
  missing?: Set<string>;

  constructor(
    readonly principal: Principal,
    private readonly raw: RequestContext,
  ) {}

  /** Values of a key given in lower case; undefined when the request has no such key. Keys
   * that describe the principal come from the principal only: a caller cannot claim another
   * aws:username through the context. */
  readonly get = (key: string): readonly string[] | undefined => {
    if (isPrincipalKey(key)) return this.derived(key);
    if (!this.supplied) {
      this.supplied = new Map();
      for (const k in this.raw) this.supplied.set(k.toLowerCase(), toValues(this.raw[k]!));
    }
    return this.supplied.get(key) ?? this.ambient(key);
  };

  readonly noteMissing = (name: string): void => {
    (this.missing ??= new Set()).add(name);
  };

  private derived(key: string): string[] | undefined {
    const p = this.principal;
    switch (key) {
      case 'aws:principalarn':
        return p.type === 'Anonymous' || p.type === 'Service' ? undefined : [principalArnKey(p)];
      case 'aws:principalaccount':
        return p.accountId ? [p.accountId] : undefined;
      case 'aws:principaltype':
        return p.type === 'Service' ? undefined : [p.type];
      case 'aws:userid':
        return p.userId ? [p.userId] : undefined;
      case 'aws:username':
        return p.type === 'User' && p.userName ? [p.userName] : undefined;
      case 'aws:principalservicename':
        return p.type === 'Service' ? [p.arn] : undefined;
    }
    if (key.startsWith('aws:principaltag/')) {
      if (!this.tags) {
        this.tags = new Map();
        for (const k in p.tags ?? {}) this.tags.set(k.toLowerCase(), p.tags![k]!);
      }
      const v = this.tags.get(key.slice('aws:principaltag/'.length));
      return v === undefined ? undefined : [v];
    }
    return undefined;
  }

  /** Keys AWS always has in a request even when the caller did not pass them. */
  private ambient(key: string): string[] | undefined {
    if (key === 'aws:currenttime') return [new Date().toISOString()];
    if (key === 'aws:epochtime') return [String(Math.floor(Date.now() / 1000))];
    return undefined;
  }
}
