// Pick how a run talks to its user: plain lines (no TTY, CI, --yes) or, later, a guided
// interactive session.
import type { RunControl, RunEvents } from '../../runner/types.js';
import type { TargetSession } from '../../targets/types.js';
import { TextReporter } from './text.js';

export interface ReporterFlags {
  quiet?: boolean;
  verbose?: boolean;
  interactive: boolean;
}

export function selectReporter(target: TargetSession, flags: ReporterFlags): { events: RunEvents; control?: RunControl } {
  return { events: new TextReporter(process.stdout, { quiet: flags.quiet, verbose: flags.verbose, target }) };
}
