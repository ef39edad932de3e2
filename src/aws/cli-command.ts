// toCliCommand: the AWS CLI command equivalent to a call, for learners to replay by hand.
// Scalars become plain arguments, lists of scalars space-separated values, structures JSON
// (which the CLI accepts for every structured parameter, where shorthand syntax has limits).
import { Buffer } from 'node:buffer';
import { cliName, shellQuote, xformName } from './cli-names.js';
import { parseCall } from './operations.js';
import { prepareInput } from './prepare-input.js';

type Scalar = string | number | boolean | bigint;
const isScalar = (v: unknown): v is Scalar => ['string', 'number', 'boolean', 'bigint'].includes(typeof v);

/** JSON for the CLI: Dates as ISO strings, bytes as the base64 the CLI v2 expects for blobs. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v));
}

function renderValue(value: unknown): string[] {
  if (isScalar(value)) return [shellQuote(String(value))];
  if (value instanceof Date) return [value.toISOString()];
  if (value instanceof Uint8Array) return [shellQuote(Buffer.from(value).toString('base64'))];
  if (Array.isArray(value) && value.length > 0 && value.every(isScalar)) return value.map((v) => shellQuote(String(v)));
  return [shellQuote(toJson(value))];
}

function renderParam(name: string, value: unknown): string[] {
  const flag = `--${xformName(name)}`;
  if (typeof value === 'boolean') return [value ? flag : `--no-${xformName(name)}`];
  return [flag, ...renderValue(value)];
}

/** The CLI's own spelling of a few parameters that differ from the API. Order is kept. */
function cliSpecifics(service: string, operation: string, input: Record<string, unknown>): Record<string, unknown> {
  if (service !== 'ec2' || operation !== 'RunInstances') return input;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    if (name === 'MinCount' || name === 'MaxCount') {
      // The CLI replaces MinCount/MaxCount with --count N or --count MIN:MAX.
      const { MinCount: min, MaxCount: max } = input;
      out['Count'] ??= max === undefined || min === max ? String(min) : `${min ?? 1}:${max}`;
    } else if (name === 'UserData' && typeof value === 'string') {
      // The SDK takes UserData base64-encoded; the CLI encodes it itself and takes the text.
      const text = Buffer.from(value, 'base64').toString('utf8');
      out[name] = Buffer.from(text, 'utf8').toString('base64') === value ? text : value;
    } else {
      out[name] = value;
    }
  }
  return out;
}

/** A local file name for an S3 body, from the object key's last segment. */
function bodyFileName(key: unknown): string {
  const last = typeof key === 'string' ? (key.split('/').pop() ?? '') : '';
  const clean = last.replace(/[^A-Za-z0-9._-]/g, '');
  return clean && !clean.startsWith('-') && !/^\.+$/.test(clean) ? clean : 'body';
}

export function toCliCommand(spec: string, input: Record<string, unknown>): string {
  const parsed = parseCall(spec);
  if (!parsed) throw new TypeError(`not a service:Operation call: ${JSON.stringify(spec)}`);
  // Render what is actually sent: policy objects as their JSON strings.
  const prepared = cliSpecifics(parsed.service, parsed.operation, prepareInput(spec, input));
  const words = ['aws', cliName(parsed.service), xformName(parsed.operation)];
  let prelude = '';
  for (const [name, value] of Object.entries(prepared)) {
    if (value === undefined || value === null) continue;
    if (parsed.service === 's3' && name === 'Body') {
      // The CLI reads streaming bodies from a file: write one first, as tutorials do.
      const file = bodyFileName(prepared['Key']);
      const text = value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : String(value);
      prelude = `printf '%s' ${shellQuote(text)} > ${file} && `;
      words.push('--body', file);
      continue;
    }
    words.push(...renderParam(name, value));
  }
  return prelude + words.join(' ');
}
