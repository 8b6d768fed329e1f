/** One change build.ts makes to chevrotain's code in the plain check's bundle (and only there). */

/**
 * Chevrotain fills a table of 65,536 entries (a code unit's block, `i > 255 ? 255 + ~~(i / 255) : i`)
 * the first time a lexer is built, one entry at a time: 2% of a whole check's instructions, for a
 * value its one reader can compute. The bundle's copy reads it as that computation instead: the same
 * index for every code unit (0 to 65,535, all a string's charCodeAt can give), so every token is the
 * same. Matched as exact text: another chevrotain version keeps its own table (the check is then only
 * slower), and test/cli/check-bundle.test.ts says so. Both texts are chevrotain 11.2.0's minified
 * lib/chevrotain.min.mjs (`je` reads the table, `tT` fills it).
 */
export const CHEVROTAIN_BLOCK_TABLE = {
  from: 'function je(t){return t<ir?t:Ln[t]}function tT(){if(O(Ln)){Ln=new Array(65536);for(let t=0;t<65536;t++)Ln[t]=t>255?255+~~(t/255):t}}',
  to: 'function je(t){return t<ir?t:255+~~(t/255)}function tT(){}',
};

