/**
 * How a value from a data file is shown inside a message: quoted, with every
 * invisible or terminal-controlling character written out, and cut to a readable
 * length. Data comes from files nobody on the team wrote: a name holding
 * `\x1b[2J` must not clear the analyst's screen, a NUL or a zero-width space must
 * be visible (`"ann\u0000"`), and a 20 MB header must not be echoed whole.
 */

/** Characters shown before a value is cut (counted in the escaped text). */
export const SHOWN_CHARACTERS = 60;

// C0 and C1 control characters, DEL, and the invisible format characters that
// make two texts look alike or reorder what the terminal shows: soft hyphen,
// Arabic letter mark, Mongolian vowel separator, zero-width space/joiners,
// left-to-right/right-to-left marks and embeddings/overrides/isolates, line and
// paragraph separators, word joiner and invisible operators, the BOM, and the
// interlinear annotation and object replacement characters. Also the spaces that look like a
// space but are not one (no-break, figure and narrow no-break space, which French and German
// Excel put between thousands): shown as a plain space, "10 000" would not say why it is refused.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00a0\u00ad\u2007\u202f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffc]/;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '"': '\\"', '\\': '\\\\' };

/** True when `text` holds a character that {@link showValue} writes as an escape (other than `"` and `\`). */
export function hasInvisible(text: string): boolean {
  return INVISIBLE.test(text);
}

/** The escape of one character (one UTF-16 unit, or a whole code point for astral characters). */
function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named !== undefined) return named;
  const c = ch.charCodeAt(0);
  // A lone surrogate (half of an astral character) cannot be printed: it would become U+FFFD.
  const lone = ch.length === 1 && c >= 0xd800 && c <= 0xdfff;
  if (lone || INVISIBLE.test(ch)) return `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return ch;
}

/** Number of characters (Unicode code points) in `text`, without building an array. */
export function characterCount(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const p = text.charCodeAt(i - 1);
      if (p >= 0xd800 && p <= 0xdbff) n--;
    }
  }
  return n;
}

/**
 * `text` written out so that every character is visible and harmless on a terminal,
 * WITHOUT quotes: line breaks as `\n`, tabs as `\t`, `"` as `\"`, `\` as `\\`,
 * control and invisible format characters as `\uXXXX` (ESC is `\u001B`, a
 * zero-width space `\u200B`). Cut after about `max` characters of the escaped text,
 * then `… (N characters)` gives the full length of `text` in code points.
 */
export function escapeValue(text: string, max = SHOWN_CHARACTERS): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (out.length >= max) return `${out}… (${characterCount(text)} characters)`;
    const c = text.charCodeAt(i);
    // Keep a surrogate pair together so a cut never splits an astral character.
    const next = text.charCodeAt(i + 1);
    const width = c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
    out += escapeChar(text.slice(i, i + width));
    i += width;
  }
  return out;
}

/**
 * A value as quoted in a message: `"ann\u0000"`, `"\u001B[2J"`,
 * `"Smith, John"`, `"xxxx…… (20971520 characters)"`. See {@link escapeValue}.
 */
export function showValue(text: string, max = SHOWN_CHARACTERS): string {
  return `"${escapeValue(text, max)}"`;
}
