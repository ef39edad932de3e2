// Runs the same tutorial body once per AWS CLI major version, against one `lab mock` process,
// each version in its own mock account so that the tutorial's resource names can be used as
// written. The two run side by side: each CLI call is a Python start-up (~0.5 s).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { awsCli } from './binaries.js';
import { startLabMock, type AnnouncedAccount, type LabMock } from './lab-mock-process.js';
import { awsShell, type Creds, type Shell } from './run-aws.js';

export interface TutorialContext {
  aws: Shell;
  account: AnnouncedAccount;
  admin: Creds;
  /** A fresh working directory, the CLI's cwd: where the tutorial's `file://` documents go. */
  dir: string;
  major: 1 | 2;
}

export function tutorialWithEachCli(title: string, body: (t: TutorialContext) => Promise<void>): void {
  describe(title, { concurrency: 2 }, () => {
    let mock: LabMock;
    const dirs: string[] = [];
    before(async () => {
      mock = await startLabMock(['--accounts', '2']);
    });
    after(async () => {
      const code = await mock?.stop();
      for (const d of dirs) rmSync(d, { recursive: true, force: true });
      // `lab mock` stops cleanly on SIGTERM (DESIGN §6).
      if (mock) assert0(code);
    });
    ([2, 1] as const).forEach((major, index) => {
      const cli = awsCli(major);
      const skip = cli ? false : `AWS CLI v${major} is not installed (looked on PATH and at /usr/bin/aws)`;
      it(`with AWS CLI v${major}${cli ? ` (${cli.version}, ${cli.path})` : ''}`, { skip }, async () => {
        const account = mock.accounts[index]!;
        const dir = mkdtempSync(join(tmpdir(), `lab-cli-v${major}-`));
        dirs.push(dir);
        await body({
          aws: awsShell(cli!, mock.endpoint, mock.region, dir),
          account,
          admin: { accessKeyId: account.admin.accessKeyId, secretAccessKey: account.admin.secretAccessKey },
          dir,
          major,
        });
      });
    });
  });
}

function assert0(code: number | null): void {
  if (code !== 0) throw new Error(`lab mock exited ${code} on SIGTERM`);
}
