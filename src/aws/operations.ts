// "service:Operation" strings: parsing and checking against the generated list of every
// operation of the four clients. Synchronous and SDK-free, so `lab check` stays fast.
import { OPERATIONS } from './operations.generated.js';
import type { ServiceId } from './types.js';

export const SERVICES: readonly ServiceId[] = ['iam', 'sts', 'ec2', 's3'];

const SPEC = /^([a-z0-9]+):([A-Za-z0-9]+)$/;

let sets: Map<ServiceId, Set<string>> | undefined;
function operationSet(service: ServiceId): Set<string> {
  sets ??= new Map(SERVICES.map((s) => [s, new Set<string>(OPERATIONS[s])]));
  return sets.get(service)!;
}

function isService(name: string): name is ServiceId {
  return (SERVICES as readonly string[]).includes(name);
}

/** Splits "iam:CreateRole". Syntax only: whether the operation exists is isKnownOperation's job. */
export function parseCall(spec: string): { service: ServiceId; operation: string } | undefined {
  const m = SPEC.exec(spec);
  if (!m || !isService(m[1]!)) return undefined;
  return { service: m[1], operation: m[2]! };
}

export function isKnownOperation(spec: string): boolean {
  const parsed = parseCall(spec);
  return parsed !== undefined && operationSet(parsed.service).has(parsed.operation);
}

export function knownOperations(service: ServiceId): string[] {
  return [...(OPERATIONS[service] ?? [])];
}

/** Up to `max` known "service:Operation" specs closest to a mistyped one, for "did you mean". */
export function suggestOperations(spec: string, max = 3): string[] {
  const [svc = '', op = ''] = spec.split(':', 2);
  const wanted = op.toLowerCase();
  const scored: Array<{ spec: string; d: number; other: number }> = [];
  // Every service is searched (iam:AssumeRole means sts:AssumeRole); on equal distance the
  // service that was written comes first.
  for (const s of SERVICES) {
    for (const candidate of OPERATIONS[s]) {
      const d = distance(wanted, candidate.toLowerCase());
      // Only suggest what is plausibly a typo: within a third of the name's length.
      if (d <= Math.max(2, Math.floor(candidate.length / 3))) scored.push({ spec: `${s}:${candidate}`, d, other: s === svc.toLowerCase() ? 0 : 1 });
    }
  }
  return scored
    .sort((a, b) => a.d - b.d || a.other - b.other || a.spec.localeCompare(b.spec))
    .slice(0, max)
    .map((x) => x.spec);
}

/** Levenshtein distance, two-row. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}
