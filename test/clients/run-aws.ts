// Runs the AWS CLI as a tutorial reader would, against `lab mock`: credentials in environment
// variables, the endpoint by --endpoint-url (CLI v2.9 predates AWS_ENDPOINT_URL), no config
// or credentials file of the machine, JSON output.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { AwsCli } from './binaries.js';

export interface Creds {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment of one CLI call: the test's own minus any AWS_* setting it inherited
 * (a profile, an endpoint or a key there would change what is being tested). */
function cliEnv(region: string, creds: Creds): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  Object.assign(env, {
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: creds.accessKeyId,
    AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  });
  if (creds.sessionToken) env.AWS_SESSION_TOKEN = creds.sessionToken;
  return env;
}

export interface Shell {
  /** `aws <args>` as the given identity; resolves whatever the exit code. */
  as(creds: Creds, args: string[]): Promise<CliResult>;
  /** `aws <args>` expected to succeed; returns the parsed JSON output ({} when empty). */
  ok(creds: Creds, args: string[]): Promise<any>;
  /** `aws <args>` expected to fail with the AWS error `code`; returns stderr. */
  fails(creds: Creds, args: string[], code: string): Promise<string>;
}

export function awsShell(cli: AwsCli, endpoint: string, region: string, cwd: string): Shell {
  const as = (creds: Creds, args: string[]) =>
    new Promise<CliResult>((resolve) => {
      execFile(
        cli.path,
        ['--endpoint-url', endpoint, '--output', 'json', ...args],
        { cwd, env: cliEnv(region, creds), encoding: 'utf8', timeout: 60_000, maxBuffer: 16 << 20 },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  const shown = (args: string[], r: CliResult) => `aws ${args.join(' ')} -> exit ${r.code}\n${r.stderr}`;
  return {
    as,
    async ok(creds, args) {
      const r = await as(creds, args);
      assert.equal(r.code, 0, shown(args, r));
      return r.stdout.trim() === '' ? {} : JSON.parse(r.stdout);
    },
    async fails(creds, args, code) {
      const r = await as(creds, args);
      // CLI v2 exits 254 when the service answered with an error, v1 exits 255 on any error.
      // The default retry settings are kept, as a reader has them: a retried error (a 5xx or a
      // throttle from the mock) adds "(reached max retries: N)" and fails the match below.
      assert.equal(r.code, cli.major === 2 ? 254 : 255, shown(args, r));
      assert.match(r.stderr, new RegExp(`An error occurred \\(${code}\\) when calling the \\w+ operation: `), shown(args, r));
      assert.equal(r.stdout, '', 'a failed call prints nothing on stdout');
      return r.stderr;
    },
  };
}

/** The temporary credentials of an `aws sts assume-role` output, as a reader exports them. */
export function exported(assumeRoleOutput: any): Creds {
  const c = assumeRoleOutput.Credentials;
  return { accessKeyId: c.AccessKeyId, secretAccessKey: c.SecretAccessKey, sessionToken: c.SessionToken };
}
