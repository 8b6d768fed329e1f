/**
 * The checker: resolves names, checks types and units, and validates every
 * rule of a parsed playbook. Reports all findings in one pass and returns the
 * resolved model when there are no errors.
 */
import type * as A from '../language/ast.js';
import type { ErrorCode } from '../language/codes.js';
import { type Diagnostic, error, warning } from '../language/diagnostics.js';
import { dateFormatProblem } from '../language/date-format.js';
import { isKnownTimeZone } from '../language/time-zone.js';
import { type DerivedRef, derivedReads } from './derived-reads.js';
import { canonicalEncoding, ENCODINGS } from '../language/encodings.js';
import { ACTIVITIES, ExpressionChecker, describeType, percentToRatio } from './expressions.js';
import { amountLiteralFindings } from './literals.js';
import { writtenAmountFindings } from './written-amounts.js';
import { checkBasis, checkDraw, checkInstalments } from './draws.js';
import type { CheckedBand, CheckedBonus, CheckedCommission, CheckedField, CheckedPlaybook, CheckedQuota, CheckedRanking, CheckedRedLine, CheckedRelationship, CheckedTable, TExpr, TypeOrError } from './model.js';
import { RuleVersions } from './rule-versions.js';
import { VERSION_CONSEQUENCES, differentBonus, differentRanking, differentRedLine } from './version-shapes.js';
import type { Context, TableScope } from './scope.js';
import { checkPayTimeBudget, checkStages } from './stages.js';
import { suggestionHint } from './suggest.js';
import { closest } from '../language/closest.js';
import { tableFileProblem } from './table-file.js';
import { type WrittenVersion, checkCoverage, planDays, versionDates } from './versions.js';
import { splitRoles, teamField } from './splits.js';

const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const fieldTypes = ['text', 'date', 'timestamp', 'money', 'number', 'percent', 'boolean'] as const;
const DEALS = 'deals';

export interface CheckResult {
  /** Null when any error was found. */
  checked: CheckedPlaybook | null;
  diagnostics: Diagnostic[];
}

/**
 * Minor digits of the currencies most playbooks are paid in, exactly as the runtime's ICU data
 * gives them (`new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
 * .maximumFractionDigits`; test/check/currency-digits.test.ts asks ICU for each one).
 */
export const COMMON_MINOR_DIGITS: ReadonlyMap<string, number> = new Map([
  ['USD', 2], ['EUR', 2], ['GBP', 2], ['JPY', 0], ['CNY', 2], ['CAD', 2], ['AUD', 2], ['CHF', 2], ['INR', 2], ['KRW', 0],
  ['SEK', 2], ['NOK', 2], ['DKK', 2], ['BRL', 2], ['MXN', 2], ['SGD', 2], ['HKD', 2], ['NZD', 2], ['ZAR', 2], ['PLN', 2],
]);

/** Minor digits of an ISO 4217 currency (USD 2, JPY 0), from the runtime's ICU data; null if unknown. */
let knownCurrencies: Set<string> | null = null;

export function currencyMinorDigits(code: string): number | null {
  // ICU's first answer costs (~20 ms of a `check` for the number formatting): the common currencies
  // are answered from a table, which a test compares with these same ICU questions.
  const common = COMMON_MINOR_DIGITS.get(code);
  if (common !== undefined) return common;
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  if (!/^[A-Z]{3}$/.test(code) || !knownCurrencies.has(code)) return null;
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return null;
  }
}

class Checker {
  readonly diagnostics: Diagnostic[] = [];
  private readonly tables = new Map<string, TableScope>();
  private readonly exprs: ExpressionChecker;

  constructor(private readonly ast: A.PlaybookAst) {
    for (const table of ast.tables) this.registerTable(table);
    const deals = ast.tables.find((t) => t.name.name === DEALS);
    this.exprs = new ExpressionChecker(this.tables, this.diagnostics, (t, f, at) => this.checkDerived(t, f, at), {
      won: deals?.outcomes.some((o) => o.outcome === 'won') ?? false,
      lost: deals?.outcomes.some((o) => o.outcome === 'lost') ?? false,
    });
  }

  private report(code: ErrorCode, span: A.Span, message: string, hint?: string): void {
    this.diagnostics.push(error(code, span, message, hint));
  }

  /** Where to report something missing from the whole file: the header, else line 1. */
  private fileSpan(): A.Span {
    const h = this.ast.header.span;
    return h.line > 0 ? h : { line: 1, column: 1, endLine: 1, endColumn: 1 };
  }

  // ---- header -------------------------------------------------------------

