/**
 * "Did you mean" suggestions: the closest allowed word by edit distance, when it is close enough to
 * be a likely typo (so a wild guess is never suggested).
 */

/**
 * Edit distance counting insertions, deletions, substitutions and swaps of neighbours as one edit
 * each (optimal string alignment), so `nmae` is one edit from `name`.
 * @param a first string
 * @param b second string
 */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

/**
 * The allowed word closest to `word`, or undefined when none is within a third of its length (min 1, max 3 edits).
 * Case differences count as free, since `VlanId` for `vlanId` is the commonest slip.
 * @param word what the user typed
 * @param allowed the words that would have been accepted
 */
export function closestWord(word: string, allowed: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
