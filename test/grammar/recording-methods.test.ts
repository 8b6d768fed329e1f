/**
 * Chevrotain records the grammar by giving the parser recording versions of CONSUME, OR, MANY…
 * as its own properties, then takes them away. PlaybookParser.disableRecording (grammar/parser.ts)
 * puts the prototype's methods back in their place instead of deleting them (quicker at start-up):
 * here, that chevrotain gave no recording method the list does not name (a chevrotain upgrade that
 * adds one fails here, not at parse time) and that none is left once the parser is built.
 */
import { describe, expect, it } from 'vitest';
import { PlaybookParser, RECORDING_METHODS } from '../../grammar/parser.js';

/** A parser that notes which own properties chevrotain's enableRecording gave it. */
class Spy extends PlaybookParser {
  static shadowing: string[] = [];
  protected enableRecording(): void {
    const own = this as unknown as Record<string, unknown>;
    const before = new Map(Object.keys(own).map((k) => [k, own[k]]));
    (PlaybookParser.prototype as unknown as { enableRecording(): void }).enableRecording.call(this);
    Spy.shadowing = Object.keys(own).filter((k) => typeof own[k] === 'function' && before.get(k) !== own[k]);
  }
}

/** Which of `keys` the parser still holds as its own property other than the prototype's method of the same name. */
function shadowed(parser: PlaybookParser, keys: string[]): string[] {
  const prototype = Object.getPrototypeOf(parser) as Record<string, unknown>;
  const own = parser as unknown as Record<string, unknown>;
  return keys.filter((k) => Object.prototype.hasOwnProperty.call(own, k) && own[k] !== prototype[k]);
}

describe('the grammar recording methods', () => {
  for (const shape of ['nested', 'flat'] as const) {
    it(`are all named in RECORDING_METHODS and none is left after building the ${shape} parser`, () => {
      const parser = new Spy(false, 'onlyOffset', shape);
      // Chevrotain gave about a hundred (ten occurrences of CONSUME, OR, MANY…): all named in the list.
      expect(Spy.shadowing.length).toBeGreaterThan(80);
      expect(Spy.shadowing.filter((k) => !RECORDING_METHODS.includes(k))).toEqual([]);
      expect(shadowed(parser, Spy.shadowing)).toEqual([]);
      expect((parser as unknown as { RECORDING_PHASE: boolean }).RECORDING_PHASE).toBe(false);
    });
  }
});
