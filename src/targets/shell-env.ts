// The environment of `run:` steps: the identity's credentials and region, and, where the
// target has its own endpoint, an `aws` wrapper first on PATH that adds --endpoint-url,
// because AWS CLI v1 and v2 before 2.13 ignore AWS_ENDPOINT_URL. When no AWS CLI is
// installed, the wrapper says how to get one instead of "command not found".
import { accessSync, chmodSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Credentials } from '../aws/index.js';

const WRAPPER = `#!/bin/sh
# Written by lab for the duration of a run: points the AWS CLI at the lab's endpoint.
if [ -z "$LAB_REAL_AWS" ]; then
  echo "lab: this step runs the AWS CLI, which is not installed." >&2
  echo "lab: install it (https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html," >&2
  echo "lab: or 'apt-get install awscli', or 'pip install awscli') and run the lab again." >&2
  exit 127
fi
for a in "$@"; do
  case "$a" in --endpoint-url|--endpoint-url=*) exec "$LAB_REAL_AWS" "$@" ;; esac
done
exec "$LAB_REAL_AWS" --endpoint-url "$LAB_ENDPOINT_URL" "$@"
`;

/** Find an executable on PATH, skipping one directory (the wrapper's own). */
export function which(name: string, path = process.env.PATH ?? '', skip?: string): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir || dir === skip) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

export class ShellEnv {
  private dir?: string;

  constructor(
    private readonly region: string,
    private readonly endpoint?: string,
  ) {}

  /** Variables to set; `undefined` means unset (a learner's own profile must not leak in). */
  env(creds: Credentials): Record<string, string | undefined> {
    const env: Record<string, string | undefined> = {
      AWS_ACCESS_KEY_ID: creds.accessKeyId,
      AWS_SECRET_ACCESS_KEY: creds.secretAccessKey,
      AWS_REGION: this.region,
      AWS_DEFAULT_REGION: this.region,
      // A learner's own profile and config must not leak into a lab step.
      AWS_PROFILE: undefined,
      AWS_DEFAULT_PROFILE: undefined,
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      AWS_PAGER: '',
    };
    if (creds.sessionToken) env.AWS_SESSION_TOKEN = creds.sessionToken;
    if (!this.endpoint) return env;
    env.AWS_ENDPOINT_URL = this.endpoint;
    env.LAB_ENDPOINT_URL = this.endpoint;
    const dir = this.wrapperDir();
    // LAB_AWS_CLI picks a particular AWS CLI (e.g. /usr/bin/aws for Debian's v2).
    env.LAB_REAL_AWS = process.env.LAB_AWS_CLI ?? which('aws', process.env.PATH, dir) ?? '';
    env.PATH = `${dir}${delimiter}${process.env.PATH ?? ''}`;
    return env;
  }

  private wrapperDir(): string {
    if (this.dir) return this.dir;
    this.dir = mkdtempSync(join(tmpdir(), 'lab-aws-'));
    const file = join(this.dir, 'aws');
    writeFileSync(file, WRAPPER);
    chmodSync(file, 0o755);
    return this.dir;
  }

  dispose(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
