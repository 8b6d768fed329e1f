/** "Did you mean …?" suggestions for misspelt names. */
import { sortedText } from '../language/collation.js';

function distance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/** The closest candidate within a small edit distance, or null. */
export function closest(name: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = candidate.toLowerCase() === name.toLowerCase() ? 0 : distance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * A hint naming the closest candidate, or listing the first `limit` of them in
 * code-point order (the same on every machine; see collation.ts).
 */
export function suggestionHint(name: string, candidates: string[], what: string, limit = 8): string {
  const near = closest(name, candidates);
  if (near) return `did you mean "${near}"?`;
  if (candidates.length === 0) return `no ${what} defined here`;
  const shown = sortedText(candidates).slice(0, limit);
  return `known ${what}: ${shown.join(', ')}${candidates.length > shown.length ? ', …' : ''}`;
}
