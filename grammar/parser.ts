/**
 * The playbook grammar, as a chevrotain CST parser with error recovery.
 *
 * Every statement starts with its own keyword (`table`, `field`, `credit`,
 * `commission`, `from`, ...), so the parser can resynchronise after a mistake
 * and report every syntax error of a file in one run. The parse tree (CST) is
 * turned into the AST by `src/language/cst-to-ast.ts`; nothing else reads it.
 */
import type { CstNode, ILexingResult, IOrAlt, IRecognitionException, IToken } from 'chevrotain';
import { CstParser } from './chevrotain.js';
import { LazyLookaheadStrategy } from './lazy-lookahead.js';
import { playbookLexer } from './lexer.js';
import * as T from './tokens.js';

/**
 * How the parser reads expressions. 'nested': one rule per precedence level (`expression` → `andExpr`
 * → `notExpr` → `comparison` → `additive` → `multiplicative` → `unary` → `primary` → `reference`),
 * the reference grammar: its structure decides chevrotain's error recovery and the "expected …"
 * of every syntax error, and the syntax diagrams show it. 'flat': one node per expression with its
 * operators and operands in text order, about ten times fewer CST nodes on a large playbook; used
 * first by {@link parsePlaybookText}, which falls back to 'nested' for any text with a syntax error.
 */
export type ExpressionShape = 'nested' | 'flat';

/**
 * The nested grammar's expressions as a sequence of the flat rule's parts, one letter each: `N` a
 * prefix `not`, `-` a prefix minus, `o` an operand, `|` or, `&` and, `c` a comparison operator, `a`
 * + − × ÷, `m` a closing `is [not] missing` or `[not] in (…)`. An and/or operand is `not`s, then an
 * arithmetic run of signed operands, then at most one comparison (`a < b < c` is not a sentence).
 */
const NESTED_SHAPE = /^N*-*o(?:a-*o)*(?:c-*o(?:a-*o)*|m)?(?:[|&]N*-*o(?:a-*o)*(?:c-*o(?:a-*o)*|m)?)*$/;

/** The methods chevrotain 11 gives a parser while it records the grammar (`enableRecording`); see {@link PlaybookParser.disableRecording}. */
export const RECORDING_METHODS: readonly string[] = [
  ...['CONSUME', 'SUBRULE', 'OPTION', 'OR', 'MANY', 'MANY_SEP', 'AT_LEAST_ONE', 'AT_LEAST_ONE_SEP'].flatMap((m) => Array.from({ length: 10 }, (_, i) => `${m}${i > 0 ? i : ''}`)),
  'consume', 'subrule', 'option', 'or', 'many', 'atLeastOne', 'ACTION', 'BACKTRACK', 'LA',
];

export class PlaybookParser extends CstParser {
  /**
   * @param validate run chevrotain's grammar validations (ambiguities, left recursion). They cost
   * about 0.1 s at every start-up and the grammar is fixed, so the shipped parser skips them and a
   * test (test/grammar) builds the parser with them on.
   * @param nodeLocationTracking what each CST node's `location` holds; 'full' only for the test that
   * compares it with the spans computed from offsets.
   */
  constructor(validate = false, nodeLocationTracking: 'onlyOffset' | 'full' = 'onlyOffset', expressions: ExpressionShape = 'nested') {
    // nodeLocationTracking: the offsets of each node's first and last real token, kept while parsing (tokens
    // inserted by error recovery have no position and are left out), so the AST builder need not walk the
    // tree again. Offsets only: 'full' also copies four line/column numbers into every node (the builder
    // takes them from the tokens at those offsets; test/grammar/node-spans.test.ts compares the two).
    // Error recovery only in the nested parser: the flat one's tree is used only when the text has no syntax
    // error, so it stops at the first one (and chevrotain then skips the follow sets recovery needs, about a
    // quarter of the start-up analysis, and the recovery checks at the end of every repetition).
    // Lookahead functions are built when first used (grammar/lazy-lookahead.ts), not all at start-up.
    super(T.allTokens, { recoveryEnabled: expressions === 'nested', maxLookahead: 3, lookaheadStrategy: new LazyLookaheadStrategy(3), skipValidations: !validate, nodeLocationTracking });
    // Set before the grammar is recorded (performSelfAnalysis runs every rule's body once).
    this.flat = expressions === 'flat';
    // Only the flat parser has operands (the nested grammar, and so its diagrams, stay as they are).
    if (this.flat) this.operand = this.defineOperand();
    this.performSelfAnalysis();
  }

  /**
   * Ends chevrotain's grammar recording (called by performSelfAnalysis) as chevrotain 11's own
   * `disableRecording` does, except that each recording method the parser was given is replaced by
   * the prototype's method it shadowed instead of deleted: the same function is called afterwards,
   * but about a hundred deletes from an object chevrotain has made a prototype cost ~3 ms at every
   * start-up (a fifth of the recording). test/grammar/recording-methods.test.ts checks that no
   * recording method is left.
   */
  protected disableRecording(): void {
    const self = this as unknown as Record<string, unknown> & { RECORDING_PHASE: boolean };
    const prototype = Object.getPrototypeOf(this) as Record<string, unknown>;
    self.RECORDING_PHASE = false;
    for (const key of RECORDING_METHODS) if (Object.prototype.hasOwnProperty.call(self, key)) self[key] = prototype[key];
  }

  /** Whether expressions are read by the flat rule (see {@link ExpressionShape}). */
  private flat = false;
  /**
   * Expressions of the last parse the flat rule read but the nested grammar would not accept
   * (`a < b < c`, `a + not b`, `x is missing + 1`): the text must be parsed again with the nested one.
   */
  public outsideNestedGrammar = 0;
  /** The flat parser's operand rule (undefined in the nested parser). */
  private operand!: ReturnType<PlaybookParser['defineOperand']>;

  public playbook = this.RULE('playbook', () => {
    this.SUBRULE(this.header);
    this.MANY(() => this.SUBRULE(this.section));
  });

  private header = this.RULE('header', () => {
    this.CONSUME(T.Playbook);
    this.CONSUME(T.StringLiteral);
    this.MANY(() => this.SUBRULE(this.headerItem));
  });

