// The operator's credentials on real AWS: the SDK's standard provider chain, resolved to
// concrete keys before anything runs (preflight must show whose they are), and re-resolved
// before they expire, because an SSO or assume-role session can be shorter than a lab run
// plus its cleanup. The runner holds the `current` object itself: refreshing updates it in
// place, so every later call (and the SDK client cache, keyed by the keys) sees the new keys.
import type { Credentials } from '../aws/index.js';

type Provider = () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }>;

export interface CredentialOptions {
  /** A named profile of the shared config/credentials files; absent = the default chain
   * (environment, then the default profile, SSO, process credentials, container/instance). */
  profile?: string;
  /** Asked for a code when a profile names an mfa_serial (interactive runs only). */
  mfaCode?: (serial: string) => Promise<string>;
}

/** Refresh this long before expiry: the SDK treats credentials as expired 5 minutes early. */
const REFRESH_MARGIN_MS = 6 * 60_000;
/** Never re-resolve more often than this: a provider may hand back the same short-lived
 * keys (a cached SSO role session) until they are replaced. */
const MIN_INTERVAL_MS = 10_000;
const RETRY_MS = 30_000;

export class CredentialError extends Error {
  override name = 'CredentialError';
}

export function describeSource(profile: string | undefined): string {
  return profile ? `profile "${profile}"` : 'the default credentials (environment or default profile)';
}

async function providerFor(opts: CredentialOptions): Promise<Provider> {
  const { fromIni, fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
  const mfa = opts.mfaCode ? { mfaCodeProvider: opts.mfaCode } : {};
  // A named profile is read from the shared files only (which covers static keys, SSO,
  // credential_process and role_arn profiles): falling through the whole chain to instance
  // metadata would turn a typo in a profile name into a slow, puzzling timeout.
  if (opts.profile) return fromIni({ profile: opts.profile, ignoreCache: true, ...mfa });
  return fromNodeProviderChain({ ...mfa });
}

export class CredentialSource {
  private timer?: NodeJS.Timeout;
  private closed = false;

  private constructor(
    readonly profile: string | undefined,
    private readonly provider: Provider,
    /** The object handed to the runner; updated in place by refresh(). */
    readonly current: Credentials,
  ) {
    this.schedule();
  }

  static async open(opts: CredentialOptions): Promise<CredentialSource> {
    const provider = await providerFor(opts);
    let creds;
    try {
      creds = await provider();
    } catch (e) {
      throw new CredentialError(`cannot get credentials from ${describeSource(opts.profile)}: ${(e as Error).message}`);
    }
    return new CredentialSource(opts.profile, provider, toCredentials(creds));
  }

  /** Resolve again now (also called on a timer before expiry). */
  async refresh(): Promise<void> {
    const fresh = toCredentials(await this.provider());
    // One synchronous assignment: no call ever sees a key id with another key's secret.
    Object.assign(this.current, { sessionToken: undefined, expiration: undefined }, fresh);
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const exp = this.current.expiration?.getTime();
    if (this.closed || exp === undefined) return;
    const due = Math.max(MIN_INTERVAL_MS, exp - Date.now() - REFRESH_MARGIN_MS);
    this.timer = setTimeout(() => {
      this.refresh().catch(() => {
        // Keep the old keys (still valid for a few minutes) and try again soon.
        if (this.closed) return;
        this.timer = setTimeout(() => void this.refresh().catch(() => undefined), RETRY_MS);
        this.timer.unref();
      });
    }, due);
    // Never keep the process alive just to refresh.
    this.timer.unref();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }
}

function toCredentials(c: Awaited<ReturnType<Provider>>): Credentials {
  const out: Credentials = { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey };
  if (c.sessionToken) out.sessionToken = c.sessionToken;
  if (c.expiration) out.expiration = c.expiration;
  return out;
}
