// The mock's world: accounts, clock, id generation and every service's state, with optional
// persistence to a state file. Services see it through `ServiceWorld` (types.ts).
import { randomFillSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type { ServiceName, ServiceWorld } from './types.js';

export interface AccountInfo {
  name: string;
  id: string;
}

interface PersistedState {
  format: 'lab-mock-state/1';
  accounts: AccountInfo[];
  accountStates: Record<string, Partial<Record<ServiceName, unknown>>>;
  globalStates: Partial<Record<ServiceName, unknown>>;
}

export interface WorldOptions {
  accounts: AccountInfo[];
  region: string;
  propagationDelayMs: number;
  stateFile?: string;
  /** Milliseconds since the epoch; tests may pass a controllable clock. */
  clock?: () => number;
}

const ALPHABETS = {
  // IAM unique ids and access key ids use upper-case letters and the digits 2-7 (base32).
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  hex: '0123456789abcdef',
  // Standard base64 (RFC 4648 §4): what an opaque token of random bytes encodes to.
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/',
  // URL-safe base64 (RFC 4648 §5): ids that travel in query strings (S3 upload ids).
  base64url: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_',
} as const;

/** Logical account ids: 111111111111, 222222222222, ..., then 101010101010, ... */
export function accountIdFor(index: number): string {
  const n = index + 1;
  return n <= 9 ? String(n).repeat(12) : String(n).repeat(Math.ceil(12 / String(n).length)).slice(0, 12);
}

const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789xy';

const SAVE_DEBOUNCE_MS = 100;
const RANDOM_POOL_BYTES = 4096;

export class World implements ServiceWorld {
  readonly region: string;
  readonly propagationDelayMs: number;
  /** True when the state came from an existing state file. */
  readonly loaded: boolean;
  private readonly data: PersistedState;
  private readonly clock: () => number;
  private readonly stateFile?: string;
  private saveTimer?: NodeJS.Timeout;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;
  private readonly pool = Buffer.alloc(RANDOM_POOL_BYTES);
  private poolUsed = RANDOM_POOL_BYTES;

  constructor(opts: WorldOptions) {
    this.region = opts.region;
    this.propagationDelayMs = Math.max(0, opts.propagationDelayMs);
    this.clock = opts.clock ?? Date.now;
    this.stateFile = opts.stateFile;
    const saved = opts.stateFile ? readState(opts.stateFile) : undefined;
    this.loaded = saved !== undefined;
    this.data = saved ?? {
      format: 'lab-mock-state/1',
      accounts: opts.accounts,
      accountStates: {},
      globalStates: {},
    };
  }

  get accounts(): readonly AccountInfo[] {
    return this.data.accounts;
  }

  now(): number {
    return this.clock();
  }

  accountIds(): string[] {
    return this.data.accounts.map((a) => a.id);
  }

  hasAccount(id: string): boolean {
    return this.data.accounts.some((a) => a.id === id);
  }

  accountState<T>(accountId: string, service: ServiceName, init: () => T): T {
    const states = (this.data.accountStates[accountId] ??= {});
    if (!(service in states)) states[service] = init();
    return states[service] as T;
  }

  globalState<T>(service: ServiceName, init: () => T): T {
    if (!(service in this.data.globalStates)) this.data.globalStates[service] = init();
    return this.data.globalStates[service] as T;
  }

  changed(): void {
    if (!this.stateFile) return;
    this.dirty = true;
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save();
    }, SAVE_DEBOUNCE_MS);
    this.saveTimer.unref();
  }

  newId(prefix: string, length: number, alphabet: keyof typeof ALPHABETS = 'upper'): string {
    // Every alphabet has a power-of-two size, so masking a random byte picks uniformly.
    return prefix + this.randomText(length, ALPHABETS[alphabet]);
  }

  /** `prefix` and the standard base64 of `bytes` random bytes (an opaque token). */
  newToken(prefix: string, bytes: number): string {
    return prefix + this.drawn(bytes).toString('base64');
  }

  /** A secret access key: 40 characters of base64 alphabet, like AWS's (with x and y for
   * + and /, which some tools mishandle in a pasted key). */
  newSecret(): string {
    return this.randomText(40, SECRET_CHARS);
  }

  /** `length` characters drawn from `chars` (a power-of-two count of ASCII characters), mapped
   * in a buffer and decoded once rather than concatenated one character at a time. */
  private randomText(length: number, chars: string): string {
    const bytes = this.drawn(length);
    const mask = chars.length - 1;
    const out = Buffer.allocUnsafe(length);
    for (let i = 0; i < length; i++) out[i] = chars.charCodeAt(bytes[i]! & mask);
    return out.toString('latin1');
  }

  /** The next `n` unused CSPRNG bytes (never handed out twice), not copied: read them before
   * drawing again. Drawn from a pool refilled 4 KiB at a time: one small randomFillSync
   * costs about as much as a large one, and every AssumeRole draws an access key id, a
   * secret and a session token (node:crypto's randomUUID pools its entropy the same way). */
  private drawn(n: number): Buffer {
    // More than the pool holds: fresh bytes of their own, not a slice cut short.
    if (n > RANDOM_POOL_BYTES) return randomFillSync(Buffer.allocUnsafe(n));
    if (this.poolUsed + n > RANDOM_POOL_BYTES) {
      randomFillSync(this.pool);
      this.poolUsed = 0;
    }
    const out = this.pool.subarray(this.poolUsed, this.poolUsed + n);
    this.poolUsed += n;
    return out;
  }

  /** Write pending state now (on close). */
  async flush(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (this.dirty || (this.stateFile && !this.loaded)) await this.save();
    await this.saving;
  }

  /** Saves are serialised; each writes a temp file and renames it so a crash never leaves a
   * half-written state file. */
  private save(): Promise<void> {
    const file = this.stateFile;
    if (!file) return Promise.resolve();
    this.dirty = false;
    const text = JSON.stringify(this.data);
    this.saving = this.saving.then(async () => {
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, text, { mode: 0o600 });
      await rename(tmp, file);
    }).catch((err: Error) => {
      // A failed save must not break the chain: the next change tries again.
      this.dirty = true;
      process.emitWarning(`lab mock: could not save state to ${file}: ${err.message}`);
    });
    return this.saving;
  }
}

function readState(file: string): PersistedState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const data = JSON.parse(text) as PersistedState;
  if (data?.format !== 'lab-mock-state/1' || !Array.isArray(data.accounts)) {
    throw new Error(`${file} is not a lab mock state file`);
  }
  return data;
}