  private header(): Pick<CheckedPlaybook, 'name' | 'currency' | 'minorDigits' | 'timeZone' | 'fiscalYearStartMonth' | 'planYear' | 'rounding'> {
    const h = this.ast.header;
    let minorDigits = 2;
    // Without a `playbook "…"` line the parser has reported it; its items cannot be judged.
    const headerRead = h.span.line > 0;
    if (!h.currency) {
      if (headerRead) this.report('PB2101', h.span, 'the playbook does not say its currency', 'add a line such as: currency USD');
    }
    else if (h.currency.name !== '') {
      const digits = currencyMinorDigits(h.currency.name);
      if (digits === null) this.report('PB2104', h.currency.span, `"${h.currency.name}" is not a currency code`, 'use a three-letter ISO code such as USD, EUR or CNY');
      else minorDigits = digits;
    }
    const timeZone = h.timeZone?.name ?? 'UTC';
    if (h.timeZone && !isKnownTimeZone(timeZone)) {
      this.report('PB2103', h.timeZone.span, `"${timeZone}" is not a time zone`, 'use a zone name such as "UTC", "America/New_York" or "Asia/Shanghai"');
    }
    let fiscalYearStartMonth = 1;
    if (h.fiscalYearStart && h.fiscalYearStart.name !== '') {
      const index = months.indexOf(h.fiscalYearStart.name.toLowerCase());
      if (index < 0) {
        // `Jan`, `Sept.`: an abbreviation is the start of one month's name (edit distance would find `may` for `Jan`).
        const written = h.fiscalYearStart.name.toLowerCase().replace(/\.$/, '');
        const full = written.length >= 3 ? months.filter((m) => m.startsWith(written)) : [];
        const capital = (m: string) => `${m[0].toUpperCase()}${m.slice(1)}`;
        const hint =
          full.length === 1
            ? `write the month ${full[0] === written ? 'without the point' : 'in full'}: fiscal year starts ${capital(full[0])}`
            : suggestionHint(written, months, 'months');
        this.report('PB2102', h.fiscalYearStart.span, `"${h.fiscalYearStart.name}" is not a month`, hint);
      }
      else fiscalYearStartMonth = index + 1;
    }
    let planYear = 0;
    if (!h.planPeriod) {
      if (headerRead) this.report('PB2101', h.span, 'the playbook does not say its plan period', 'add a line such as: plan period 2017');
    }
    else if (h.planPeriod.name !== '') {
      planYear = Number(h.planPeriod.name.replace(/,/g, ''));
      if (!Number.isInteger(planYear) || planYear < 1900 || planYear > 2200) {
        this.report('PB2101', h.planPeriod.span, `"${h.planPeriod.name}" is not a year`, 'write the year the plan period starts in, e.g. plan period 2027');
      }
    }
    let rounding: CheckedPlaybook['rounding'] = { mode: 'half-up', step: minorStep(minorDigits) };
    if (h.rounding) {
      if (!/^(1|0\.0*1)$/.test(h.rounding.step)) {
        this.report('PB2109', h.rounding.span, `rounding to ${h.rounding.step} is not supported`, 'round to 1, 0.1, 0.01, … (a power of ten)');
      }
      rounding = { mode: h.rounding.mode as CheckedPlaybook['rounding']['mode'], step: h.rounding.step };
      const stepDigits = h.rounding.step.split('.')[1]?.length ?? 0;
      if (h.currency && stepDigits > minorDigits) {
        this.diagnostics.push(
          warning('PB2110', h.rounding.span, `rounding to ${h.rounding.step} is finer than the smallest unit of ${h.currency.name} (${minorStep(minorDigits)})`, `payout lines are printed in whole ${minorStep(minorDigits)} units, so printed lines may not add up; round to ${minorStep(minorDigits)}`),
        );
      }
    }
    if (h.currency) this.exprs.money = { currency: h.currency.name, minorDigits };
    return { name: h.name, currency: h.currency?.name ?? 'XXX', minorDigits, timeZone, fiscalYearStartMonth, planYear, rounding };
  }

  // ---- tables -------------------------------------------------------------

  private registerTable(decl: A.TableDecl): void {
    if (this.tables.has(decl.name.name)) {
      this.report('PB2002', decl.name.span, `table "${decl.name.name}" is declared twice`);
      return;
    }
    const scope: TableScope = { decl, fields: new Map(), derived: new Map(), derivedOrder: [], unusable: new Set() };
    for (const f of decl.fields) {
      if (scope.fields.has(f.name.name)) {
        this.report('PB2002', f.name.span, `field "${f.name.name}" is declared twice in table ${decl.name.name}`);
        continue;
      }
      const type = fieldTypes.find((t) => t === f.type.name);
      if (!type) {
        this.report('PB2105', f.type.span, `"${f.type.name}" is not a field type`, `use one of: ${fieldTypes.join(', ')}`);
        scope.unusable.add(f.name.name); // its uses are not reported again as unknown fields
        continue;
      }
      if (f.format !== null && type !== 'date' && type !== 'timestamp') {
        // `field stage text "stage"`: a text after the type is read as a format; most often it is the column's name.
        const looksLikeFormat = /YY|MM|DD/.test(f.format);
        const hint = looksLikeFormat
          ? `"${f.format}" is a date format: declare the field as date if its column holds dates`
          : `a text right after the type is a date format${f.column === null ? `; if "${f.format}" is the file's column, write column "${f.format}"` : ''}`;
        this.report('PB2106', f.type.span, `only date and timestamp fields take a format, not ${type}`, hint);
      }
      const formatProblem = f.format === null || (type !== 'date' && type !== 'timestamp') ? null : dateFormatProblem(f.format);
      if (formatProblem !== null) {
        this.report('PB2106', f.name.span, formatProblem, 'use YYYY, MM, DD, HH, mm, ss and separators, e.g. "DD/MM/YYYY" or "YYYY-MM-DD HH:mm"');
      }
      const field: CheckedField = {
        name: f.name.name,
        type,
        column: f.column ?? f.name.name,
        optional: f.optional,
        key: f.key,
        aliases: aliasRecord(f.aliases),
      };
      if (f.format !== null) field.format = f.format;
      if (f.multiline) field.multiline = true;
      if (f.default !== null) field.default = f.default;
      if (f.lookup) field.lookup = f.lookup.name;
      if (f.label !== null) field.label = f.label;
      scope.fields.set(f.name.name, field);
    }
    for (const d of decl.derived) {
      if (scope.fields.has(d.name.name) || scope.derived.has(d.name.name)) {
        this.report('PB2002', d.name.span, `"${d.name.name}" is already a field of table ${decl.name.name}`);
        continue;
      }
      scope.derived.set(d.name.name, { decl: d, state: 'unchecked', type: 'error', expr: null });
    }
    this.tables.set(decl.name.name, scope);
  }

  private checkLookups(): void {
    for (const scope of this.tables.values()) {
      const keys = scope.decl.fields.filter((f) => f.key);
      if (keys.length > 1) this.report('PB2111', keys[1].name.span, `table ${scope.decl.name.name} has more than one key field`, 'a table has one key: the column that identifies each row');
      for (const f of scope.decl.fields) {
        if (!f.lookup) continue;
        const target = this.tables.get(f.lookup.name);
        if (!target) {
          this.report('PB2003', f.lookup.span, `there is no table "${f.lookup.name}"`, suggestionHint(f.lookup.name, [...this.tables.keys()], 'tables'));
        } else if (!target.decl.fields.some((x) => x.key)) {
          this.report('PB2112', f.lookup.span, `table ${f.lookup.name} has no key field, so rows cannot be looked up in it`, `mark its identifying field with "key"`);
        }
      }
    }
  }

  /**
   * The type of a derived field, for a use of it at `usedAt`. Fields are normally
   * checked beforehand, in dependency order (`checkDerivedInOrder`); meeting one
   * that is still being checked means the fields form a circle.
   */
  private checkDerived(tableName: string, field: string, usedAt: A.Span): TypeOrError {
    const state = this.tables.get(tableName)!.derived.get(field)!;
    if (state.state === 'unchecked') this.checkDerivedInOrder(tableName, field);
    if (state.state === 'pending') {
      this.report('PB4001', usedAt, `"${field}" depends on itself`, 'derived fields must not refer to each other in a circle');
      return 'error';
    }
    return state.type;
  }

