// Lazy SDK clients. The client packages take hundreds of milliseconds to load (EC2's most of
// all), so a package is imported only when the first call of its service is made, and
// `lab --help` / `lab check` never pay for it.
import { createHash } from 'node:crypto';
import type { Credentials, ServiceId, Target } from './types.js';

export interface SdkClient {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<Record<string, unknown>>;
  destroy(): void;
}
type ClientClass = new (config: Record<string, unknown>) => SdkClient;
type CommandClass = new (input: Record<string, unknown>) => unknown;

const CLIENT_CLASS: Record<ServiceId, string> = { iam: 'IAMClient', sts: 'STSClient', ec2: 'EC2Client', s3: 'S3Client' };

function importService(service: ServiceId): Promise<Record<string, unknown>> {
  // The SDK warns on every start under Node 20 (supported by this project) that future SDK
  // releases will need Node 22; that notice would interleave with lab output. An explicit
  // setting by the user still wins.
  process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';
  // One literal specifier per package, so that tools tracing imports can still see them.
  switch (service) {
    case 'iam':
      return import('@aws-sdk/client-iam');
    case 'sts':
      return import('@aws-sdk/client-sts');
    case 'ec2':
      return import('@aws-sdk/client-ec2');
    case 's3':
      return import('@aws-sdk/client-s3');
  }
}

const modules = new Map<ServiceId, Promise<Record<string, unknown>>>();

function loadService(service: ServiceId): Promise<Record<string, unknown>> {
  let mod = modules.get(service);
  if (!mod) {
    mod = importService(service);
    modules.set(service, mod);
    mod.catch(() => modules.delete(service));
  }
  return mod;
}

/** The command class of an operation, or undefined if the installed client has none. */
export async function commandClass(service: ServiceId, operation: string): Promise<CommandClass | undefined> {
  const mod = await loadService(service);
  const cls = mod[`${operation}Command`];
  return typeof cls === 'function' ? (cls as CommandClass) : undefined;
}

/** Clients are reused per credentials and target (they keep sockets alive). A run makes a few
 * identities, each assumed-role session a new one, so the cache is bounded. */
const MAX_CLIENTS = 32;
const clients = new Map<string, Promise<SdkClient>>();

function cacheKey(service: ServiceId, creds: Credentials, target: Target, maxAttempts: number | undefined): string {
  // Hash the secret parts so the key is not a second copy of them in memory dumps.
  const secret = createHash('sha256').update(`${creds.secretAccessKey}\0${creds.sessionToken ?? ''}`).digest('hex');
  return [service, target.region, target.endpoint ?? '', maxAttempts ?? '', creds.accessKeyId, secret].join('|');
}

export function clientFor(service: ServiceId, creds: Credentials, target: Target, maxAttempts?: number): Promise<SdkClient> {
  const key = cacheKey(service, creds, target, maxAttempts);
  const cached = clients.get(key);
  if (cached) {
    clients.delete(key); // re-insert: Map order is the LRU order
    clients.set(key, cached);
    return cached;
  }
  const created = loadService(service).then((mod) => {
    const Client = mod[CLIENT_CLASS[service]] as ClientClass;
    const config: Record<string, unknown> = {
      region: target.region,
      credentials: { ...creds },
    };
    if (target.endpoint !== undefined) config['endpoint'] = target.endpoint;
    if (maxAttempts !== undefined) config['maxAttempts'] = maxAttempts;
    // Path-style addressing: a local endpoint has no DNS for <bucket>.host.
    if (service === 's3' && target.endpoint !== undefined) config['forcePathStyle'] = true;
    return new Client(config);
  });
  created.catch(() => clients.delete(key));
  clients.set(key, created);
  while (clients.size > MAX_CLIENTS) {
    const [oldestKey, oldest] = clients.entries().next().value!;
    clients.delete(oldestKey);
    oldest.then((c) => c.destroy(), () => undefined);
  }
  return created;
}

/** Closes every cached client's sockets (end of a run, tests). */
export async function closeClients(): Promise<void> {
  const all = [...clients.values()];
  clients.clear();
  for (const c of await Promise.allSettled(all)) if (c.status === 'fulfilled') c.value.destroy();
}
