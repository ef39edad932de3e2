// Find, parse and validate a lab before anything runs. Every problem is a LabError with
// file:line; they are thrown together so an author sees them all at once.
import { isKnownOperation, knownOperations, SERVICES } from '../aws/index.js';
import { checkLab, parseLabFile, resolveLab } from '../lab/index.js';
import type { Lab } from '../lab/types.js';
import { LabErrors, UsageError } from './errors.js';

export function loadLab(nameOrPath: string, opts: { dir: string; lang?: string }): Lab {
  const file = resolveLab(nameOrPath, { dir: opts.dir, lang: opts.lang });
  if (!file) throw new UsageError(`no lab named "${nameOrPath}" (see \`lab list\`)`);
  return validateLabFile(file);
}

export function validateLabFile(file: string): Lab {
  const { lab, errors } = parseLabFile(file);
  const all = [...errors];
  if (lab) all.push(...checkLab(lab, { isKnownOperation, knownOperations, knownServices: () => SERVICES }));
  if (all.length || !lab) throw new LabErrors(all);
  return lab;
}
