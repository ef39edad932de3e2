// lab run <lab>: run a lab on a target, report each action, clean up, exit 0/1/2/130.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { EXIT, UsageError } from '../errors.js';
import { labLang, labsDir } from '../labs-dir.js';
import { loadLab } from '../load-lab.js';
import { selectReporter } from '../reporters/select.js';
import { targetFromFlags } from '../target-from-flags.js';
import { buildReport } from '../reporters/json.js';
import { buildJUnit } from '../reporters/junit.js';
import { journalPath, removeJournalIfFinished } from '../../runner/journal.js';

export interface RunFlags {
  target: 'mock' | 'aws';
  yes?: boolean;
  keep?: boolean;
  prefix?: string;
  region: string;
  lang?: string;
  dir?: string;
  report?: string;
  junit?: string;
  quiet?: boolean;
  verbose?: boolean;
  profile?: string;
  account?: string[];
  allowAccount?: string[];
  settleTimeout?: number;
}

export default async function run(name: string, flags: RunFlags): Promise<number> {
  const lab = loadLab(name, { dir: labsDir(flags.dir), lang: labLang(flags.lang) });
  const prefix = flags.prefix ?? `lab-${randomId(5)}`;
  if (!/^[a-z][a-z0-9-]{1,19}$/.test(prefix)) {
    throw new UsageError(`--prefix must be 2-20 characters of a-z, 0-9 and -, starting with a letter (S3 bucket names are lower-case): ${prefix}`);
  }
  const runId = `${prefix}-${Date.now().toString(36)}`;

  // Guided (prompts) only on a terminal and without --yes; otherwise never wait for input.
  const interactive = !flags.yes && !!process.stdin.isTTY && !!process.stdout.isTTY && !process.env.CI;
  const target = await targetFromFlags(lab.meta.accounts, { ...flags, interactive, what: `run ${lab.id}` });

  const journalFile = target.kind === 'aws' ? journalPath(runId) : undefined;
  const controller = new AbortController();
  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    signals++;
    if (signals === 1) {
      const how = interactive ? '' : ' (again to quit at once and leave the rest to `lab cleanup`)';
      process.stderr.write(`\n${sig}: stopping after the current action, then cleaning up${how}\n`);
      controller.abort();
    } else if (!interactive) {
      // Non-interactively a second signal means "now": what is left stays in the journal.
      process.exit(EXIT.interrupted);
    }
    // In a guided run a second Ctrl-C must not leave a cleanup half done: it is ignored.
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const { events, control, quizzes } = selectReporter(target, {
    quiet: flags.quiet,
    verbose: flags.verbose,
    interactive,
    signal: controller.signal,
  });
  try {
    const { runLab } = await import('../../runner/run-lab.js');
    const result = await runLab(lab, target, {
      prefix,
      runId,
      keep: flags.keep,
      events,
      control,
      signal: controller.signal,
      journalFile,
    });
    if (journalFile && !removeJournalIfFinished(journalFile)) {
      process.stderr.write(`lab: run ${runId} left resources behind; remove them with: lab cleanup ${runId}\n`);
    }
    if (flags.report) writeFileSync(flags.report, `${JSON.stringify(buildReport(result, { quizzes: quizzes?.(), target }), null, 2)}\n`);
    if (flags.junit) writeFileSync(flags.junit, buildJUnit(result, { target }));
    // A learner who quits, like Ctrl-C, interrupts the lab; it is not a failed check.
    if (result.interrupted || result.quit) return EXIT.interrupted;
    return result.ok ? EXIT.ok : EXIT.failed;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await target.close();
    const { closeClients } = await import('../../aws/index.js');
    closeClients();
  }
}

function randomId(n: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(randomBytes(n), (b) => alphabet[b % alphabet.length]).join('');
}
