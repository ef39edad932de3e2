// lab show <lab>: the lab as a learner will read it.
import { renderLab } from '../../ui/render-lab.js';
import { EXIT } from '../errors.js';
import { labLang, labsDir } from '../labs-dir.js';
import { loadLab } from '../load-lab.js';

export default async function show(name: string, opts: { dir?: string; lang?: string }): Promise<number> {
  const lab = loadLab(name, { dir: labsDir(opts.dir), lang: labLang(opts.lang) });
  process.stdout.write(renderLab(lab, { width: process.stdout.columns ?? 80 }));
  return EXIT.ok;
}
