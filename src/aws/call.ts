// callAws: "iam:CreateRole" + input -> one SDK call against a target, as a result value.
import { clientFor, commandClass } from './clients.js';
import { decodeOutput } from './decode-output.js';
import { normaliseError } from './errors.js';
import { parseCall } from './operations.js';
import { prepareInput } from './prepare-input.js';
import type { AwsResult, CallOptions, Credentials, Target } from './types.js';

/** Calls an operation. AWS errors and transport failures come back as `ok: false`; only a
 * malformed or unknown `spec` (a caller bug: labs are checked before they run) throws. */
export async function callAws(
  spec: string,
  input: Record<string, unknown>,
  creds: Credentials,
  target: Target,
  opts: CallOptions = {},
): Promise<AwsResult> {
  const parsed = parseCall(spec);
  if (!parsed) throw new TypeError(`not a service:Operation call: ${JSON.stringify(spec)}`);
  const Command = await commandClass(parsed.service, parsed.operation);
  if (!Command) throw new TypeError(`unknown operation: ${spec}`);
  const client = await clientFor(parsed.service, creds, target, opts.maxAttempts);
  const command = new Command(prepareInput(spec, input));
  const started = performance.now();
  try {
    const raw = await client.send(command, opts.signal ? { abortSignal: opts.signal } : undefined);
    const output = await decodeOutput(parsed.service, raw);
    const durationMs = performance.now() - started;
    const requestId = (raw['$metadata'] as { requestId?: string } | undefined)?.requestId;
    return requestId !== undefined ? { ok: true, output, requestId, durationMs } : { ok: true, output, durationMs };
  } catch (err) {
    return { ok: false, error: normaliseError(err), durationMs: performance.now() - started };
  }
}
