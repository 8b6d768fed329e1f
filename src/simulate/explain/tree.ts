/**
 * The explanation tree: every number of a rep's statement with the numbers it
 * is made of, down to source rows. A node whose children carry `adds: true`
 * equals the exact sum of those children's amounts (so the leaves add up to the
 * payout, to the cent); children with `adds: false` are context (the credited
 * deals behind a commission, the red lines that blocked credit).
 *
 * Amounts are exact decimal strings in the playbook currency, unrounded where
 * the engine did not round (a band's pay), rounded where it did (a payout line).
 */
import { Decimal } from '../../runtime/decimal.js';

export interface ExplainNode {
  /** What the number is, in a sales-ops analyst's words. */
  label: string;
  /** Exact decimal string in the playbook currency, or null for a node without an amount. */
  amount: string | null;
  /** True when this node's amount counts towards its parent's. */
  adds: boolean;
  /** How it was computed, in the playbook's words with the numbers filled in. */
  formula?: string;
  /** The playbook rule behind it: `file:line` and the rule's name. */
  rule?: { file: string; line: number; name: string };
  /** The source row behind it: `file:line`. */
  row?: { file: string; line: number };
  children: ExplainNode[];
}

/** A node; `amount` as a Decimal (or null). */
/** What `explain --period` without `--component` explains: the label is plural ("how all components of R13 in 2026-01 were computed"). */
export const ALL_COMPONENTS = 'all components';

export function node(label: string, amount: Decimal | null, adds: boolean, extra: Partial<Omit<ExplainNode, 'label' | 'amount' | 'adds'>> = {}): ExplainNode {
  return { label, amount: amount === null ? null : amount.toFixed(), adds, children: [], ...extra };
}

/** Sum of the children that add up to their parent. */
export function addingSum(n: ExplainNode): Decimal {
  return n.children.filter((c) => c.adds && c.amount !== null).reduce((s, c) => s.plus(c.amount!), new Decimal(0));
}

/**
 * Every node whose adding children do not sum exactly to its amount (empty when the tree is
 * consistent). Used by the tests and as a self-check before printing.
 */
export function inconsistencies(root: ExplainNode, path = root.label): string[] {
  const out: string[] = [];
  const adding = root.children.filter((c) => c.adds && c.amount !== null);
  if (adding.length > 0 && root.amount !== null && !addingSum(root).eq(root.amount)) {
    out.push(`${path}: ${root.amount} ≠ ${addingSum(root).toFixed()} (sum of its parts)`);
  }
  for (const c of root.children) out.push(...inconsistencies(c, `${path} › ${c.label}`));
  return out;
}
