// What a run knows: its variables (prefix, region, accounts, saved values) and its identities
// (each account's admin, and every saved AccessKey or Credentials object).
import jmespath from 'jmespath';
import { prepareInput, toCliCommand, type Credentials } from '../aws/index.js';
import { interpolate } from '../lab/index.js';
import { LabError, type Action, type Expectation, type Lab, type Matcher } from '../lab/types.js';
import type { TargetSession } from '../targets/types.js';
import type { Outcome } from './types.js';

export interface Identity {
  name: string;
  creds: Credentials;
  /** Logical account the identity acts in (where what it creates lives). */
  account: string;
}

export interface PreparedAction {
  action: Action;
  label: string;
  as: string;
  account: string;
  creds: Credentials;
  call?: string;
  input?: Record<string, unknown>;
  run?: string;
  expect: Expectation;
  cli?: string;
}

export class RunScope {
  readonly vars: Record<string, unknown>;
  private readonly identities = new Map<string, Identity>();

  constructor(
    readonly lab: Lab,
    readonly target: TargetSession,
    readonly prefix: string,
    readonly runId: string,
  ) {
    const accounts: Record<string, { id: string }> = {};
    for (const name of lab.meta.accounts) {
      const acct = target.accounts.find((a) => a.name === name);
      if (!acct) throw new Error(`the target has no account for "${name}"`);
      accounts[name] = { id: acct.id };
      this.identities.set(name, { name, creds: acct.admin, account: name });
    }
    this.vars = { prefix, region: target.region, runId, accounts };
  }

  identity(name: string): Identity {
    const id = this.identities.get(name);
    if (!id) throw new Error(`unknown identity "${name}"`);
    return id;
  }

  adminOf(account: string): Credentials {
    return this.identity(account).creds;
  }

  interpolate<T>(value: T, action: Action, key: string, extra?: Record<string, unknown>): T {
    return interpolate(value, extra ? { ...this.vars, ...extra } : this.vars, action.keyPos[key] ?? action.pos);
  }

  /** What `save:` will store from this outcome, without storing it yet (paths that match
   * nothing are left out: save() reports those). */
  preview(action: Action, outcome: Outcome): Record<string, unknown> {
    const source = action.run ? parseJson(outcome.stdout) : outcome.output;
    const out: Record<string, unknown> = {};
    for (const [name, path] of Object.entries(action.save ?? {})) {
      const value = jmespath.search(source ?? {}, this.interpolate(path, action, 'save'));
      if (value !== null && value !== undefined) out[name] = value;
    }
    return out;
  }

  prepare(action: Action): PreparedAction {
    const as = action.as ?? this.lab.meta.accounts[0]!;
    const ident = this.identity(as);
    const expect = this.interpolateExpect(action);
    if (action.call) {
      const input = prepareInput(action.call, this.interpolate(action.with ?? {}, action, 'with'));
      return {
        action,
        label: action.call,
        as,
        account: ident.account,
        creds: ident.creds,
        call: action.call,
        input,
        expect,
        cli: toCliCommand(action.call, input),
      };
    }
    const run = this.interpolate(action.run ?? '', action, 'run');
    return { action, label: run, as, account: ident.account, creds: ident.creds, run, expect };
  }

  private interpolateExpect(action: Action): Expectation {
    const e = action.expect;
    const m = (x: Matcher | undefined) => (x ? this.interpolate(x, action, 'expect') : undefined);
    const output = e.output
      ? Object.fromEntries(Object.entries(e.output).map(([k, v]) => [this.interpolate(k, action, 'expect'), m(v)!]))
      : undefined;
    return {
      ...e,
      error: e.error ? this.interpolate(e.error, action, 'expect') : undefined,
      message: m(e.message),
      stdout: m(e.stdout),
      stderr: m(e.stderr),
      output,
    };
  }

  /** Store `save:` values; an AccessKey or Credentials object becomes an identity. */
  save(action: Action, outcome: Outcome, account: string): void {
    const values = this.preview(action, outcome);
    const source = action.run ? parseJson(outcome.stdout) : outcome.output;
    for (const name of Object.keys(action.save ?? {})) {
      if (!(name in values)) {
        throw new LabError(action.keyPos.save ?? action.pos, `save: ${name}: ${action.save![name]} matched nothing in the output`);
      }
      const value = values[name];
      this.vars[name] = value;
      const creds = asCredentials(value);
      if (creds) this.identities.set(name, { name, creds, account: this.accountOfSession(source) ?? account });
    }
  }

  /** A session from AssumeRole acts in the role's account, named by AssumedRoleUser.Arn. */
  private accountOfSession(output: unknown): string | undefined {
    const arn = (output as { AssumedRoleUser?: { Arn?: unknown } } | undefined)?.AssumedRoleUser?.Arn;
    if (typeof arn !== 'string') return undefined;
    const id = arn.split(':')[4];
    return this.target.accounts.find((a) => a.id === id)?.name;
  }
}

function asCredentials(v: unknown): Credentials | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  if (typeof o.AccessKeyId === 'string' && typeof o.SecretAccessKey === 'string') {
    return {
      accessKeyId: o.AccessKeyId,
      secretAccessKey: o.SecretAccessKey,
      sessionToken: typeof o.SessionToken === 'string' ? o.SessionToken : undefined,
      expiration: o.Expiration instanceof Date ? o.Expiration : undefined,
    };
  }
  return undefined;
}

function parseJson(text: string | undefined): unknown {
  try {
    return JSON.parse(text ?? '');
  } catch {
    return undefined;
  }
}
