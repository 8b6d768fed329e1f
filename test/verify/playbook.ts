/**
 * The small playbook the verify tests build on: reps, deals with a stage, a close
 * date and an amount, won deals credited to their rep. Each test adds its rules
 * (and, where it needs them, more deal fields or another file name for the deals).
 */
export interface VerifyPlaybookOptions {
  name?: string;
  /** The deals table's file, as the playbook declares it. */
  dealsFrom?: string;
  /** More `field …` lines for the deals table (each indented two spaces, ending in a newline). */
  dealFields?: string;
}

/** The playbook text: the shared base, then `rules`. */
export function verifyPlaybook(rules = '', options: VerifyPlaybookOptions = {}): string {
  return `playbook "${options.name ?? 'Verify test'}"
  currency USD · plan period 2017
table reps from "reps.csv"
  field name text column "name" key
table deals from "${options.dealsFrom ?? 'deals.csv'}"
  field id text column "id" key
  field rep text column "rep" lookup reps
  field stage text column "stage"
  field close_date date column "close_date"
  field amount money column "amount"
${options.dealFields ?? ''}  won when stage = "Won"
credit deals when won to rep on close_date amount amount
${rules}`;
}
