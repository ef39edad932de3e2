// lab check [file...]: validate lab files; print file:line errors; exit 2 when any has one.
import { listLabs } from '../../lab/index.js';
import { EXIT, LabErrors } from '../errors.js';
import { labsDir } from '../labs-dir.js';
import { validateLabFile } from '../load-lab.js';
import { c } from '../../ui/colors.js';

export default async function check(files: string[], opts: { dir?: string }): Promise<number> {
  const targets = files.length ? files : listLabs(labsDir(opts.dir)).flatMap((l) => Object.values(l.files));
  let bad = 0;
  for (const file of targets) {
    try {
      const lab = validateLabFile(file);
      const actions = lab.steps.reduce((n, s) => n + s.actions.length, 0);
      process.stdout.write(`${c.green('ok')}   ${file} (${lab.steps.length} steps, ${actions} actions)\n`);
    } catch (e) {
      if (!(e instanceof LabErrors)) throw e;
      bad++;
      for (const err of e.errors) process.stderr.write(`${String(err)}\n`);
    }
  }
  if (bad) process.stderr.write(`${bad} of ${targets.length} lab file(s) have errors\n`);
  return bad ? EXIT.usage : EXIT.ok;
}
