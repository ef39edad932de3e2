// Where lab files are found: --dir, then $LAB_DIR, then the labs/ shipped with lab.
import { fileURLToPath } from 'node:url';

export function labsDir(opt?: string): string {
  return opt ?? process.env.LAB_DIR ?? fileURLToPath(new URL('../../../labs/', import.meta.url));
}

/** --lang, else the locale's language (LANG=ko_KR.UTF-8 -> ko), else English. */
export function labLang(opt?: string): string | undefined {
  if (opt) return opt;
  const locale = process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '';
  const lang = locale.split(/[_.@]/)[0]?.toLowerCase();
  return lang && lang !== 'c' && lang !== 'posix' && lang !== 'en' ? lang : undefined;
}
