// The command line. Each command lives in its own module, loaded only when it runs, so
// `lab --help` and `lab check` never load the AWS SDK.
import { Command, CommanderError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { exitCodeFor, EXIT } from './errors.js';
import { setColor } from '../ui/colors.js';

const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

type Handler = (...args: any[]) => Promise<number>;
const lazy = (load: () => Promise<{ default: Handler }>) => async (...args: unknown[]) => {
  const mod = await load();
  const code = await mod.default(...args.slice(0, -1));
  process.exitCode = code;
};

export function buildProgram(): Command {
  const program = new Command('lab')
    .description('Run Markdown tutorials about AWS IAM roles as self-checking labs.')
    .version(pkg.version, '-V, --version')
    .option('--no-color', 'plain output without colours')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.hook('preAction', () => {
    if (program.opts().color === false) setColor(false);
  });

  program
    .command('list')
    .description('the labs in labs/ with title, accounts and duration')
    .option('--dir <dir>', 'directory of lab files')
    .option('--json', 'machine-readable output')
    .action(lazy(() => import('./commands/list.js')));

  program
    .command('show <lab>')
    .description('a lab rendered for the terminal')
    .option('--dir <dir>', 'directory of lab files')
    .option('--lang <lang>', 'language of the lab (e.g. ko)')
    .action(lazy(() => import('./commands/show.js')));

  program
    .command('check [files...]')
    .description('validate lab files (all of labs/ when none is given); file:line errors, exit 2 on error')
    .option('--dir <dir>', 'directory of lab files')
    .option('--run', "also run each lab on the embedded mock and fail if any step's claim does not hold")
    .action(lazy(() => import('./commands/check.js')));

  program
    .command('run <lab>')
    .description('run a lab (a name from labs/ or a path to a .md file)')
    .addOption(new Option('--target <target>', 'where to run it').choices(['mock', 'aws']).default('mock'))
    .option('-y, --yes', 'never prompt (also the default when not on a terminal)')
    .option('--keep', 'keep what the lab created (skip cleanup)')
    .option('--prefix <prefix>', 'name prefix for everything the run creates (default: lab-<random>)')
    .option('--region <region>', 'AWS region', 'us-east-1')
    .option('--lang <lang>', 'language of the lab (e.g. ko)')
    .option('--dir <dir>', 'directory of lab files')
    .option('--report <file>', 'write a JSON report of the run')
    .option('--junit <file>', 'write a JUnit XML report (a testcase per step)')
    .option('-q, --quiet', 'only the summary')
    .option('-v, --verbose', 'also the AWS CLI equivalent of each call and denial details')
    .option('--profile <profile>', 'AWS profile for every account of the lab (--target aws)')
    .option('--account <name=profile>', 'AWS profile for one logical account (repeatable)', collect, [])
    .option('--allow-account <id>', 'account id the run may change without asking (repeatable; also LAB_ALLOW_ACCOUNTS)', collect, [])
    .option('--settle-timeout <seconds>', 'how long to wait for IAM changes to propagate (--target aws)', parseIntArg)
    .action(lazy(() => import('./commands/run.js')));

  program
    .command('cleanup [run-id]')
    .description('finish the cleanup of AWS runs that were interrupted or kept (--all: every unfinished run)')
    .option('--all', 'every unfinished run in the journal directory')
    .option('--profile <profile>', 'AWS profile with credentials for an account to clean (repeatable)', collect, [])
    .option('--account <name=profile>', 'AWS profile for one logical account of the runs (repeatable)', collect, [])
    .option('--region <region>', 'AWS region, for runs whose journal does not say', 'us-east-1')
    .option('-y, --yes', 'never prompt')
    .option('--allow-account <id>', 'account id that may be changed without asking (repeatable; also LAB_ALLOW_ACCOUNTS)', collect, [])
    .action(lazy(() => import('./commands/cleanup.js')));

  program
    .command('mock')
    .description('serve the local AWS mock until interrupted')
    .option('--port <port>', 'port to listen on (default: a free one)', parseIntArg, 0)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--accounts <n>', 'number of accounts', parseIntArg, 2)
    .option('--region <region>', 'region', 'us-east-1')
    .option('--json', 'print one JSON line with endpoint and accounts first')
    .option('--propagation-delay <ms>', 'IAM changes take effect after this delay', parseIntArg, 0)
    .option('--throttle <rate>', 'fraction of requests throttled (0..1)', parseFloat, 0)
    .option('--state <file>', 'load state from this file and save it on change and exit')
    .action(lazy(() => import('./commands/mock.js')));

  return program;
}

function collect(v: string, all: string[]): string[] {
  return [...all, v];
}

function parseIntArg(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new CommanderError(EXIT.usage, 'lab.invalidArgument', `not a non-negative integer: ${v}`);
  return n;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    if (argv.length <= 2) {
      program.outputHelp();
      return EXIT.ok;
    }
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end through here too, with exit code 0.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return exitCodeFor(err, (s) => process.stderr.write(`${s}\n`));
  }
}
