// Shared by the lab tests: where the fixtures are (tests run from dist/, fixtures stay in
// test/lab/fixtures), and a lab source with a fixed header so body lines are predictable.
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../../../test/lab/fixtures/', import.meta.url));

/** Header lines before `body`: body line 1 is file line 8. */
export const HEAD = ['---', 'title: T', 'accounts: [a, b]', '---', '', '## Step', ''].join('\n');
export const BODY_LINE = 8;

export function withHead(body: string): string {
  return `${HEAD}\n${body}`;
}

/** A ```yaml lab block around some YAML lines. */
export function block(...yaml: string[]): string {
  return ['```yaml lab', ...yaml, '```'].join('\n');
}
