/** "Did you mean …?" suggestions for misspelt names. */
import { closest } from '../language/closest.js';
import { sortedText } from '../language/collation.js';
import { shownName } from '../language/shown-name.js';

export { closest };

/**
 * A hint naming the closest candidate, or listing the first `limit` of them in
 * code-point order (the same on every machine; see collation.ts).
 */
export function suggestionHint(name: string, candidates: string[], what: string, limit = 8): string {
  const near = closest(name, candidates);
  if (near) return `did you mean "${near}"?`;
  if (candidates.length === 0) return `no ${what} defined here`;
  const shown = sortedText(candidates).slice(0, limit).map(shownName);
  return `known ${what}: ${shown.join(', ')}${candidates.length > shown.length ? ', …' : ''}`;
}
