// The run-independent checks that need the AWS side, which src/lab does not know: the
// caller says which operations exist (and, to suggest fixes, which ones a service has).
import { closest } from './suggest.js';
import { LabError, type Lab, type Pos } from './types.js';

export interface OperationCatalog {
  isKnownOperation(call: string): boolean;
  /** Operations of a service as "service:Operation" or bare "Operation" names; [] for a
   * service it does not know (only asked about listed services when knownServices is given). */
  knownOperations?(service: string): readonly string[];
  /** Services there are, to suggest one when the service itself is misspelt. */
  knownServices?(): readonly string[];
}

export function checkLab(lab: Lab, catalog: OperationCatalog): LabError[] {
  const errors: LabError[] = [];
  const check = (call: string, pos: Pos, what: string) => {
    if (catalog.isKnownOperation(call)) return;
    errors.push(new LabError(pos, `${what} ${call}${suggestion(call, catalog)}`));
  };
  for (const step of lab.steps) {
    for (const a of step.actions) {
      if (a.call !== undefined) check(a.call, a.keyPos.call ?? a.pos, 'unknown operation');
      if (a.cleanup) for (const c of a.cleanup) check(c.call, c.pos, 'cleanup: unknown operation');
    }
  }
  return errors;
}

function suggestion(call: string, catalog: OperationCatalog): string {
  const [service = '', op = ''] = call.split(':');
  const services = catalog.knownServices?.();
  // Ask for a service's operations only when it exists, when we can tell.
  const listed = services === undefined || services.includes(service);
  const ops = (listed ? (catalog.knownOperations?.(service) ?? []) : []).map((o) => (o.includes(':') ? o.split(':')[1]! : o));
  if (ops.length) {
    const s = closest(op, ops);
    return s ? ` (did you mean ${service}:${s}?)` : '';
  }
  if (!services || listed) return '';
  const s = closest(service, services);
  if (s) {
    const fixed = `${s}:${op}`;
    return catalog.isKnownOperation(fixed) ? ` (did you mean ${fixed}?)` : ` (no service ${service}; did you mean ${s}?)`;
  }
  return ` (services: ${services.join(', ')})`;
}
