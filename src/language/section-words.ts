/**
 * The words that start a section, and the words near enough to one to be taken for a misspelling
 * of it (`comission`, `bonsu`, `redline`): used for "did you mean …?" (parse.ts) and to tell
 * where a section that could not be read ends (syntax-cascade.ts).
 */
import { closest } from './closest.js';

/** The first word of every kind of section (grammar/parser.ts `sectionAlternatives`), for "did you mean …?". */
export const SECTION_FIRST_WORDS = ['table', 'credit', 'quota', 'commission', 'bonus', 'draw', 'red', 'must', 'ranking', 'scoring', 'indicator', 'tier', 'budget', 'assert', 'pay'];

/**
 * The section word `word` is, or is a misspelling of: one of {@link SECTION_FIRST_WORDS}, or
 * `redline` / `mustwin` (the two-word sections written as one). A word of three letters or fewer
 * must match exactly (too short to guess from); longer ones may be two edits away. Null when
 * `word` is not a plain word or is near none.
 */
export function nearSectionWord(word: string): string | null {
  if (!/^[A-Za-z]+$/.test(word)) return null;
  return closest(word.toLowerCase(), [...SECTION_FIRST_WORDS, 'redline', 'mustwin'], word.length <= 3 ? 0 : 2);
}
