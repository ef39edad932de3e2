// The embedded AWS mock: one HTTP endpoint serving IAM, STS, EC2 and S3 for a few accounts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { bootstrapAccounts } from './identity/bootstrap.js';
import { iamInventory, type IamInventory } from './identity/inventory.js';
import { identityOf } from './identity/store.js';
import { DenialLog, type DenialExplanation } from './denials.js';
import { Faults } from './faults.js';
import { LatencyHistogram, type LatencySnapshot } from './latency.js';
import { clientErrorHandler, createRequestHandler } from './server.js';
import { ServiceRegistry } from './services/index.js';
import { accountIdFor, World, type AccountInfo } from './world.js';

export type { Caller, Call, Reply, Service, ServiceName } from './types.js';
export type { IamInventory } from './identity/inventory.js';
export type { DenialExplanation } from './denials.js';
export { summarizeLatency, type LatencySnapshot, type LatencySummary } from './latency.js';

export interface MockOptions {
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** A count (default 2) or logical names. */
  accounts?: number | string[];
  /** Default us-east-1. */
  region?: string;
  /** IAM changes reach authentication and authorisation only after this long. */
  propagationDelayMs?: number;
  /** Fraction (0..1) of requests refused with the service's throttling error. */
  throttle?: number;
  /** Load state from this file at start (its accounts and credentials then win over
   * `accounts`) and save it there on change and on close. */
  stateFile?: string;
  /** The mock's clock, in milliseconds since the epoch (default Date.now); for tests of
   * expiry. Clients must sign with the same clock. */
  clock?: () => number;
}

export interface MockAccount {
  name: string;
  /** 111111111111, 222222222222, ... */
  id: string;
  admin: { accessKeyId: string; secretAccessKey: string; arn: string };
  /** Access key of the account root user (arn:aws:iam::ID:root), for labs about root. */
  root: { accessKeyId: string; secretAccessKey: string; arn: string };
}

export interface AccountInventory {
  name: string;
  id: string;
  iam: IamInventory;
  /** Other services' entities (ec2: instances, s3: buckets, objects), by service. */
  services: Record<string, Record<string, string[]>>;
}

export interface Inventory {
  accounts: AccountInventory[];
}

export interface RunningMock {
  /** http://127.0.0.1:PORT */
  endpoint: string;
  region: string;
  accounts: MockAccount[];
  inventory(): Inventory;
  /** Why the request with this id (x-amzn-RequestId / x-amz-request-id) was denied, if the
   * mock denied it (the last 1,000 denials are kept). */
  explain(requestId: string): DenialExplanation | undefined;
  /** The mock's own time per answered request since start, from the parsed request head to
   * the last byte of the answer written (client and network time excluded); summarise, or
   * diff two snapshots, with `summarizeLatency`. */
  stats(): { latency: LatencySnapshot };
  close(): Promise<void>;
}

function accountInfos(spec: number | string[] | undefined): AccountInfo[] {
  const names = Array.isArray(spec) ? spec : Array.from({ length: spec ?? 2 }, (_, i) => `account${i + 1}`);
  if (names.length < 1 || names.length > 99) throw new RangeError('accounts must be between 1 and 99');
  if (new Set(names).size !== names.length) throw new Error('account names must be unique');
  return names.map((name, i) => ({ name, id: accountIdFor(i) }));
}

export async function startMock(opts: MockOptions = {}): Promise<RunningMock> {
  const region = opts.region ?? 'us-east-1';
  const world = new World({
    accounts: accountInfos(opts.accounts),
    region,
    propagationDelayMs: opts.propagationDelayMs ?? 0,
    stateFile: opts.stateFile,
    clock: opts.clock,
  });
  const store = identityOf(world);
  const creds = bootstrapAccounts(world, store);
  store.settle();
  const registry = new ServiceRegistry(world);
  const services = await registry.all();
  const faults = new Faults(opts.throttle ?? 0);
  const denials = new DenialLog();
  const latency = new LatencyHistogram();

  const server = createServer({ maxHeaderSize: 64 * 1024 }, createRequestHandler({ world, store, registry, faults, denials, latency }));
  server.on('clientError', clientErrorHandler);
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closed: Promise<void> | undefined;
  return {
    endpoint: `http://${urlHost}:${port}`,
    region,
    accounts: world.accounts.map((a) => ({ name: a.name, id: a.id, ...creds.get(a.id)! })),
    inventory: () => ({
      accounts: world.accounts.map((a) => ({
        name: a.name,
        id: a.id,
        iam: iamInventory(store.iam(a.id), a.id),
        services: Object.fromEntries(
          services.filter((s) => s.inventory).map((s) => [s.name, s.inventory!(a.id)]),
        ),
      })),
    }),
    explain: (requestId) => denials.explain(requestId),
    stats: () => ({ latency: latency.snapshot() }),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(() => world.flush())),
  };
}