  private headerItem = this.RULE('headerItem', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Currency); this.CONSUME(T.Identifier); } },
      { ALT: () => { this.CONSUME(T.Time); this.CONSUME(T.Zone); this.CONSUME1(T.StringLiteral); } },
      // `Sept.`: an abbreviation's point is read with the month, so the check names the month to write in full.
      { ALT: () => { this.CONSUME(T.Fiscal); this.CONSUME(T.Year); this.CONSUME(T.Starts); this.CONSUME2(T.Identifier); this.OPTION2(() => this.CONSUME(T.Dot)); } },
      { ALT: () => { this.CONSUME(T.Plan); this.CONSUME(T.Period); this.CONSUME(T.NumberLiteral); } },
      {
        ALT: () => {
          this.CONSUME(T.Rounding);
          this.CONSUME(T.RoundingMode);
          this.CONSUME(T.To);
          this.CONSUME2(T.NumberLiteral);
          this.OPTION(() => { this.CONSUME(T.Per); this.CONSUME(T.Payout); this.CONSUME(T.Line); });
        },
      },
    ]);
    // `currency USD, time zone "UTC"`: a comma between the header's items, as people write lists,
    // separates them as `·` and `;` do.
    this.OPTION1(() => this.CONSUME(T.Comma));
  });

  /**
   * The alternatives of the commonest ORs, made once per parser. An OR's array literal would be made
   * again, with a closure per alternative, at every call (16 here per section, 11 per operand, 12 per
   * operator): on a large playbook most of what the parser allocates. Chevrotain's own advice for speed;
   * the grammar it records is the same. Only alternatives that read nothing but `this` can be kept.
   */
  private readonly sectionAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.SUBRULE(this.tableSection) },
    { ALT: () => this.SUBRULE(this.creditRule) },
    { ALT: () => this.SUBRULE(this.quotaRule) },
    { ALT: () => this.SUBRULE(this.commissionRule) },
    { ALT: () => this.SUBRULE(this.bonusRule) },
    { ALT: () => this.SUBRULE(this.drawRule) },
    { ALT: () => this.SUBRULE(this.redLineRule) },
    { ALT: () => this.SUBRULE(this.mustWinRule) },
    { ALT: () => this.SUBRULE(this.rankingRule) },
    { ALT: () => this.SUBRULE(this.scoringSection) },
    { ALT: () => this.SUBRULE(this.indicatorRule) },
    { ALT: () => this.SUBRULE(this.tierRule) },
    { ALT: () => this.SUBRULE(this.budgetRule) },
    { ALT: () => this.SUBRULE(this.assertRule) },
    { ALT: () => this.SUBRULE(this.stagesRule) },
    { ALT: () => this.SUBRULE(this.payTimeBudget) },
  ];

  private section = this.RULE('section', () => {
    this.OR(this.sectionAlternatives);
  });

  private readonly nameAlternatives: IOrAlt<unknown>[] = [{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.QuotedIdentifier) }];

  private name = this.RULE('name', () => {
    this.OR(this.nameAlternatives);
  });

  // ---- data ----------------------------------------------------------------

  private tableSection = this.RULE('tableSection', () => {
    this.CONSUME(T.Table);
    this.SUBRULE(this.name);
    this.CONSUME(T.From);
    this.CONSUME(T.StringLiteral);
    this.MANY(() => {
      this.OR([
        { ALT: () => { this.CONSUME(T.Delimiter); this.CONSUME1(T.StringLiteral); } },
        { ALT: () => { this.CONSUME(T.Locale); this.CONSUME(T.Identifier); } },
        { ALT: () => { this.CONSUME(T.Encoding); this.CONSUME2(T.StringLiteral, { LABEL: 'encoding' }); } },
        { ALT: () => { this.CONSUME(T.Sheet); this.CONSUME3(T.StringLiteral, { LABEL: 'sheet' }); } },
      ]);
    });
    this.MANY1(() => {
      this.OR1([
        { ALT: () => this.SUBRULE(this.fieldDecl) },
        { ALT: () => this.SUBRULE(this.deriveDecl) },
        { ALT: () => this.SUBRULE(this.outcomeDecl) },
      ]);
    });
  });

  private fieldDecl = this.RULE('fieldDecl', () => {
    this.CONSUME(T.Field);
    this.SUBRULE(this.name);
    this.CONSUME(T.Identifier, { LABEL: 'type' });
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: 'format' }));
    this.MANY(() => this.SUBRULE(this.fieldOption));
  });

  private fieldOption = this.RULE('fieldOption', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Column); this.CONSUME(T.StringLiteral); } },
      { ALT: () => this.CONSUME(T.Key) },
      { ALT: () => this.CONSUME(T.Optional) },
      { ALT: () => this.CONSUME(T.Multiline) },
      { ALT: () => { this.CONSUME(T.Default); this.CONSUME1(T.StringLiteral); } },
      { ALT: () => { this.CONSUME(T.Lookup); this.SUBRULE(this.name); } },
      { ALT: () => { this.CONSUME(T.Alias); this.CONSUME2(T.StringLiteral); this.CONSUME(T.Equal); this.CONSUME3(T.StringLiteral); } },
      { ALT: () => { this.CONSUME(T.Label); this.CONSUME4(T.StringLiteral); } },
    ]);
  });

  private deriveDecl = this.RULE('deriveDecl', () => {
    this.CONSUME(T.Derive);
    this.SUBRULE(this.name);
    this.CONSUME(T.Equal);
    this.SUBRULE(this.expression);
  });

  private outcomeDecl = this.RULE('outcomeDecl', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Won) }, { ALT: () => this.CONSUME(T.Lost) }]);
    this.CONSUME(T.When);
    this.SUBRULE(this.expression);
  });

  // ---- crediting and quotas ------------------------------------------------

  private creditRule = this.RULE('creditRule', () => {
    this.CONSUME(T.Credit);
    this.OPTION(() => this.CONSUME(T.StringLiteral));
    this.CONSUME(T.Deals);
    this.CONSUME(T.When);
    this.SUBRULE(this.expression, { LABEL: 'condition' });
    this.CONSUME(T.To);
    this.SUBRULE(this.name, { LABEL: 'rep' });
    this.CONSUME(T.On);
    this.SUBRULE1(this.name, { LABEL: 'date' });
    this.CONSUME(T.Amount);
    this.SUBRULE1(this.expression, { LABEL: 'amount' });
    // `split by credit_splits`: a table of (deal, person, share) rows that share a deal's credit.
    this.OPTION1(() => { this.CONSUME(T.Split); this.CONSUME(T.By); this.SUBRULE2(this.name, { LABEL: 'splitTable' }); });
  });

  // `year`, `quarter` or `month`: any word is read here and checked when the AST is
  // built, so a misspelt unit is one clear error and does not derail the rest of the rule.
  private periodUnit = this.RULE('periodUnit', () => {
    this.CONSUME(T.Identifier);
  });

  private quotaRule = this.RULE('quotaRule', () => {
    this.CONSUME(T.Quota);
    this.SUBRULE(this.name);
    this.CONSUME(T.Equal);
    this.SUBRULE(this.expression);
    this.CONSUME(T.Per);
    this.CONSUME(T.Year);
    this.OPTION4(() => this.SUBRULE(this.effectiveDates));
    this.OPTION(() => {
      this.CONSUME(T.Split);
      this.OR([
        { ALT: () => { this.CONSUME(T.Evenly); this.CONSUME(T.By); this.CONSUME(T.Month); } },
        {
          ALT: () => {
            this.CONSUME1(T.By);
            this.CONSUME1(T.Month);
            this.CONSUME(T.Weights);
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.PercentLiteral) });
          },
        },
      ]);
    });
    // `prorated by days from start_date`: a rep who joins during the plan period gets a part.
    this.OPTION1(() => {
      this.CONSUME(T.Prorated);
      this.CONSUME2(T.By);
      this.OR1([{ ALT: () => this.CONSUME(T.Days) }, { ALT: () => this.CONSUME(T.Months) }]);
      this.CONSUME(T.From);
      this.SUBRULE1(this.name, { LABEL: 'prorateField' });
    });
  });

  // ---- commission ----------------------------------------------------------

  private commissionRule = this.RULE('commissionRule', () => {
    this.CONSUME(T.Commission);
    this.CONSUME(T.StringLiteral);
    this.CONSUME(T.On);
    this.OR([
      // `on team credited by manager`: an overlay on the credit of the reps whose manager field names the rep.
      { ALT: () => { this.CONSUME(T.Team); this.CONSUME1(T.Credited); this.CONSUME(T.By); this.SUBRULE(this.name, { LABEL: 'manager' }); } },
      // `on year-to-date credited paid per quarter`: the bands run on the to-date credit, each period pays the increment.
      { ALT: () => { this.OPTION4(() => this.CONSUME(T.ToDateBasis)); this.CONSUME(T.Credited); } },
    ]);
    this.OPTION5(() => this.CONSUME(T.Paid));
    this.CONSUME(T.Per);
    this.SUBRULE(this.periodUnit);
    // The method is optional here so a missing or misspelt one does not lose the rest of
    // the table to error recovery; the checker reports it (PB1004).
    this.OPTION2({
      GATE: () => {
        const next = this.LA(1).tokenType;
        return next !== T.Base && next !== T.From && next !== T.Effective;
      },
      // `marginal` / `retroactive` (soft keywords, so they match Identifier) or a misspelling.
      DEF: () => this.CONSUME(T.Identifier, { LABEL: 'method' }),
    });
    this.OPTION3(() => this.SUBRULE(this.effectiveDates));
    this.OPTION(() => { this.CONSUME1(T.Base); this.CONSUME(T.Rate); this.CONSUME(T.PercentLiteral); });
    this.AT_LEAST_ONE(() => this.SUBRULE(this.band));
    this.OPTION1(() => {
      this.CONSUME(T.Report);
      this.CONSUME(T.Excess);
      this.CONSUME(T.Over);
      this.CONSUME2(T.Base);
      this.CONSUME(T.As);
      this.CONSUME1(T.StringLiteral, { LABEL: 'excessName' });
    });
  });

  /** `effective from "2026-07-01" [until "2026-12-31"]`: the dates a version of a rule is in force (both days included). */
  private effectiveDates = this.RULE('effectiveDates', () => {
    this.CONSUME(T.Effective);
    this.CONSUME(T.From);
    this.CONSUME(T.StringLiteral, { LABEL: 'effectiveFrom' });
    this.OPTION(() => { this.CONSUME(T.Until); this.CONSUME1(T.StringLiteral, { LABEL: 'effectiveUntil' }); });
  });

  private band = this.RULE('band', () => {
    this.CONSUME(T.From);
    this.OR([
      { ALT: () => { this.CONSUME(T.PercentLiteral); this.CONSUME(T.Of); this.SUBRULE(this.name); } },
      { ALT: () => this.CONSUME(T.NumberLiteral) },
    ]);
    this.CONSUME(T.Pay);
    this.OR1([
      { ALT: () => this.CONSUME1(T.PercentLiteral, { LABEL: 'ratePercent' }) },
      { ALT: () => { this.CONSUME1(T.NumberLiteral, { LABEL: 'multiple' }); this.CONSUME(T.Times); this.CONSUME(T.Base); } },
      { ALT: () => this.CONSUME1(T.Base) },
    ]);
  });

  // ---- bonuses, red lines, must-win, ranking ---------------------------------

  private bonusRule = this.RULE('bonusRule', () => {
    this.CONSUME(T.Bonus);
    this.CONSUME(T.StringLiteral);
    this.CONSUME(T.Per);
    this.OR([
      { ALT: () => this.CONSUME(T.Deal) },
      {
        ALT: () => {
          this.CONSUME(T.Rep);
          this.OPTION(() => { this.CONSUME1(T.Per); this.SUBRULE(this.periodUnit); });
        },
      },
    ]);
    // A version of the bonus: its days right after the head (`per deal effective from "…"`).
    this.OPTION4(() => this.SUBRULE(this.effectiveDates));
    this.OPTION1(() => { this.CONSUME(T.When); this.SUBRULE(this.expression, { LABEL: 'condition' }); });
    this.CONSUME(T.Pay);
    this.SUBRULE1(this.expression, { LABEL: 'amount' });
    // `pay 50,000 per year in monthly instalments`: the year's amount paid in parts that add up exactly.
    this.OPTION2(() => { this.CONSUME2(T.Per); this.CONSUME(T.Year, { LABEL: 'amountPerYear' }); });
    this.OPTION3(() => {
      this.CONSUME(T.In);
      this.OR2([{ ALT: () => this.CONSUME(T.Monthly) }, { ALT: () => this.CONSUME(T.Quarterly) }]);
      this.CONSUME(T.Instalments);
    });
  });

  /**
   * `draw 3,000 per month guaranteed` (non-recoverable: earnings are topped up to the draw) or
   * `draw 5,000 per month recoverable, recover at most 50% of earnings per month, at year end write off`
   * (the top-ups are a balance that later earnings above the draw repay).
   */
  private drawRule = this.RULE('drawRule', () => {
    this.CONSUME(T.Draw);
    this.CONSUME(T.NumberLiteral);
    this.CONSUME(T.Per);
    this.SUBRULE(this.periodUnit);
    this.OPTION(() => this.CONSUME(T.Comma));
    this.OR([
      { ALT: () => this.CONSUME(T.Guaranteed) },
      {
        ALT: () => {
          this.CONSUME(T.Recoverable);
          this.MANY(() => {
            this.OPTION1(() => this.CONSUME1(T.Comma));
            this.OR1([
              {
                ALT: () => {
                  this.CONSUME(T.Recover);
                  this.CONSUME(T.At);
                  this.CONSUME(T.Most);
                  this.CONSUME(T.PercentLiteral);
                  this.CONSUME(T.Of);
                  this.CONSUME(T.Earnings);
                  this.CONSUME1(T.Per);
                  this.SUBRULE1(this.periodUnit, { LABEL: 'capPeriod' });
                },
              },
              {
                ALT: () => {
                  this.CONSUME1(T.At);
                  this.CONSUME(T.Year);
                  this.CONSUME(T.End);
                  this.OR2([
                    { ALT: () => { this.CONSUME(T.Write); this.CONSUME(T.Off); } },
                    { ALT: () => { this.CONSUME(T.Carry); this.CONSUME(T.Over); } },
                  ]);
                },
              },
            ]);
          });
        },
      },
    ]);
  });

  private effect = this.RULE('effect', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Block); this.CONSUME(T.Credit); } },
      {
        ALT: () => {
          this.CONSUME(T.Forfeit);
          this.OR1([
            { ALT: () => this.CONSUME(T.All) },
            { ALT: () => this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.StringLiteral) }) },
          ]);
        },
      },
      { ALT: () => this.CONSUME(T.Review) },
    ]);
  });

  private redLineRule = this.RULE('redLineRule', () => {
    this.CONSUME(T.Red);
    this.CONSUME(T.Line);
    this.CONSUME(T.StringLiteral);
    this.CONSUME(T.On);
    this.OR([{ ALT: () => this.CONSUME(T.Deals) }, { ALT: () => this.CONSUME(T.Reps) }, { ALT: () => this.CONSUME(T.Activities) }]);
    this.OPTION1(() => this.SUBRULE(this.effectiveDates));
    this.CONSUME(T.When);
    this.SUBRULE(this.expression);
    this.SUBRULE(this.effect);
    this.OPTION(() => { this.CONSUME(T.Message); this.CONSUME1(T.StringLiteral, { LABEL: 'message' }); });
  });

  private mustWinRule = this.RULE('mustWinRule', () => {
    this.CONSUME(T.Must);
    this.CONSUME(T.Win);
    this.CONSUME(T.StringLiteral);
    this.CONSUME(T.When);
    this.SUBRULE(this.expression);
    this.SUBRULE(this.effect);
    this.OPTION(() => { this.CONSUME(T.Message); this.CONSUME1(T.StringLiteral, { LABEL: 'message' }); });
  });

  private rankingRule = this.RULE('rankingRule', () => {
    this.CONSUME(T.Ranking);
    this.CONSUME(T.StringLiteral);
    this.CONSUME(T.Per);
    this.SUBRULE(this.periodUnit);
    this.OPTION(() => this.SUBRULE(this.effectiveDates));
    this.CONSUME(T.By);
    this.SUBRULE(this.expression);
    this.MANY(() => this.SUBRULE(this.rankingOption));
  });

  private rankingOption = this.RULE('rankingOption', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Population); this.CONSUME(T.All); this.CONSUME(T.Reps); } },
      {
        ALT: () => {
          this.CONSUME(T.Ties);
          this.CONSUME(T.By);
          this.SUBRULE(this.name);
          this.OPTION(() => this.OR1([{ ALT: () => this.CONSUME(T.Ascending) }, { ALT: () => this.CONSUME(T.Descending) }]));
        },
      },
      { ALT: () => { this.CONSUME(T.Top); this.CONSUME(T.PercentLiteral); this.CONSUME(T.Reward); this.CONSUME(T.NumberLiteral); } },
      {
        ALT: () => {
          // `bottom 15% review`, `bottom 15% reward -500` (a light penalty), or both.
          this.CONSUME(T.Bottom);
          this.CONSUME1(T.PercentLiteral);
          this.OPTION2(() => {
            this.CONSUME1(T.Reward);
            this.OPTION3(() => this.CONSUME(T.Minus));
            this.CONSUME1(T.NumberLiteral);
          });
          this.OPTION4(() => this.CONSUME(T.Review));
        },
      },
      { ALT: () => { this.CONSUME(T.Only); this.CONSUME(T.Periods); this.CONSUME(T.With); this.CONSUME(T.Credited); this.CONSUME(T.Deals); } },
    ]);
  });

  // ---- relationship scoring, indicators, tiers -------------------------------

  private scoringSection = this.RULE('scoringSection', () => {
    this.CONSUME(T.Scoring);
    this.CONSUME(T.StringLiteral);
    this.MANY(() => this.SUBRULE(this.scoringItem));
  });

  private scoringItem = this.RULE('scoringItem', () => {
    this.OR([
      { ALT: () => { this.CONSUME(T.Look); this.CONSUME(T.Back); this.CONSUME(T.NumberLiteral, { LABEL: 'lookBack' }); this.CONSUME(T.Days); } },
      { ALT: () => { this.CONSUME(T.Half); this.CONSUME(T.Life); this.CONSUME1(T.NumberLiteral, { LABEL: 'halfLife' }); this.CONSUME1(T.Days); } },
      { ALT: () => { this.CONSUME(T.Cap); this.CONSUME2(T.NumberLiteral, { LABEL: 'cap' }); } },
      { ALT: () => { this.CONSUME(T.Open); this.CONSUME(T.Deals); this.CONSUME(T.As); this.CONSUME(T.Of); this.CONSUME(T.StringLiteral, { LABEL: 'openAsOf' }); } },
      { ALT: () => this.SUBRULE(this.actionPoints) },
      { ALT: () => { this.CONSUME(T.Weight); this.CONSUME3(T.NumberLiteral, { LABEL: 'weight' }); this.CONSUME(T.When); this.SUBRULE(this.expression); } },
      { ALT: () => { this.CONSUME(T.Review); this.CONSUME(T.Accounts); this.CONSUME1(T.When); this.SUBRULE1(this.expression, { LABEL: 'review' }); } },
    ]);
  });

  private actionPoints = this.RULE('actionPoints', () => {
    this.CONSUME(T.Action);
    this.CONSUME(T.StringLiteral, { LABEL: 'action' });
    this.CONSUME(T.Points);
    this.CONSUME(T.NumberLiteral, { LABEL: 'points' });
    this.OPTION(() =>
      this.OR([
        { ALT: () => { this.CONSUME(T.Every); this.CONSUME(T.Time); } },
        { ALT: () => { this.CONSUME(T.Once); this.OPTION1(() => { this.CONSUME(T.Per); this.SUBRULE(this.periodUnit); }); } },
        { ALT: () => { this.CONSUME(T.At); this.CONSUME(T.Most); this.CONSUME1(T.NumberLiteral, { LABEL: 'atMost' }); this.CONSUME1(T.Per); this.SUBRULE1(this.periodUnit); } },
      ]),
    );
    this.OPTION2(() => { this.CONSUME(T.Label); this.CONSUME1(T.StringLiteral, { LABEL: 'label' }); });
  });

  private indicatorRule = this.RULE('indicatorRule', () => {
    this.CONSUME(T.Indicator);
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: 'label' }));
    this.CONSUME(T.When);
    this.SUBRULE(this.expression);
  });

  private tierRule = this.RULE('tierRule', () => {
    this.CONSUME(T.Tier);
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(T.StringLiteral, { LABEL: 'label' }));
    this.OR([
      { ALT: () => { this.CONSUME(T.When); this.SUBRULE(this.expression); } },
      { ALT: () => this.CONSUME(T.Otherwise) },
    ]);
    this.CONSUME(T.Win);
    this.CONSUME(T.Probability);
    this.CONSUME(T.PercentLiteral);
  });

  // ---- validation: budget and assertions -----------------------------------

  /** `budget payout at most 8% of credited`: the bounded-cost property `verify` checks. */
  private budgetRule = this.RULE('budgetRule', () => {
    this.CONSUME(T.Budget);
    this.CONSUME(T.Payout);
    this.CONSUME(T.At);
    this.CONSUME(T.Most);
    this.CONSUME(T.PercentLiteral);
    this.CONSUME(T.Of);
    this.CONSUME(T.Credited);
  });

  /** `assert "name" for each rep <condition>`: a property every rep's statement must have. */
  private assertRule = this.RULE('assertRule', () => {
    this.CONSUME(T.Assert);
    this.CONSUME(T.StringLiteral);
    this.CONSUME(T.For);
    this.CONSUME(T.Each);
    this.CONSUME(T.Rep);
    this.SUBRULE(this.expression);
  });

  // ---- the money lifecycle: paying in stages ---------------------------------

  /**
   * `pay "orders commission" in stages` then the stages (`40% at booking`, `40% with cash collected`,
   * `20% at completion`, one per line or separated by commas) and when released money is paid
   * (`paid monthly on the 5th after the trigger`). The trigger words are read as names and checked
   * when the AST is built, so a misspelt one is one clear error (src/language/cst-stages.ts).
   */
  private stagesRule = this.RULE('stagesRule', () => {
    this.CONSUME(T.Pay);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.CONSUME(T.StringLiteral) });
    this.CONSUME(T.In);
    this.CONSUME(T.Stages);
    this.AT_LEAST_ONE(() => this.SUBRULE(this.stageItem));
    this.OPTION(() => this.SUBRULE(this.paidClause));
    this.MANY(() => this.OR([{ ALT: () => this.SUBRULE(this.clawbackClause) }, { ALT: () => this.SUBRULE(this.limitClause) }]));
  });

  /**
   * `minimum 500 per deal` (a deal's commission below it is topped up) or `cap 250,000 per year`
   * (`per deal`, `per month`, `per quarter`, `per year`: what is above it is not paid). The scope
   * word is read as a name and checked when the AST is built.
   */
  private limitClause = this.RULE('limitClause', () => {
    this.OR([{ ALT: () => this.CONSUME(T.Minimum) }, { ALT: () => this.CONSUME(T.Cap) }]);
    this.CONSUME(T.NumberLiteral);
    this.CONSUME(T.Per);
    this.CONSUME(T.Identifier, { LABEL: 'scope' });
  });

  /**
   * `clawed back on reversal` (a row of the reversals table takes back the deal's commission at what
   * it was paid), `clawed back when cash is not collected within 120 days of booking` (a clawback
   * window) or, after a minimum, `clawed back with the deal` (its top-up is taken back too). The event and anchor words are read as names and checked when the AST is built.
   */
  private clawbackClause = this.RULE('clawbackClause', () => {
    this.CONSUME(T.Clawed);
    this.CONSUME(T.Back);
    this.OR([
      { ALT: () => { this.CONSUME(T.On); this.CONSUME(T.Identifier, { LABEL: 'event' }); } },
      // `minimum 500 per deal clawed back with the deal`: a reversal takes back the minimum's top-up too.
      { ALT: () => { this.CONSUME(T.With); this.CONSUME(T.The); this.CONSUME(T.Deal); } },
      {
        ALT: () => {
          this.CONSUME(T.When);
          this.CONSUME1(T.Identifier, { LABEL: 'measure' });
          this.CONSUME(T.Is);
          this.CONSUME(T.Not);
          this.CONSUME(T.Collected);
          this.CONSUME(T.Within);
          this.CONSUME(T.NumberLiteral, { LABEL: 'days' });
          this.CONSUME(T.Days);
          this.CONSUME(T.Of);
          this.CONSUME2(T.Identifier, { LABEL: 'anchor' });
        },
      },
    ]);
  });

  /** `budget days to pay at most 3`: no part of a staged commission waits longer from its trigger to its payment. */
  private payTimeBudget = this.RULE('payTimeBudget', () => {
    this.CONSUME(T.Budget);
    this.CONSUME(T.Days);
    this.CONSUME(T.To);
    this.CONSUME(T.Pay);
    this.CONSUME(T.At);
    this.CONSUME(T.Most);
    this.CONSUME(T.NumberLiteral);
  });

  private stageItem = this.RULE('stageItem', () => {
    this.CONSUME(T.PercentLiteral);
    this.OR([{ ALT: () => this.CONSUME(T.At) }, { ALT: () => this.CONSUME(T.With) }]);
    this.CONSUME(T.Identifier, { LABEL: 'trigger' });
    // A misspelt second word (`with cash colected`) is read here, so the checker can name the whole
    // trigger (PB2501) instead of the parser reporting a section that does not exist.
    // (Keywords such as `paid` are names too: only a plain name is taken as the misspelt word.)
    this.OPTION({
      // On the same line only: the word on the next line starts something else (a misspelt `bonsu` there is PB1005).
      GATE: () => [T.Collected, T.Recognised, T.Identifier].includes(this.LA(1).tokenType) && this.LA(1).startLine === this.LA(0).startLine,
      // `collected` and `recognised` are names too: the first alternative that fits wins.
      DEF: () => this.OR1({ IGNORE_AMBIGUITIES: true, DEF: [{ ALT: () => this.CONSUME(T.Collected) }, { ALT: () => this.CONSUME(T.Recognised) }, { ALT: () => this.CONSUME1(T.Identifier, { LABEL: 'extra' }) }] }),
    });
    this.OPTION1(() => this.CONSUME(T.Comma));
  });

  private paidClause = this.RULE('paidClause', () => {
    this.CONSUME(T.Paid);
    this.OR([
      { ALT: () => { this.CONSUME(T.NumberLiteral, { LABEL: 'lag' }); this.CONSUME(T.Days); } },
      { ALT: () => { this.CONSUME(T.Monthly); this.CONSUME(T.On); this.CONSUME(T.The); this.CONSUME(T.Ordinal); } },
      {
        ALT: () => {
          this.CONSUME(T.Every);
          this.OPTION(() => this.CONSUME(T.Other));
          this.CONSUME(T.Identifier, { LABEL: 'weekday' });
          this.OPTION1(() => { this.CONSUME(T.From); this.CONSUME(T.StringLiteral, { LABEL: 'anchor' }); });
        },
      },
      { ALT: () => { this.CONSUME1(T.On); this.CONSUME1(T.The); this.CONSUME(T.Next); this.CONSUME(T.Business); this.CONSUME(T.Day); } },
    ]);
    this.CONSUME(T.After);
    this.CONSUME2(T.The);
    this.CONSUME(T.Trigger);
  });

  // ---- expressions -----------------------------------------------------------

  public expression = this.RULE('expression', () => {
    if (this.flat) {
      this.flatExpression();
      return;
    }
    this.SUBRULE(this.andExpr);
    this.MANY(() => { this.CONSUME(T.Or); this.SUBRULE1(this.andExpr); });
  });

  /**
   * The flat reading of an expression (parser built with `expressions: 'flat'`): every operator,
   * prefix and operand of one expression in a single CST node, in text order (operands in
   * parentheses, call arguments and `in (…)` options are nested `expression` nodes). Precedence is
   * resolved when the AST is built (src/language/cst-expressions.ts), the way the nested rules below
   * resolve it. The flat rule accepts more than the nested grammar; what it reads is recorded as one
   * letter per part and matched against {@link NESTED_SHAPE}, and an expression that does not match
   * counts in {@link outsideNestedGrammar}, so that the text is parsed again with the nested rules
   * (which report it exactly as before).
   */
  private flatExpression(): void {
    // An expression inside this one (in parentheses, a call's arguments, `in (…)`) reads its own shape.
    const outer = this.shape;
    this.shape = '';
    this.MANY(this.flatPrefix);
    this.SUBRULE(this.operand);
    this.shape += 'o';
    // `in` is a list only before `(`: `pay 50,000 in monthly instalments` ends the amount at `in`.
    this.MANY1(this.flatContinuation);
    this.ACTION(() => {
      if (!NESTED_SHAPE.test(this.shape)) this.outsideNestedGrammar++;
    });
    this.shape = outer;
  }

  /** The shape of the flat expression being read (see {@link flatExpression}, {@link NESTED_SHAPE}). */
  private shape = '';

  // The flat rule's parts, made once (see sectionAlternatives): they read and write the shape through `this`.
  private readonly flatPrefixAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => { this.CONSUME(T.Not); this.shape += 'N'; } },
    { ALT: () => { this.CONSUME(T.Minus); this.shape += '-'; } },
  ];
  private readonly flatPrefix = (): void => { this.OR(this.flatPrefixAlternatives); };
  private readonly flatOperatorAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => { this.CONSUME(T.Or); this.shape += '|'; } },
    { ALT: () => { this.CONSUME(T.And); this.shape += '&'; } },
    { ALT: () => { this.CONSUME(T.Equal); this.shape += 'c'; } },
    { ALT: () => { this.CONSUME(T.NotEqual); this.shape += 'c'; } },
    { ALT: () => { this.CONSUME(T.LessEqual); this.shape += 'c'; } },
    { ALT: () => { this.CONSUME(T.GreaterEqual); this.shape += 'c'; } },
    { ALT: () => { this.CONSUME(T.Less); this.shape += 'c'; } },
    { ALT: () => { this.CONSUME(T.Greater); this.shape += 'c'; } },
    { ALT: () => { this.CONSUME(T.Plus); this.shape += 'a'; } },
    { ALT: () => { this.CONSUME1(T.Minus); this.shape += 'a'; } },
    { ALT: () => { this.CONSUME(T.Times); this.shape += 'a'; } },
    { ALT: () => { this.CONSUME(T.Divide); this.shape += 'a'; } },
  ];
  private readonly flatOperandPrefixAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => { this.CONSUME1(T.Not); this.shape += 'N'; } },
    { ALT: () => { this.CONSUME2(T.Minus); this.shape += '-'; } },
  ];
  private readonly flatOperandPrefix = (): void => { this.OR3(this.flatOperandPrefixAlternatives); };
  private readonly flatContinuationAlternatives: IOrAlt<unknown>[] = [
    {
      ALT: () => {
        this.OR2(this.flatOperatorAlternatives);
        this.MANY2(this.flatOperandPrefix);
        this.SUBRULE1(this.operand);
        this.shape += 'o';
      },
    },
    { ALT: () => { this.CONSUME(T.Is); this.OPTION(this.flatNegation); this.CONSUME(T.Missing); this.shape += 'm'; } },
    {
      ALT: () => {
        this.OPTION1(this.flatNotIn);
        this.CONSUME(T.In);
        this.CONSUME(T.LParen);
        this.AT_LEAST_ONE_SEP(this.flatOptions);
        this.CONSUME(T.RParen);
        this.shape += 'm';
      },
    },
  ];
  private readonly flatNegation = (): void => { this.CONSUME2(T.Not); };
  private readonly flatNotIn = (): void => { this.CONSUME3(T.Not, { LABEL: 'notIn' }); };
  private readonly flatOptions = { SEP: T.Comma, DEF: (): void => { this.SUBRULE(this.expression); } };
  private readonly flatContinuation = {
    GATE: (): boolean => this.LA(1).tokenType !== T.In || this.LA(2).tokenType === T.LParen,
    DEF: (): void => { this.OR1(this.flatContinuationAlternatives); },
  };

  /** One operand of the flat rule: what the nested grammar's `primary` reads, with a name's path or call inline. */
  private defineOperand() {
    return this.RULE('operand', () => this.OR(this.operandAlternatives));
  }

  // The operand's alternatives, made once (see sectionAlternatives).
  private readonly operandAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.CONSUME(T.PercentLiteral) },
    { ALT: () => this.CONSUME(T.NumberLiteral) },
    { ALT: () => this.CONSUME(T.StringLiteral) },
    { ALT: () => this.CONSUME(T.True) },
    { ALT: () => this.CONSUME(T.False) },
    { ALT: () => { this.CONSUME(T.LParen); this.SUBRULE(this.expression); this.CONSUME(T.RParen); } },
    { ALT: () => this.SUBRULE(this.sumAggregate) },
    { ALT: () => this.SUBRULE(this.countAggregate) },
    { ALT: () => this.SUBRULE(this.distinctAggregate) },
    { ALT: () => this.SUBRULE(this.firstPer) },
    {
      ALT: () => {
        this.OR1(this.nameAlternatives);
        this.OR2(this.operandTailAlternatives);
      },
    },
  ];
  private readonly operandArguments = { SEP: T.Comma, DEF: (): void => { this.SUBRULE1(this.expression, { LABEL: 'args' }); } };
  private readonly operandPathStep = (): void => {
    this.CONSUME(T.Dot);
    this.OR3(this.operandPathAlternatives);
  };
  private readonly operandPathAlternatives: IOrAlt<unknown>[] = [{ ALT: () => this.CONSUME1(T.Identifier, { LABEL: 'path' }) }, { ALT: () => this.CONSUME1(T.QuotedIdentifier, { LABEL: 'path' }) }];
  private readonly operandTailAlternatives: IOrAlt<unknown>[] = [
    {
      ALT: () => {
        this.CONSUME1(T.LParen);
        this.MANY_SEP(this.operandArguments);
        this.CONSUME1(T.RParen);
      },
    },
    { ALT: () => this.MANY(this.operandPathStep) },
  ];

  private andExpr = this.RULE('andExpr', () => {
    if (this.flat) return; // not part of the flat parser's grammar
    this.SUBRULE(this.notExpr);
    this.MANY(() => { this.CONSUME(T.And); this.SUBRULE1(this.notExpr); });
  });

  private notExpr = this.RULE('notExpr', () => {
    if (this.flat) return; // not part of the flat parser's grammar
    this.OR([
      { ALT: () => { this.CONSUME(T.Not); this.SUBRULE(this.notExpr); } },
      { ALT: () => this.SUBRULE(this.comparison) },
    ]);
  });

  private comparison = this.RULE('comparison', () => {
    if (this.flat) return; // not part of the flat parser's grammar
    this.SUBRULE(this.additive);
    // `in` is a list only before `(`: `pay 50,000 in monthly instalments` ends the amount at `in`.
    this.OPTION({
      GATE: () => this.LA(1).tokenType !== T.In || this.LA(2).tokenType === T.LParen,
      DEF: () => this.OR([
        {
          ALT: () => {
            this.OR1([
              { ALT: () => this.CONSUME(T.Equal) },
              { ALT: () => this.CONSUME(T.NotEqual) },
              { ALT: () => this.CONSUME(T.LessEqual) },
              { ALT: () => this.CONSUME(T.GreaterEqual) },
              { ALT: () => this.CONSUME(T.Less) },
              { ALT: () => this.CONSUME(T.Greater) },
            ]);
            this.SUBRULE1(this.additive);
          },
        },
        { ALT: () => { this.CONSUME(T.Is); this.OPTION1(() => this.CONSUME(T.Not)); this.CONSUME(T.Missing); } },
        {
          ALT: () => {
            this.OPTION2(() => this.CONSUME1(T.Not, { LABEL: 'notIn' }));
            this.CONSUME(T.In);
            this.CONSUME(T.LParen);
            this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression) });
            this.CONSUME(T.RParen);
          },
        },
      ]),
    });
  });

  private additive = this.RULE('additive', () => {
    if (this.flat) return; // not part of the flat parser's grammar
    this.SUBRULE(this.multiplicative);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Minus) }]);
      this.SUBRULE1(this.multiplicative);
    });
  });

  private multiplicative = this.RULE('multiplicative', () => {
    if (this.flat) return; // not part of the flat parser's grammar
    this.SUBRULE(this.unary);
    this.MANY(() => {
      this.OR([{ ALT: () => this.CONSUME(T.Times) }, { ALT: () => this.CONSUME(T.Divide) }]);
      this.SUBRULE1(this.unary);
    });
  });

  private unary = this.RULE('unary', () => {
    if (this.flat) return; // not part of the flat parser's grammar
    this.OR([
      { ALT: () => { this.CONSUME(T.Minus); this.SUBRULE(this.unary); } },
      { ALT: () => this.SUBRULE(this.primary) },
    ]);
  });

  private primary = this.RULE('primary', () => {
    if (this.flat) return; // not part of the flat parser's grammar
    this.OR([
      { ALT: () => this.CONSUME(T.PercentLiteral) },
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      { ALT: () => this.CONSUME(T.True) },
      { ALT: () => this.CONSUME(T.False) },
      { ALT: () => { this.CONSUME(T.LParen); this.SUBRULE(this.expression); this.CONSUME(T.RParen); } },
      { ALT: () => this.SUBRULE(this.sumAggregate) },
      { ALT: () => this.SUBRULE(this.countAggregate) },
      { ALT: () => this.SUBRULE(this.distinctAggregate) },
      { ALT: () => this.SUBRULE(this.firstPer) },
      { ALT: () => this.SUBRULE(this.reference) },
    ]);
  });

  private sumAggregate = this.RULE('sumAggregate', () => {
    this.CONSUME(T.Sum);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression, { LABEL: 'value' });
    this.CONSUME(T.Of);
    this.SUBRULE(this.name);
    this.OPTION(() => { this.CONSUME(T.Where); this.SUBRULE1(this.expression, { LABEL: 'filter' }); });
    this.CONSUME(T.RParen);
  });

  private countAggregate = this.RULE('countAggregate', () => {
    this.CONSUME(T.Count);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.name);
    this.OPTION(() => { this.CONSUME(T.Where); this.SUBRULE(this.expression, { LABEL: 'filter' }); });
    this.CONSUME(T.RParen);
  });

  private distinctAggregate = this.RULE('distinctAggregate', () => {
    this.CONSUME(T.Distinct);
    this.CONSUME(T.LParen);
    this.SUBRULE(this.expression, { LABEL: 'value' });
    this.CONSUME(T.Of);
    this.SUBRULE(this.name);
    this.OPTION(() => { this.CONSUME(T.Where); this.SUBRULE1(this.expression, { LABEL: 'filter' }); });
    this.CONSUME(T.RParen);
  });

  private firstPer = this.RULE('firstPer', () => {
    this.CONSUME(T.First);
    this.CONSUME(T.Credited);
    this.CONSUME(T.Per);
    this.SUBRULE(this.name, { LABEL: 'group' });
    this.CONSUME(T.By);
    this.AT_LEAST_ONE_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE1(this.name, { LABEL: 'order' }) });
  });

  private reference = this.RULE('reference', () => {
    if (this.flat) return; // not part of the flat parser's grammar
    this.SUBRULE(this.name);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.MANY_SEP({ SEP: T.Comma, DEF: () => this.SUBRULE(this.expression, { LABEL: 'args' }) });
          this.CONSUME(T.RParen);
        },
      },
      { ALT: () => this.MANY(() => { this.CONSUME(T.Dot); this.SUBRULE1(this.name, { LABEL: 'path' }); }) },
    ]);
  });
}

