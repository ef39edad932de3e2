// "Did you mean ...?" for lab authors: the closest candidate by edit distance, when it is
// close enough to be a plausible typo rather than a different word.

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions, which are
 * the commonest typo: CreateRoel). Case-insensitive, since `createrole` means CreateRole. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[s.length]![t.length]!;
}

/** The candidate nearest to `word`, or undefined when none is within a third of its length
 * (at least one edit allowed, so `cal` still finds `call`). */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    if (c === word) continue;
    const dist = editDistance(word, c);
    if (dist < bestDist && dist <= limit) {
      best = c;
      bestDist = dist;
    }
  }
  return best;
}

/** ` (did you mean X?)` or the empty string. */
export function didYouMean(word: string, candidates: Iterable<string>, render = (s: string) => s): string {
  const c = closest(word, candidates);
  return c === undefined ? '' : ` (did you mean ${render(c)}?)`;
}