  /**
   * Checks a derived field after the derived fields it reads, depth first with an
   * explicit stack instead of recursion, so a chain as long as the longest
   * playbook cannot overflow the call stack. A field stays `pending` while the
   * fields it reads are checked; a use of a pending field is a circle (PB4001).
   */
  private checkDerivedInOrder(tableName: string, field: string): void {
    const scopeOf = (table: string) => this.tables.get(table)!;
    const stateOf = (ref: DerivedRef) => scopeOf(ref.table).derived.get(ref.field)!;
    const open = (ref: DerivedRef) => {
      const state = stateOf(ref);
      state.state = 'pending';
      return { ref, reads: derivedReads(state.decl.expr, ref.table, this.tables), next: 0 };
    };
    if (stateOf({ table: tableName, field }).state !== 'unchecked') return;
    const stack = [open({ table: tableName, field })];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next < top.reads.length) {
        const read = top.reads[top.next++];
        if (stateOf(read).state === 'unchecked') stack.push(open(read));
        continue;
      }
      stack.pop();
      const state = stateOf(top.ref);
      const expr = this.exprs.check(state.decl.expr, { kind: 'row', table: top.ref.table });
      state.state = 'done';
      state.expr = expr;
      state.type = expr ? expr.t : 'error';
      scopeOf(top.ref.table).derivedOrder.push(top.ref.field);
    }
  }

  private checkedTables(): CheckedTable[] {
    const out: CheckedTable[] = [];
    for (const scope of this.tables.values()) {
      for (const name of scope.derived.keys()) this.checkDerivedInOrder(scope.decl.name.name, name);
      let locale: 'en' | 'de' = 'en';
      if (scope.decl.locale) {
        if (scope.decl.locale.name === 'de' || scope.decl.locale.name === 'en') locale = scope.decl.locale.name;
        else this.report('PB2107', scope.decl.locale.span, `"${scope.decl.locale.name}" is not a number locale`, 'use en (1,234.50) or de (1.234,50)');
      }
      const fileProblem = tableFileProblem(scope.decl.name.name, scope.decl.file);
      if (fileProblem) this.report('PB2114', scope.decl.fileSpan, fileProblem.message, fileProblem.hint);
      const delimiter = scope.decl.delimiter ?? ',';
      if (delimiter.length !== 1) this.report('PB2107', scope.decl.name.span, `the delimiter must be one character, not "${delimiter}"`);
      const encoding = scope.decl.encoding ? canonicalEncoding(scope.decl.encoding.name) : null;
      if (scope.decl.encoding && !encoding) {
        this.report('PB2107', scope.decl.encoding.span, `"${scope.decl.encoding.name}" is not an encoding this tool reads`, suggestionHint(scope.decl.encoding.name, [...ENCODINGS], 'encodings'));
      }
      out.push({
        name: scope.decl.name.name,
        file: scope.decl.file,
        delimiter: delimiter.length === 1 ? delimiter : ',',
        locale,
        ...(encoding && encoding !== 'utf-8' ? { encoding } : {}),
        ...(scope.decl.sheet ? { sheet: scope.decl.sheet.name } : {}),
        fields: [...scope.fields.values()],
        derived: scope.derivedOrder
          .map((name) => scope.derived.get(name)!)
          .filter((d) => d.expr !== null)
          .map((d) => ({ name: d.decl.name.name, type: d.expr!.t, expr: d.expr!, span: d.decl.span })),
      });
    }
    return out;
  }

  // ---- rules ----------------------------------------------------------------

  run(): CheckedPlaybook | null {
    const header = this.header();
    this.checkLookups();
    const tables = this.checkedTables();
    const dealsScope = this.tables.get(DEALS);
    const dealsDecl = dealsScope?.decl;
    if (!dealsDecl) {
      this.report('PB2201', this.fileSpan(), 'the playbook has no deals table', 'declare one: table deals from "deals.csv" with its fields');
    }

    // Outcomes
    const outcomes: CheckedPlaybook['outcomes'] = { won: null, lost: null };
    for (const o of dealsDecl?.outcomes ?? []) {
      if (outcomes[o.outcome]) this.report('PB2002', o.span, `"${o.outcome}" is declared twice`);
      outcomes[o.outcome] = this.exprs.condition(o.condition, { kind: 'row', table: DEALS });
    }
    for (const t of this.ast.tables) {
      if (t.name.name !== DEALS && t.outcomes.length > 0) this.report('PB2113', t.outcomes[0].span, 'won and lost are declared in the deals table only', 'move this line into the deals table');
    }

    const dealCtx = (where: string, allowCredited = false): Context => ({ kind: 'deal', table: DEALS, allowCredited, where });

    // Credit
    const creditRules = this.ast.rules.filter((r): r is A.CreditRule => r.kind === 'credit');
    let credit: CheckedPlaybook['credit'] = null;
    let repTable: string | null = null;
    if (creditRules.length === 0 && dealsDecl) {
      this.report('PB2202', this.fileSpan(), 'the playbook has no credit rule, so no deal credits anyone', 'add e.g.: credit deals when won to rep on close_date amount amount');
    }
    for (const rule of creditRules.slice(1)) this.report('PB2002', rule.span, 'only one credit rule is supported');
    const creditRule = creditRules[0];
    if (creditRule && dealsScope) {
      const condition = this.exprs.condition(creditRule.condition, dealCtx('the credit rule'));
      const amount = this.exprs.amount(creditRule.amount, dealCtx('the credit rule'), 'the credited amount');
      const repField = dealsScope.fields.get(creditRule.rep.name);
      if (!repField) {
        this.report('PB2001', creditRule.rep.span, `"${creditRule.rep.name}" is not a field of deals`, suggestionHint(creditRule.rep.name, [...dealsScope.fields.keys()], 'fields of deals'));
      } else if (!repField.lookup) {
        this.report('PB2108', creditRule.rep.span, `"${creditRule.rep.name}" must look up the reps table to receive credit`, `add "lookup reps" to the field ${creditRule.rep.name}`);
      } else repTable = this.tables.has(repField.lookup) ? repField.lookup : null;
      const dateField = dealsScope.fields.get(creditRule.date.name);
      if (!dateField) {
        this.report('PB2001', creditRule.date.span, `"${creditRule.date.name}" is not a field of deals`, suggestionHint(creditRule.date.name, [...dealsScope.fields.keys()], 'fields of deals'));
      } else if (dateField.type !== 'date' && dateField.type !== 'timestamp') {
        this.report('PB3005', creditRule.date.span, `credit is given on a date, but "${creditRule.date.name}" is a ${dateField.type} field`, dateFieldHint(dealsScope));
      }
      const split = creditRule.splitTable && repTable ? splitRoles(creditRule.splitTable, this.tables, repTable, (code, span, message, hint) => this.report(code, span, message, hint)) : null;
      if (condition && amount && repField && dateField && (split || !creditRule.splitTable)) {
        credit = { label: creditRule.label, condition, repField: repField.name, dateField: dateField.name, amount, ...(split ? { split } : {}) };
      }
    }

    // Without a deals table or a credit rule (reported above: PB2201, PB2202) nothing names the rep
    // table; the one called reps stands in, so the quotas and the rules per rep are still checked and
    // their own mistakes show in the same run (the playbook has an error: nothing is compiled).
    if (repTable === null && (!dealsDecl || creditRules.length === 0) && this.tables.has('reps')) repTable = 'reps';

    // Quotas
    const quotaNames: string[] = [];
    const quotas: CheckedPlaybook['quotas'] = [];
    const report = (code: ErrorCode, span: A.Span, message: string, hint?: string) => this.report(code, span, message, hint);
    const quotaVersions = new Map<string, { entry: CheckedQuota | null; written: WrittenVersion[]; unreadable?: boolean }>();
    for (const rule of this.ast.rules) {
      if (rule.kind !== 'quota') continue;
      const effective = rule.effective ?? null;
      const group = effective ? quotaVersions.get(rule.name.name) : undefined;
      if (quotaNames.includes(rule.name.name) && !group) {
        this.report('PB2002', rule.name.span, `quota "${rule.name.name}" is declared twice`, rule.effective ? 'to change a quota during the plan period, give every version of it its days: effective from "…" until "…"' : undefined);
        continue;
      }
      if (!group) quotaNames.push(rule.name.name);
      const amount = repTable ? this.exprs.amount(rule.amount, { kind: 'rep', table: repTable, deals: null, quotas: [], where: 'a quota', noResults: true }, `quota "${rule.name.name}"`) : null;
      let split: CheckedPlaybook['quotas'][number]['split'] = rule.split.kind === 'weights' ? { kind: 'weights', weights: [] } : rule.split;
      if (rule.split.kind === 'weights') {
        const ratios = rule.split.weights.map((w) => percentToRatio(w.text));
        const totalHundredths = rule.split.weights.reduce((sum, w) => sum + Math.round(Number(w.text) * 1e6), 0);
        if (ratios.length !== 12) {
          this.report('PB3007', rule.split.weights[0]?.span ?? rule.span, `a split by month needs 12 weights, one per month of the fiscal year; found ${ratios.length}`);
        } else if (totalHundredths !== 100e6) {
          this.report('PB3007', rule.split.weights[0].span, `the monthly weights add up to ${totalHundredths / 1e6}%, not 100%`, 'the parts of a quota must add up to the whole');
        }
        split = { kind: 'weights', weights: ratios };
      }
      let prorate: CheckedPlaybook['quotas'][number]['prorate'] = null;
      if (rule.prorate && repTable) {
        const field = this.tables.get(repTable)?.fields.get(rule.prorate.field.name);
        if (!field) {
          this.report('PB2001', rule.prorate.field.span, `"${rule.prorate.field.name}" is not a field of ${repTable}`, suggestionHint(rule.prorate.field.name, [...(this.tables.get(repTable)?.fields.keys() ?? [])], `fields of ${repTable}`));
        } else if (field.type !== 'date' && field.type !== 'timestamp') {
          this.report('PB3011', rule.prorate.field.span, `a quota is prorated from a start date, but "${field.name}" is a ${field.type} field`, `name the date each rep started, e.g. add "field start date" to table ${repTable} and write: from start`);
        } else prorate = { by: rule.prorate.by, field: field.name };
      }
      const version = amount ? { amount, split, prorate } : null;
      if (effective) {
        const dates = versionDates(effective, `this version of quota "${rule.name.name}"`, report, true);
        let g = group;
        if (!g) {
          g = { entry: version ? { name: rule.name.name, ...version, versions: [] } : null, written: [] };
          quotaVersions.set(rule.name.name, g);
          if (g.entry) quotas.push(g.entry);
        }
        if (dates) {
          g.written.push({ dates, effective });
          if (version && g.entry) g.entry.versions!.push({ ...dates, ...version });
        } else g.unreadable = true;
      } else if (version) quotas.push({ name: rule.name.name, ...version });
    }
    const plan = planDays(header.planYear, header.fiscalYearStartMonth);
    for (const [name, g] of quotaVersions) {
      // A version whose dates were refused (PB5101) would show as a gap: its error is enough.
      if (!g.unreadable) checkCoverage(`quota "${name}"`, g.written, plan, report);
      if (g.entry) {
        g.entry.versions!.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
        const first = g.entry.versions![0];
        if (first) Object.assign(g.entry, { amount: first.amount, split: first.split, prorate: first.prorate });
      }
    }
    const repCtx = (where: string): Context | null => (repTable ? { kind: 'rep', table: repTable, deals: dealsDecl ? DEALS : null, quotas: quotaNames, where } : null);

    // Components, in declaration order, must be unique.
    const components: CheckedPlaybook['components'] = [];
    // The names so far in a set: a scan of the list per component was quadratic (500 bonuses: 125,000 comparisons).
    const componentNames = new Set<string>();
    const addComponent = (name: A.Named, kind: CheckedPlaybook['components'][number]['kind'], versioned = false) => {
      // Statements, reports and forfeits name a component by its name: an empty one is listed as nothing.
      // Only a name written so (`""`, its span just the quotes and what is between): a name missing after a
      // syntax error is empty too, and its syntax error says what is wrong.
      const written = name.span.line === name.span.endLine && name.span.endColumn - name.span.column === name.name.length + 1;
      if (written && name.name.trim() === '') {
        const example = kind === 'accelerator' ? 'report excess over base as "over-target reward"' : `${kind} "${kind === 'commission' ? 'orders commission' : kind === 'ranking' ? 'monthly ranking' : 'club'}"`;
        this.report('PB2210', name.span, `this ${kind === 'accelerator' ? 'reported excess' : kind} has no name`, `give it a name between the quotes, e.g. ${example}: statements, reports and forfeits name it so`);
      }
      if (componentNames.has(name.name)) this.report('PB2002', name.span, `there are two payout components called "${name.name}"`, versioned ? 'give each commission, bonus and ranking its own name; to change a table during the plan period, give every version of it its days: effective from "…" until "…"' : 'give each commission, bonus and ranking its own name');
      else {
        componentNames.add(name.name);
        components.push({ name: name.name, kind });
      }
    };

    const commissions: CheckedPlaybook['commissions'] = [];
    const commissionVersions = new Map<string, { first: A.CommissionRule; entry: CheckedCommission | null; written: WrittenVersion[]; unreadable?: boolean }>();
    const bonuses: CheckedPlaybook['bonuses'] = [];
    const rankings: CheckedPlaybook['rankings'] = [];
    const redLines: CheckedPlaybook['redLines'] = [];
    const forfeitRefs: A.Named[] = [];
    // Bonuses, red lines and rankings may also be written once per plan version (issue 11).
    const bonusVersions = new RuleVersions<A.BonusRule, CheckedBonus, { condition: CheckedBonus['condition']; amount: CheckedBonus['amount'] }>('bonus', VERSION_CONSEQUENCES.bonus, report);
    const redLineVersions = new RuleVersions<A.RedLineRule, CheckedRedLine, { condition: CheckedRedLine['condition']; message: string }>('red line', VERSION_CONSEQUENCES.redLine, report);
    const rankingVersions = new RuleVersions<A.RankingRule, CheckedRanking, { top: CheckedRanking['top']; bottom: CheckedRanking['bottom'] }>('ranking', VERSION_CONSEQUENCES.ranking, report);
    const seenRedLines = new Set<string>();

    for (const rule of this.ast.rules) {
      switch (rule.kind) {
        case 'commission': {
          const effective = rule.effective ?? null;
          const group = effective ? commissionVersions.get(rule.name.name) : undefined;
          if (!group) {
            addComponent(rule.name, 'commission', effective !== null);
            if (rule.excessName) addComponent(rule.excessName, 'accelerator');
          } else {
            const first = group.first;
            const differs = (first.team?.name ?? null) !== (rule.team?.name ?? null) ? (rule.team ? `on team credited by ${rule.team.name}` : 'on credited') + `, not ${first.team ? `on team credited by ${first.team.name}` : 'on credited'}` : first.period !== rule.period ? `per ${rule.period}, not per ${first.period}` : first.method !== rule.method ? `${rule.method ?? 'without a method'}, not ${first.method ?? 'without a method'}` : (first.excessName?.name ?? null) !== (rule.excessName?.name ?? null) ? (rule.excessName ? `reports its excess as "${rule.excessName.name}"` : 'does not report its excess over base') + (first.excessName ? `, not as "${first.excessName.name}"` : ', unlike the first') : null;
            if (differs) this.report('PB5104', rule.name.span, `this version of commission "${rule.name.name}" is ${differs} as the version on line ${first.span.line} is`, 'versions of one table may change its rates, bands and base rate; its period, method and excess line stay the same');
          }
          const team = rule.team && repTable ? teamField(rule.team, this.tables, repTable, report) : null;
          const checked0 = this.commission(rule, quotaNames);
          const basis = checkBasis(rule, report);
          const checked1 = checked0 && rule.team ? (team ? { ...checked0, team } : null) : checked0;
          const checked = checked1 && basis ? { ...checked1, basis } : rule.basis && !basis ? null : checked1;
          if (effective) {
            const dates = versionDates(effective, `this version of commission "${rule.name.name}"`, report);
            let g = group;
            if (!g) {
              g = { first: rule, entry: checked ? { ...checked, versions: [] } : null, written: [] };
              commissionVersions.set(rule.name.name, g);
              if (g.entry) commissions.push(g.entry);
            }
            if (dates) {
              g.written.push({ dates, effective });
              if (checked && g.entry) g.entry.versions!.push({ ...dates, baseRate: checked.baseRate, bands: checked.bands });
            } else g.unreadable = true;
          } else if (checked) commissions.push(checked);
          break;
        }
        case 'bonus': {
          const first = bonusVersions.first(rule);
          if (!first) addComponent(rule.name, 'bonus', rule.effective != null);
          else {
            const differs = differentBonus(first, rule);
            if (differs) this.report('PB5105', rule.name.span, `this version of bonus "${rule.name.name}" is ${differs} as the version on line ${first.span.line} is`, 'versions of one bonus may change its condition and amount; whether it is per deal or per rep, and its period, stay the same');
          }
          const ctx = rule.scope === 'deal' ? dealCtx(`bonus "${rule.name.name}"`, true) : repCtx(`bonus "${rule.name.name}"`);
          const condition = ctx && rule.condition ? this.exprs.condition(rule.condition, ctx) : null;
          const amount = ctx ? this.exprs.amount(rule.amount, ctx, `the amount of bonus "${rule.name.name}"`) : null;
          const instalments = ctx ? checkInstalments(rule, report) : null;
          const checked = amount && (condition || !rule.condition) && (instalments || !rule.instalments) ? { name: rule.name.name, scope: rule.scope, period: rule.period ?? 'year', condition, amount, ...(instalments ? { instalments } : {}) } : null;
          const entry = bonusVersions.add(rule, checked, (c) => ({ condition: c.condition, amount: c.amount }));
          if (entry) bonuses.push(entry);
          break;
        }
        case 'ranking': {
          const first = rankingVersions.first(rule);
          if (!first) addComponent(rule.name, 'ranking', rule.effective != null);
          else {
            const differs = differentRanking(first, rule);
            if (differs) this.report('PB5105', rule.name.span, `this version of ranking "${rule.name.name}" differs from the first, on line ${first.span.line}: it ${differs}`, 'versions of one ranking may change its groups and rewards; its period, measure, ties and "only periods with credited deals" stay the same');
          }
          const ctx = repCtx(`ranking "${rule.name.name}"`);
          const metric = ctx ? this.exprs.check(rule.metric, ctx) : null;
          if (metric && metric.t !== 'money' && metric.t !== 'number' && metric.t !== 'ratio') {
            this.report('PB3004', rule.metric.span, `a ranking needs a number or amount to rank by, but this is ${describeType(metric.t)}`);
            break;
          }
          let tieBreak: CheckedPlaybook['rankings'][number]['tieBreak'] = null;
          if (rule.tieBreak && repTable) {
            const resolved = this.exprs.fieldPath([rule.tieBreak.field], repTable, rule.tieBreak.field.span);
            if (resolved) tieBreak = { field: rule.tieBreak.field.name, descending: rule.tieBreak.descending };
          }
          for (const part of [rule.top, rule.bottom]) {
            if (part && Number(part.percent) > 100) this.report('PB3009', part.span, `${part.percent}% of reps is more than all of them`);
          }
          // Groups are rounded up (35 reps × 1% is 1 rep), so only 0% is always empty.
          if (rule.top && Number(rule.top.percent) === 0) {
            this.diagnostics.push(warning('PB4405', rule.top.span, 'top 0% holds no rep: a group of 0% of reps is always empty, so its reward is never paid', 'write the share of reps the group is meant to hold (any share above 0% holds at least one rep), or delete the line'));
          }
          if (rule.bottom && Number(rule.bottom.percent) === 0) {
            this.diagnostics.push(warning('PB4405', rule.bottom.span, 'bottom 0% holds no rep: a group of 0% of reps is always empty, so no rep is ever in it', 'write the share of reps the group is meant to hold (any share above 0% holds at least one rep), or delete the line'));
          }
          if (rule.top && rule.bottom && Number(rule.top.percent) + Number(rule.bottom.percent) > 100) {
            this.report('PB3009', rule.bottom.span, 'the top and bottom groups overlap: together they are more than 100% of reps');
          }
          if (rule.bottom && rule.bottom.reward === null && !rule.bottom.review) {
            this.report('PB3009', rule.bottom.span, 'say what happens to the bottom group', 'add "review" to flag them, "reward -500" for a light penalty, or both');
          }
          const checked = metric
            ? {
                name: rule.name.name,
                period: rule.period,
                metric,
                tieBreak,
                top: rule.top ? { ratio: percentToRatio(rule.top.percent), reward: rule.top.reward } : null,
                bottom: rule.bottom ? { ratio: percentToRatio(rule.bottom.percent), reward: rule.bottom.reward ?? '0', review: rule.bottom.review } : null,
                onlyCreditedPeriods: rule.onlyCreditedPeriods,
              }
            : null;
          const entry = rankingVersions.add(rule, checked, (c) => ({ top: c.top, bottom: c.bottom }));
          if (entry) rankings.push(entry);
          break;
        }
        case 'redline':
        case 'mustwin': {
          const firstVersion = rule.kind === 'redline' ? redLineVersions.first(rule) : null;
          if (firstVersion) {
            const differs = differentRedLine(firstVersion, rule as A.RedLineRule);
            if (differs) this.report('PB5105', rule.name.span, `this version of red line "${rule.name.name}" differs from the first, on line ${firstVersion.span.line}: it ${differs}`, 'versions of one red line may change its condition and message; what it is about and its effect stay the same');
          } else if (redLines.some((r) => r.id === rule.name.name) || seenRedLines.has(rule.name.name)) {
            this.report('PB2002', rule.name.span, `red line "${rule.name.name}" is declared twice`, rule.kind === 'redline' && rule.effective ? 'to change a red line during the plan period, give every version of it its days: effective from "…" until "…"' : undefined);
          }
          seenRedLines.add(rule.name.name);
          const subject = rule.kind === 'redline' ? rule.subject : 'deals';
          if (rule.kind === 'mustwin' && !outcomes.lost && dealsDecl) {
            this.report('PB2203', rule.name.span, 'a must-win rule needs to know which deals are lost', 'declare it in the deals table, e.g. lost when stage = "Lost"');
          }
          let ctx: Context | null;
          if (subject === 'activities') {
            if (!this.tables.has(ACTIVITIES)) {
              this.report('PB2003', rule.name.span, 'a red line on activities needs an activities table', 'declare: table activities from "activities.csv"');
              break;
            }
            ctx = { kind: 'activity', table: ACTIVITIES, where: `red line "${rule.name.name}"`, noAge: true };
            if (rule.effect.kind !== 'block' && !this.tables.get(ACTIVITIES)?.fields.has('rep')) {
              this.report('PB2204', rule.name.span, `red line "${rule.name.name}" on activities needs to know whose activity it is`, 'add a field named rep to the activities table (e.g. field rep text column "owner" lookup reps)');
            }
          } else ctx = subject === 'deals' ? dealCtx(`red line "${rule.name.name}"`) : repCtx(`red line "${rule.name.name}"`);
          if (!ctx) break;
          const condition = this.exprs.condition(rule.condition, ctx);
          if (rule.effect.kind === 'block' && (subject !== 'deals' || rule.kind === 'mustwin')) {
            this.report('PB2205', rule.effect.span, 'only a red line on deals can block credit', 'use "forfeit" or "review" for rules about reps, activities and must-win accounts');
          }
          if (rule.effect.kind === 'forfeit' && rule.effect.components !== 'all') forfeitRefs.push(...rule.effect.components);
          const checked: CheckedRedLine | null = condition
            ? {
                id: rule.name.name,
                kind: rule.kind,
                subject,
                condition,
                effect: rule.effect.kind,
                forfeits: rule.effect.kind === 'forfeit' ? (rule.effect.components === 'all' ? 'all' : rule.effect.components.map((c) => c.name)) : [],
                message: rule.message ?? rule.name.name,
              }
            : null;
          const entry = rule.kind === 'redline' ? redLineVersions.add(rule, checked, (c) => ({ condition: c.condition, message: c.message })) : checked;
          if (entry) redLines.push(entry);
          break;
        }
        default:
          break;
      }
    }
    bonusVersions.finish(plan);
    redLineVersions.finish(plan);
    rankingVersions.finish(plan);
    for (const [name, g] of commissionVersions) {
      if (!g.unreadable) checkCoverage(`commission "${name}"`, g.written, plan, report);
      if (g.entry) {
        g.entry.versions!.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
        const first = g.entry.versions![0];
        if (first) Object.assign(g.entry, { baseRate: first.baseRate, bands: first.bands });
      }
    }

    for (const ref of forfeitRefs) {
      if (!componentNames.has(ref.name)) {
        this.report('PB2005', ref.span, `there is no payout component "${ref.name}" to forfeit`, suggestionHint(ref.name, components.map((c) => c.name), 'components'));
      }
    }

    const relationship = this.relationship(header.planYear, header.fiscalYearStartMonth);

    // Validation: the budget and the user's assertions (checked by `playbook verify`).
    const budgets = this.ast.rules.filter((r): r is A.BudgetRule => r.kind === 'budget');
    for (const extra of budgets.slice(1)) this.report('PB2002', extra.span, 'the budget is declared twice');
    const budget = budgets[0] ? percentToRatio(budgets[0].percent.text) : null;
    const assertions: CheckedPlaybook['assertions'] = [];
    for (const rule of this.ast.rules) {
      if (rule.kind !== 'assert') continue;
      const ctx = repCtx(`assertion "${rule.name.name}"`);
      if (!ctx || ctx.kind !== 'rep') continue;
      const condition = this.exprs.condition(rule.condition, { ...ctx, statement: true, stages: this.ast.rules.some((r) => r.kind === 'stages') });
      if (condition) assertions.push({ name: rule.name.name, condition });
    }

    const stages = checkStages(this.ast, tables, components, commissions, this.diagnostics);
    const payTimeBudget = checkPayTimeBudget(this.ast, this.diagnostics);
    const draw = checkDraw(this.ast.rules, this.ast.rules.filter((r): r is A.CommissionRule => r.kind === 'commission').map((r) => ({ name: r.name.name, period: r.period })), report);
    this.diagnostics.push(...writtenAmountFindings(this.ast.rules, this.exprs.money));

    if (this.diagnostics.some((d) => d.severity === 'error')) return null;
    return { ...header, tables, outcomes, credit, repTable, quotas, commissions, bonuses, redLines, rankings, relationship, budget, assertions, components, ...(stages.length > 0 ? { stages } : {}), ...(payTimeBudget !== null ? { payTimeBudget } : {}), ...(draw ? { draw } : {}) };
  }

  /** The relationship evaluation table, indicators and tiers (domain.md §1–2). */
  private relationship(planYear: number, fiscalStart: number): CheckedRelationship | null {
    const scorings = this.ast.rules.filter((r): r is A.ScoringRule => r.kind === 'scoring');
    const indicatorRules = this.ast.rules.filter((r): r is A.IndicatorRule => r.kind === 'indicator');
    const tierRules = this.ast.rules.filter((r): r is A.TierRule => r.kind === 'tier');
    const scoring = scorings[0];
    for (const extra of scorings.slice(1)) this.report('PB2002', extra.name.span, 'only one scoring section is supported');
    if (!scoring) {
      for (const r of [...indicatorRules, ...tierRules]) {
        this.report('PB2206', r.name.span, `${r.kind === 'tier' ? 'a tier' : 'an indicator'} needs a scoring section`, 'add: scoring "relationship" with the points of each action');
      }
      return null;
    }
    const activities = this.tables.get(ACTIVITIES);
    if (!activities) {
      this.report('PB2207', scoring.name.span, 'relationship scoring reads an activities table, and there is none', 'declare: table activities from "activities.csv" with fields date, account and action');
      return null;
    }
    const required: [string, string[]][] = [['date', ['date', 'timestamp']], ['account', ['text']], ['action', ['text']]];
    let ok = true;
    for (const [field, types] of required) {
      const f = activities.fields.get(field);
      if (!f || !types.includes(f.type)) {
        this.report('PB2208', activities.decl.name.span, `the activities table needs a ${types[0]} field named "${field}"`, 'scoring reads each activity\'s date, account and action from these fields');
        ok = false;
      }
    }
    if (!this.tables.get(DEALS)?.fields.has('account')) {
      this.report('PB2209', scoring.name.span, 'relationship scoring needs an "account" field in deals, to find each deal\'s activities', 'add it to the deals table, e.g. field account text column "account_id"');
      ok = false;
    }
    const positive = (n: { text: string; span: A.Span } | null, what: string) => {
      if (n && !(Number(n.text) > 0)) this.report('PB3012', n.span, `${what} must be more than 0`, 'for example: look back 365 days · half life 180 days · cap 100');
    };
    positive(scoring.lookBackDays, 'the look-back window');
    positive(scoring.halfLifeDays, 'the half-life');
    positive(scoring.cap, 'the cap');
    if (scoring.lookBackDays && !Number.isInteger(Number(scoring.lookBackDays.text))) this.report('PB3013', scoring.lookBackDays.span, 'the look-back window is a whole number of days', 'for example: look back 365 days');
    // Default: the last day of the plan period (the fiscal year starting in planYear).
    const validYear = Number.isInteger(planYear) && planYear >= 1900 && planYear <= 2200; // else PB2101 was reported
    let openAsOf = validYear ? new Date(Date.UTC(planYear + 1, fiscalStart - 1, 0)).toISOString().slice(0, 10) : '2000-12-31';
    if (scoring.openAsOf) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(scoring.openAsOf.text) || Number.isNaN(Date.parse(`${scoring.openAsOf.text}T00:00:00Z`)) || new Date(`${scoring.openAsOf.text}T00:00:00Z`).toISOString().slice(0, 10) !== scoring.openAsOf.text) {
        this.report('PB3014', scoring.openAsOf.span, `"${scoring.openAsOf.text}" is not a date`, 'write it as "YYYY-MM-DD", e.g. "2026-12-31"');
      } else openAsOf = scoring.openAsOf.text;
    }
    const actions: CheckedRelationship['actions'] = [];
    for (const a of scoring.actions) {
      if (actions.some((x) => x.action === a.action.name)) {
        this.report('PB2002', a.action.span, `action "${a.action.name}" has points twice`);
        continue;
      }
      let repetition: CheckedRelationship['actions'][number]['repetition'] = { kind: 'every' };
      if (a.repetition.kind === 'once') repetition = { kind: 'once', period: a.repetition.period };
      else if (a.repetition.kind === 'atMost') {
        const count = Number(a.repetition.count);
        if (!Number.isInteger(count) || count < 1) this.report('PB3015', a.span, `"at most ${a.repetition.count}" must be a whole number of at least 1`, 'for example: at most 2 per month; to give no points, delete the action');
        repetition = { kind: 'atMost', count, period: a.repetition.period };
      }
      actions.push({ action: a.action.name, points: a.points, repetition, label: a.label });
    }
    const weights: CheckedRelationship['weights'] = [];
    for (const w of scoring.weights) {
      const condition = this.exprs.condition(w.condition, { kind: 'activity', table: ACTIVITIES, where: 'a weight' });
      if (condition) weights.push({ factor: w.factor, condition });
    }
    let review: TExpr | null = null;
    for (const extra of scoring.reviews.slice(1)) this.report('PB2002', extra.span, 'the review list is declared twice in this scoring section', 'keep one "review accounts when …" line; join the conditions with "or"');
    if (scoring.reviews.length > 0) {
      review = this.exprs.condition(scoring.reviews[0].condition, { kind: 'deal', table: DEALS, allowCredited: false, where: 'the review list', relationship: { indicators: [], score: false } });
    }
    const indicators: CheckedRelationship['indicators'] = [];
    for (const r of indicatorRules) {
      if (indicators.some((i) => i.name === r.name.name)) {
        this.report('PB2002', r.name.span, `indicator "${r.name.name}" is declared twice`);
        continue;
      }
      const condition = this.exprs.condition(r.condition, { kind: 'deal', table: DEALS, allowCredited: false, where: `indicator ${r.name.name}`, relationship: { indicators: [], score: false } });
      if (condition) indicators.push({ name: r.name.name, label: r.label, condition });
    }
    const indicatorNames = indicatorRules.map((r) => r.name.name);
    const tiers: CheckedRelationship['tiers'] = [];
    let catchAll: A.TierRule | null = null;
    for (const r of tierRules) {
      if (tiers.some((t) => t.name === r.name.name)) this.report('PB2002', r.name.span, `tier "${r.name.name}" is declared twice`);
      if (catchAll) {
        this.diagnostics.push(warning('PB4102', r.name.span, `tier "${r.name.name}" can never match: tier "${catchAll.name.name}" before it takes every deal`, 'tiers match first to last; put "otherwise" on the last tier'));
      }
      if (Number(r.probability.text) > 100) this.report('PB3009', r.probability.span, `a win probability of ${r.probability.text}% is more than certain`);
      const condition = r.condition ? this.exprs.condition(r.condition, { kind: 'deal', table: DEALS, allowCredited: false, where: `tier ${r.name.name}`, relationship: { indicators: indicatorNames, score: true } }) : null;
      if (!r.condition && !catchAll) catchAll = r;
      tiers.push({ name: r.name.name, label: r.label, condition, probability: percentToRatio(r.probability.text) });
    }
    if (!ok) return null;
    return {
      name: scoring.name.name,
      lookBackDays: scoring.lookBackDays ? Number(scoring.lookBackDays.text) : 365,
      halfLifeDays: scoring.halfLifeDays?.text ?? null,
      cap: scoring.cap?.text ?? null,
      openAsOf,
      actions,
      weights,
      review,
      indicators,
      tiers,
    };
  }

  private commission(rule: A.CommissionRule, quotaNames: string[]): CheckedPlaybook['commissions'][number] | null {
    if (!rule.method && rule.methodSpan.line > 0) {
      const near = rule.methodWritten === undefined ? null : closest(rule.methodWritten, ['marginal', 'retroactive']);
      this.report(
        'PB1004',
        rule.methodSpan,
        'say whether this commission table is marginal or retroactive',
        `${near === null ? '' : `did you mean "${near}"? `}marginal: each band pays its own rate on the part that falls in it; retroactive: the band reached pays its rate on the whole amount`,
      );
    }
    const bands: CheckedBand[] = [];
    let ok = true;
    let previousAmount: number | null = null;
    for (const band of rule.bands) {
      let from: CheckedBand['from'];
      if (band.from.kind === 'quota') {
        if (!quotaNames.includes(band.from.quota.name)) {
          this.report('PB2004', band.from.quota.span, `there is no quota "${band.from.quota.name}"`, suggestionHint(band.from.quota.name, quotaNames, 'quotas'));
          ok = false;
          continue;
        }
        from = { kind: 'quota', ratio: percentToRatio(band.from.percent), quota: band.from.quota.name };
        previousAmount = null;
      } else {
        const value = Number(band.from.text);
        if (previousAmount !== null && value <= previousAmount) {
          const grouped = band.from.text.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
          this.report('PB3006', band.from.span, `this band starts at ${grouped}, not above the band before it`, 'list bands from the lowest threshold to the highest');
          ok = false;
        }
        previousAmount = value;
        this.diagnostics.push(...amountLiteralFindings({ kind: 'number', text: band.from.text, grouped: false, span: band.from.span }, this.exprs.money));
        from = { kind: 'amount', amount: band.from.text };
      }
      // A rate the parser could not read (`pay amount + 5%`) is the syntax error's to report, not a missing base rate.
      if (band.rate.kind === 'multiple' && !band.rate.unread && !rule.baseRate) {
        this.report('PB2004', band.rate.span, 'this rate is a multiple of the base rate, but the table has no base rate', 'add a line: base rate 2%');
        ok = false;
      }
      bands.push({ from, rate: band.rate.kind === 'percent' ? { kind: 'ratio', ratio: percentToRatio(band.rate.text) } : { kind: 'multiple', factor: band.rate.factor } });
    }
    if (rule.excessName && !rule.baseRate) {
      this.report('PB2004', rule.excessName.span, 'the excess over base needs a base rate', 'add a line: base rate 2%');
      ok = false;
    }
    if (!ok || !rule.method) return null;
    return {
      name: rule.name.name,
      period: rule.period,
      method: rule.method,
      baseRate: rule.baseRate ? percentToRatio(rule.baseRate.text) : null,
      bands,
      excessName: rule.excessName?.name ?? null,
    };
  }
}

/**
 * Value aliases as a record with no prototype, so an alias from "__proto__" or
 * "constructor" is an ordinary entry (an object literal would drop or shadow it).
 */
function aliasRecord(aliases: A.FieldDecl['aliases']): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  for (const a of aliases) out[a.from] = a.to;
  return out;
}

/** A hint naming the date fields of a table, for a rule that needs a date. */
function dateFieldHint(scope: TableScope): string {
  const table = scope.decl.name.name;
  const dates = [...scope.fields.values()].filter((f) => f.type === 'date' || f.type === 'timestamp').map((f) => f.name);
  return dates.length === 0 ? `table ${table} has no date field: declare one, e.g. field close_date date "YYYY-MM-DD"` : `use a date field of ${table}: ${dates.join(', ')}`;
}

function minorStep(digits: number): string {
  return digits === 0 ? '1' : `0.${'0'.repeat(digits - 1)}1`;
}

/** Checks a parsed playbook. All findings come back in one list; `checked` is null if any is an error. */
export function checkPlaybook(ast: A.PlaybookAst): CheckResult {
  const checker = new Checker(ast);
  const checked = checker.run();
  return { checked, diagnostics: checker.diagnostics };
}

export type { TExpr };
