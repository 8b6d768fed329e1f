/**
 * Chevrotain's own LL(k) lookahead, computed when a decision is first taken rather than all at start-up.
 *
 * `performSelfAnalysis` builds one lookahead function per alternation, option and repetition of the
 * grammar — about half of the parser's start-up — although a playbook uses only the rules it has
 * (a commission-only plan never reaches the scoring, tier or stages rules). Here each function is
 * built by the same `LLkLookaheadStrategy` from the same arguments the first time the parser asks for
 * it, so every decision, and every error message (chevrotain words those from the grammar, not from
 * these functions), is the same as with the default strategy.
 */
import type { ILookaheadStrategy, ILookaheadValidationError, IOrAlt, OptionalProductionType, Rule, TokenType } from 'chevrotain';
import { LLkLookaheadStrategy } from './chevrotain.js';

type Alternation = Parameters<ILookaheadStrategy['buildLookaheadForAlternation']>[0];
type Optional = Parameters<ILookaheadStrategy['buildLookaheadForOptional']>[0];

export class LazyLookaheadStrategy implements ILookaheadStrategy {
  private readonly eager: ILookaheadStrategy;

  /** @param maxLookahead the most tokens a decision may look at (chevrotain's `maxLookahead`). */
  constructor(maxLookahead: number) {
    this.eager = new LLkLookaheadStrategy({ maxLookahead });
  }

  /** The grammar validations (ambiguities, left recursion), unchanged: they run only when asked for (test/grammar). */
  validate(options: { rules: Rule[]; tokenTypes: TokenType[]; grammarName: string }): ILookaheadValidationError[] {
    return this.eager.validate(options);
  }

  buildLookaheadForAlternation(options: Alternation): (orAlts?: IOrAlt<unknown>[]) => number | undefined {
    const eager = this.eager;
    let built: ((orAlts?: IOrAlt<unknown>[]) => number | undefined) | undefined;
    return function (this: unknown, orAlts?: IOrAlt<unknown>[]) {
      built ??= eager.buildLookaheadForAlternation(options);
      return built.call(this, orAlts);
    };
  }

  buildLookaheadForOptional(options: Optional & { prodType: OptionalProductionType }): () => boolean {
    const eager = this.eager;
    let built: (() => boolean) | undefined;
    return function (this: unknown) {
      built ??= eager.buildLookaheadForOptional(options);
      return built.call(this);
    };
  }
}
