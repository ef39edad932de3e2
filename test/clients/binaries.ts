// Finds the third-party clients installed on this machine: AWS CLI v1 and v2 and the Python
// interpreters that can import boto3. CI has Debian's awscli (v2) at /usr/bin/aws and python3-boto3
// at /usr/bin/python3; the image's own Python (pyenv shims on PATH) carries CLI v1 and boto3.
// The shim may shadow /usr/bin on PATH, so every candidate is identified by what it reports,
// not by which comes first.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, realpathSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Every executable called `name` on PATH plus the given fixed paths, first occurrence kept. */
function candidates(name: string, fixed: string[]): string[] {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  const found: string[] = [];
  const seen = new Set<string>();
  for (const p of [...dirs.map((d) => join(d, name)), ...fixed]) {
    try {
      accessSync(p, constants.X_OK);
    } catch {
      continue;
    }
    // /bin is often a link to /usr/bin; compare real paths. Shims are scripts, so two shims
    // of different interpreters stay distinct.
    const real = realpathSync(p);
    if (seen.has(real)) continue;
    seen.add(real);
    found.push(p);
  }
  return found;
}

export interface AwsCli {
  path: string;
  major: 1 | 2;
  version: string;
}

function awsVersion(path: string): AwsCli | undefined {
  // `aws --version` prints to stdout on v2 and to stderr on old v1 builds.
  const r = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  const m = /aws-cli\/(([12])\.\S+)/.exec(`${r.stdout}${r.stderr}`);
  if (r.status !== 0 || !m) return undefined;
  return { path, major: Number(m[2]) as 1 | 2, version: m[1]! };
}

let clis: AwsCli[] | undefined;

/** The first AWS CLI of the given major version, or undefined when none is installed. */
export function awsCli(major: 1 | 2): AwsCli | undefined {
  clis ??= candidates('aws', ['/usr/bin/aws']).map(awsVersion).filter((c): c is AwsCli => c !== undefined);
  return clis.find((c) => c.major === major);
}

export interface Python {
  path: string;
  /** "boto3 1.26.27, botocore 1.29.27" */
  boto3: string;
}

/** /usr/bin/python3 and any other python3 on PATH, each with the boto3 version it imports;
 * `missing` lists the interpreters found without boto3, for the skip reason. */
export function pythonsWithBoto3(): { found: Python[]; missing: string[] } {
  const found: Python[] = [];
  const missing: string[] = [];
  const interpreters = new Set<string>();
  // A shim may resolve to the same interpreter as /usr/bin/python3: run each only once.
  const probe = 'import os, sys, boto3, botocore; print(os.path.realpath(sys.executable)); print("boto3", boto3.__version__ + ", botocore", botocore.__version__)';
  for (const path of candidates('python3', ['/usr/bin/python3'])) {
    const r = spawnSync(path, ['-c', probe], { encoding: 'utf8', timeout: 30_000 });
    if (r.status !== 0) {
      missing.push(path);
      continue;
    }
    const [exe, versions] = r.stdout.trim().split('\n');
    if (interpreters.has(exe!)) continue;
    interpreters.add(exe!);
    found.push({ path, boto3: versions! });
  }
  return { found, missing };
}
