// lab mock: serve the local AWS mock until SIGINT/SIGTERM. Prints the endpoint and, per
// account, its id and admin credentials (mock-only keys, which exist to be pasted) as export
// lines; with --json the first stdout line is one JSON object (DESIGN §6).
import { EXIT } from '../errors.js';
import { c } from '../../ui/colors.js';

export interface MockFlags {
  port: number;
  host: string;
  accounts: number;
  region: string;
  json?: boolean;
  propagationDelay: number;
  throttle: number;
  state?: string;
}

export default async function mock(flags: MockFlags): Promise<number> {
  const { startMockTarget } = await import('../../targets/mock.js');
  const target = await startMockTarget({
    accounts: flags.accounts,
    port: flags.port,
    host: flags.host,
    region: flags.region,
    propagationDelayMs: flags.propagationDelay,
    throttle: flags.throttle,
    stateFile: flags.state,
  });
  const accounts = target.accounts.map((a) => ({
    name: a.name,
    id: a.id,
    admin: { accessKeyId: a.admin.accessKeyId, secretAccessKey: a.admin.secretAccessKey, arn: a.adminArn },
  }));
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ endpoint: target.endpoint, region: target.region, accounts })}\n`);
  } else {
    const out: string[] = [];
    out.push(`${c.bold('lab mock')}: IAM, STS, EC2 and S3 at ${target.endpoint} (region ${target.region})`);
    out.push(c.dim('Paste the export lines of an account into a shell to act as its admin. Ctrl-C stops the mock.'));
    for (const [i, a] of accounts.entries()) {
      const p = i === 0 ? '' : '# ';
      out.push('');
      out.push(`# ${a.name} ${a.id} — ${a.admin.arn}`);
      out.push(`${p}export AWS_ACCESS_KEY_ID=${a.admin.accessKeyId}`);
      out.push(`${p}export AWS_SECRET_ACCESS_KEY=${a.admin.secretAccessKey}`);
      out.push(`${p}export AWS_DEFAULT_REGION=${target.region} AWS_REGION=${target.region}`);
      out.push(`${p}export AWS_ENDPOINT_URL=${target.endpoint}`);
    }
    out.push('');
    out.push(c.dim(`# Or a profile for ~/.aws/config (AWS CLI v1 and v2 before 2.13 need --endpoint-url ${target.endpoint}):`));
    for (const a of accounts) {
      out.push(`# [profile lab-${a.name}]`);
      out.push(`# aws_access_key_id = ${a.admin.accessKeyId}`);
      out.push(`# aws_secret_access_key = ${a.admin.secretAccessKey}`);
      out.push(`# region = ${target.region}`);
      out.push(`# endpoint_url = ${target.endpoint}`);
    }
    process.stdout.write(`${out.join('\n')}\n`);
  }
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await target.close();
  if (!flags.json) process.stderr.write('lab mock: stopped\n');
  return EXIT.ok;
}
