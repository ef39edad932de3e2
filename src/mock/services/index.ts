// The table of services: name -> module, imported on first use. A service module exports
// `create(world)` (types.ts ServiceFactory); adding a service is a line here.
import type { Service, ServiceName, ServiceWorld } from '../types.js';

const MODULES: Record<ServiceName, string> = {
  iam: './iam/index.js',
  sts: './sts/index.js',
  ec2: './ec2/index.js',
  s3: './s3/index.js',
};

export class ServiceRegistry {
  private readonly services = new Map<ServiceName, Promise<Service | undefined>>();
  /** Services whose module has finished loading; null where there is no module. */
  private readonly ready = new Map<ServiceName, Service | null>();

  constructor(private readonly world: ServiceWorld) {}

  /** The service, or undefined when its module is not there (not built into this copy). */
  get(name: ServiceName): Promise<Service | undefined> {
    let s = this.services.get(name);
    if (!s) {
      s = load(name, this.world);
      void s.then((service) => this.ready.set(name, service ?? null), () => {});
      this.services.set(name, s);
    }
    return s;
  }

  /** Without waiting: the loaded service, null when it has no module, undefined when it has
   * not finished loading (then `get`). Lets the request path stay synchronous. */
  settled(name: ServiceName): Service | null | undefined {
    return this.ready.get(name);
  }

  async all(): Promise<Service[]> {
    const loaded = await Promise.all(Object.keys(MODULES).map((n) => this.get(n as ServiceName)));
    return loaded.filter((s): s is Service => s !== undefined);
  }
}

async function load(name: ServiceName, world: ServiceWorld): Promise<Service | undefined> {
  let mod: { create?: (w: ServiceWorld) => Service };
  try {
    mod = (await import(MODULES[name])) as typeof mod;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ERR_MODULE_NOT_FOUND' && e.message.includes(`/services/${name}/index.js`)) return undefined;
    throw err;
  }
  if (typeof mod.create !== 'function') throw new Error(`service module ${name} does not export create()`);
  return mod.create(world);
}
