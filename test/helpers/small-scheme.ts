/**
 * A small USD plan over `reps.csv` (column rep) and `deals.csv` (id, rep, [stage,] close_date,
 * amount) paying one marginal rate on the year's credit: the fixture of tests that are about
 * the data or the command line rather than about the scheme.
 */
export interface SmallScheme {
  /** The playbook's name. */
  name?: string;
  /** The commission rate, as written (`5%`). */
  rate?: string;
  /** True: deals have a stage column and are won when it is "Won"; false: won when amount > 0. */
  stage?: boolean;
  /** Written after the rep field's declaration (e.g. aliases). */
  repExtra?: string;
  /** Lines written after the deals table's amount field (more fields, derived fields), each ending with a newline. */
  dealLines?: string;
  /** Sections written between the credit rule and the commission (red lines, bonuses), ending with a blank line. */
  rules?: string;
}

export function smallScheme({ name = 'Small', rate = '5%', stage = true, repExtra = '', dealLines = '', rules = '' }: SmallScheme = {}): string {
  return `playbook "${name}"
  currency USD · time zone "UTC" · fiscal year starts January
  plan period 2017
  rounding half-up to 0.01 per payout line

table reps from "reps.csv"
  field name text column "rep" key

table deals from "deals.csv"
  field id         text  column "id" key
  field rep        text  column "rep" lookup reps${repExtra ? ` ${repExtra}` : ''}
${stage ? '  field stage      text  column "stage"\n' : ''}  field close_date date "YYYY-MM-DD" column "close_date"
  field amount     money column "amount"
${dealLines}  won when ${stage ? 'stage = "Won"' : 'amount > 0'}

credit deals when won to rep on close_date amount amount

${rules}commission "commission" on credited per year marginal
  from 0 pay ${rate}
`;
}
