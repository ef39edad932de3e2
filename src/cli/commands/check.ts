// lab check [file...]: validate lab files; print file:line errors; exit 2 when any has one.
// With --run, also prove each lab's claims: run it on a fresh embedded mock and fail (exit 1)
// when a step's outcome differs from what the lab says, or cleanup leaves something.
import { listLabs } from '../../lab/index.js';
import type { Lab } from '../../lab/types.js';
import { EXIT, LabErrors } from '../errors.js';
import { labsDir } from '../labs-dir.js';
import { validateLabFile } from '../load-lab.js';
import { c } from '../../ui/colors.js';

export default async function check(files: string[], opts: { dir?: string; run?: boolean }): Promise<number> {
  const targets = files.length ? files : listLabs(labsDir(opts.dir)).flatMap((l) => Object.values(l.files));
  let bad = 0;
  let failed = 0;
  for (const file of targets) {
    let lab: Lab;
    try {
      lab = validateLabFile(file);
    } catch (e) {
      if (!(e instanceof LabErrors)) throw e;
      bad++;
      for (const err of e.errors) process.stderr.write(`${String(err)}\n`);
      continue;
    }
    const actions = lab.steps.reduce((n, s) => n + s.actions.length, 0);
    const shape = `${lab.steps.length} steps, ${actions} actions`;
    if (!opts.run) {
      process.stdout.write(`${c.green('ok')}   ${file} (${shape})\n`);
      continue;
    }
    const problems = await runClaims(lab);
    if (problems.length) {
      failed++;
      process.stdout.write(`${c.red('FAIL')} ${file} (${shape})\n`);
      for (const p of problems) process.stdout.write(`     ${p}\n`);
    } else process.stdout.write(`${c.green('ok')}   ${file} (${shape}, every claim holds on the mock)\n`);
  }
  const total = targets.length;
  if (bad) process.stderr.write(`${bad} of ${total} lab file(s) have errors\n`);
  if (failed) process.stderr.write(`${failed} of ${total} lab(s) make claims that do not hold\n`);
  return bad ? EXIT.usage : failed ? EXIT.failed : EXIT.ok;
}

async function runClaims(lab: Lab): Promise<string[]> {
  const { startMockTarget } = await import('../../targets/mock.js');
  const { runLab } = await import('../../runner/run-lab.js');
  const target = await startMockTarget({ accounts: lab.meta.accounts });
  try {
    const before = JSON.stringify(target.inventory?.());
    const r = await runLab(lab, target, { prefix: 'lab-check', runId: `check-${Date.now().toString(36)}` });
    const problems = r.steps.flatMap((s) =>
      s.actions.flatMap((a) => a.problems.map((p) => `${a.action.pos.file}:${a.action.pos.line}: ${s.step.title}: ${p}`)),
    );
    if (r.steps.length < lab.steps.length && !problems.length) problems.push('the run stopped before the last step');
    for (const cl of r.cleanup.filter((x) => !x.ok)) problems.push(`cleanup: ${cl.item.call} failed: ${cl.error?.code} ${cl.error?.message}`);
    if (JSON.stringify(target.inventory?.()) !== before) problems.push('the run left something behind in the mock (its inventory changed)');
    return problems;
  } finally {
    await target.close();
  }
}
