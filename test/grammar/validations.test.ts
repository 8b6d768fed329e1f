/** The shipped parser skips chevrotain's grammar validations for a quick start; they run here instead. */
import { describe, expect, it } from 'vitest';
import { PlaybookParser } from '../../grammar/parser.js';

describe('grammar', () => {
  it('passes chevrotain grammar validations (no ambiguity, no left recursion)', () => {
    expect(() => new PlaybookParser(true)).not.toThrow();
  });
});
