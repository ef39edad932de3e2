// lab list: the labs with title, accounts, duration and languages.
import { listLabs, parseLabFile } from '../../lab/index.js';
import { EXIT } from '../errors.js';
import { labsDir } from '../labs-dir.js';
import { c } from '../../ui/colors.js';

export default async function list(opts: { dir?: string; json?: boolean }): Promise<number> {
  const rows = listLabs(labsDir(opts.dir)).map((entry) => {
    const { lab, errors } = parseLabFile(entry.file);
    return {
      id: entry.id,
      title: lab?.meta.title ?? `(invalid: ${errors[0]?.message ?? 'unreadable'})`,
      accounts: lab?.meta.accounts ?? [],
      duration: lab?.meta.duration ?? '',
      languages: ['en', ...Object.keys(entry.files).filter((l) => l !== 'en')],
    };
  });
  if (opts.json) {
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT.ok;
  }
  const w = Math.max(2, ...rows.map((r) => r.id.length));
  for (const r of rows) {
    const meta = [r.accounts.join(', '), r.duration, r.languages.join('/')].filter(Boolean).join(' · ');
    process.stdout.write(`${c.bold(r.id.padEnd(w))}  ${r.title}\n${' '.repeat(w)}  ${c.dim(meta)}\n`);
  }
  return EXIT.ok;
}
