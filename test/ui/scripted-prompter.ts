// A Prompter that answers from a script, and remembers what it was asked: the guided run's
// tests drive it like a learner at the keyboard would.
import type { Choice, Prompter } from '../../src/ui/prompts.js';

/** Stands for Ctrl-C (or Esc) at a question. */
export const CANCEL = Symbol('cancel');
export type Answer = string | boolean | typeof CANCEL;

export class ScriptedPrompter implements Prompter {
  readonly asked: Array<{ message: string; choices?: string[] }> = [];

  constructor(private readonly script: Answer[]) {}

  private next(message: string): Answer {
    if (this.script.length === 0) throw new Error(`unscripted question: ${message}`);
    return this.script.shift()!;
  }

  get remaining(): number {
    return this.script.length;
  }

  async select<T extends string>(message: string, choices: Array<Choice<T>>): Promise<T | undefined> {
    this.asked.push({ message, choices: choices.map((c) => c.value) });
    const a = this.next(message);
    if (a === CANCEL) return undefined;
    const found = choices.find((c) => c.value === a);
    if (!found) throw new Error(`"${String(a)}" is not a choice of "${message}": ${choices.map((c) => c.value).join(', ')}`);
    return found.value;
  }

  async confirm(message: string): Promise<boolean | undefined> {
    this.asked.push({ message });
    const a = this.next(message);
    if (a === CANCEL) return undefined;
    if (typeof a !== 'boolean') throw new Error(`confirm "${message}" needs true or false, not ${String(a)}`);
    return a;
  }
}