/**
 * The parser of the reference grammar (nested expressions), made when first needed: only a text with
 * a syntax error (or an expression outside the grammar) is read by it (chevrotain parsers are reusable;
 * create once, it is costly).
 */
let nestedParser: PlaybookParser | undefined;
export function referenceParser(): PlaybookParser {
  nestedParser ??= new PlaybookParser();
  return nestedParser;
}

/** The parser every text is read with first: same grammar, flat expressions (see {@link ExpressionShape}). */
export const parser = new PlaybookParser(false, 'onlyOffset', 'flat');

/** Result of parsing one playbook text. */
export interface ParseOutput {
  /** The parse tree: with flat expressions when the text has no syntax error, nested ones when it has. */
  cst: CstNode;
  lexErrors: { offset: number; line: number | undefined; column: number | undefined; length: number; message: string }[];
  parseErrors: IRecognitionException[];
  tokens: IToken[];
  /** Comments and `·`/`;` separators, which the parser does not see (token groups), in text order. */
  comments: IToken[];
  separators: IToken[];
}

/**
 * Tokenise (unless `lexed` is given: the tokens of `text` already read) and parse `text`. Never throws for bad input: errors come back in the result.
 * A text is read with the flat parser first; one with any syntax error, or an expression the nested grammar does
 * not accept, is read again with the nested (reference) parser, whose tree and errors are returned: the messages,
 * positions and error recovery of a broken text are exactly the reference grammar's (test/grammar/flat-vs-nested.test.ts).
 */
export function parsePlaybookText(text: string, lexed: ILexingResult = playbookLexer.tokenize(text)): ParseOutput {
  parser.outsideNestedGrammar = 0;
  parser.input = lexed.tokens;
  let cst = parser.playbook();
  let errors = parser.errors;
  if (errors.length > 0 || parser.outsideNestedGrammar > 0) {
    const nested = referenceParser();
    nested.input = lexed.tokens;
    cst = nested.playbook();
    errors = nested.errors;
  }
  return { cst, lexErrors: lexed.errors, parseErrors: [...errors], tokens: lexed.tokens, comments: lexed.groups.comments ?? [], separators: lexed.groups.separators ?? [] };
}
