/**
 * A user's name or text as shown inside a message: whole up to {@link LONGEST_SHOWN} characters,
 * else its start and end around "…", so a 3,000-character name pasted by mistake does not fill
 * the terminal (and every hint that lists it).
 */

/** Longest name, in characters (code points), shown whole. */
export const LONGEST_SHOWN = 60;

/** `name` itself, or its first 40 and last 12 characters joined by "…" when it is longer than {@link LONGEST_SHOWN}. */
export function shownName(name: string): string {
  if (name.length <= LONGEST_SHOWN) return name;
  const chars = Array.from(name);
  if (chars.length <= LONGEST_SHOWN) return name;
  return `${chars.slice(0, 40).join('')}…${chars.slice(-12).join('')}`;
}

/** `text` with every double-quoted part longer than {@link LONGEST_SHOWN} characters shortened by {@link shownName}. */
export function withShortQuotes(text: string): string {
  if (text.length <= LONGEST_SHOWN) return text;
  // Every quoted part is matched, short ones too, so quotes pair up from the left (the text between two names is never taken for one).
  return text.replace(/"([^"\n]*)"/g, (whole, inner: string) => (inner.length > LONGEST_SHOWN ? `"${shownName(inner)}"` : whole));
}
