// Runs a boto3 script of this folder against `lab mock` as a reader's shell would: the mock's
// first admin key in the environment, no AWS_* setting or file of the machine.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot, type LabMock } from './lab-mock-process.js';

export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `python test/clients/<script> <endpoint> <args...>`; resolves whatever the exit code. */
export function runBoto3Script(python: string, script: string, mock: LabMock, args: string[]): Promise<ScriptResult> {
  const admin = mock.accounts[0]!.admin;
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  Object.assign(env, {
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_DEFAULT_REGION: mock.region,
    AWS_ACCESS_KEY_ID: admin.accessKeyId,
    AWS_SECRET_ACCESS_KEY: admin.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  return new Promise((resolve) => {
    execFile(python, [join(repoRoot, 'test/clients', script), mock.endpoint, ...args], { env, encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}
