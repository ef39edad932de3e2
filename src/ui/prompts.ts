// Questions to the learner. The guided run talks to a Prompter, so tests can script answers;
// the real one uses enquirer on the terminal.
import enquirer from 'enquirer';
import { colorEnabled } from './colors.js';
import { stripAnsi } from './text-width.js';

export interface Choice<T extends string> {
  value: T;
  label: string;
  /** A key that picks the choice at once: "r" for run, "1" for the first answer of a quiz. */
  key?: string;
  hint?: string;
}

export interface Prompter {
  /** The chosen value; undefined when the learner cancels (Ctrl-C, Esc). */
  select<T extends string>(message: string, choices: Array<Choice<T>>, initial?: T): Promise<T | undefined>;
  /** Yes or no; undefined when cancelled. */
  confirm(message: string, initial: boolean): Promise<boolean | undefined>;
}

interface PromptInstance {
  run(): Promise<unknown>;
}
interface EnquirerPromptClass {
  new (options: Record<string, unknown>): PromptInstance;
  prototype: Record<string, unknown>;
}
const E = enquirer as unknown as { Select: EnquirerPromptClass; Confirm: EnquirerPromptClass };

/** Enquirer's prompts install SIGINT/SIGTERM handlers that exit the process (to restore the
 * cursor) while a prompt is open. That would skip the run's cleanup, so ours restore the
 * cursor on close and leave signals to the run command. Ctrl-C inside a prompt is a key
 * press in raw mode, and cancels the prompt: the caller decides what that means. */
function keepSignals(Base: EnquirerPromptClass): EnquirerPromptClass {
  const Cls = class extends (Base as unknown as new (o: Record<string, unknown>) => Record<string, any>) {
    cursorHide(): void {
      this.stdout.write('\x1b[?25l');
      this.once('close', () => this.stdout.write('\x1b[?25h'));
    }
  };
  return Cls as unknown as EnquirerPromptClass;
}

/** A select where a choice's key (a letter or a digit) picks it without arrows and Enter. */
function withShortcuts(Base: EnquirerPromptClass): EnquirerPromptClass {
  const Cls = class extends (Base as unknown as new (o: Record<string, unknown>) => Record<string, any>) {
    async shortcut(s: string): Promise<unknown> {
      const i = (this.choices as Array<{ key?: string }>).findIndex((ch) => ch.key === s.toLowerCase());
      if (i < 0) return this.alert();
      this.index = i;
      return this.submit();
    }
    dispatch(s: string): Promise<unknown> {
      return this.shortcut(s);
    }
    number(s: string): Promise<unknown> {
      return this.shortcut(s);
    }
  };
  return Cls as unknown as EnquirerPromptClass;
}

let Select: EnquirerPromptClass | undefined;
let Confirm: EnquirerPromptClass | undefined;

export function terminalPrompter(io: { stdin?: NodeJS.ReadStream; stdout?: NodeJS.WriteStream } = {}): Prompter {
  Select ??= withShortcuts(keepSignals(E.Select));
  Confirm ??= keepSignals(E.Confirm);
  const base = () => ({
    name: 'answer',
    stdin: io.stdin ?? process.stdin,
    stdout: io.stdout ?? process.stdout,
    styles: { enabled: colorEnabled() },
  });
  return {
    async select(message, choices, initial) {
      // Enquirer shows the chosen name once answered, so the name is the label (the answer
      // reads "Your answer · It is denied ..."), mapped back to the value here.
      const named = choices.map((ch) => ({ ...ch, name: stripAnsi(ch.label) }));
      const p = new Select!({
        ...base(),
        message,
        choices: named.map((ch) => ({
          name: ch.name,
          message: ch.key ? `${ch.label} ${dimKey(ch.key)}` : ch.label,
          key: ch.key,
          hint: ch.hint,
        })),
        initial: Math.max(0, choices.findIndex((ch) => ch.value === initial)),
        // Long choices (quiz answers) wrap instead of running off the screen.
        linebreak: true,
      });
      const name = await cancelled(p.run());
      return named.find((ch) => ch.name === name)?.value;
    },
    async confirm(message, initial) {
      const p = new Confirm!({ ...base(), message, initial });
      return (await cancelled(p.run())) as boolean | undefined;
    },
  };
}

const dimKey = (k: string) => (colorEnabled() ? `\x1b[2m(${k})\x1b[22m` : `(${k})`);

/** Enquirer rejects on cancel (with an empty string, not an Error); other errors are real. */
async function cancelled(p: Promise<unknown>): Promise<unknown> {
  try {
    return await p;
  } catch (e) {
    if (e === '' || e === undefined) return undefined;
    throw e;
  }
}
