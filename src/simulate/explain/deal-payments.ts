/**
 * `explain --deal` for a deal whose commission is paid in stages (domain.md §4): every part of
 * the deal's commission — each stage's part, paid or held, and, when the playbook claws back,
 * what a reversal cancelled before it was paid and what it clawed back — with its reason.
 */
import type { GraphRun } from '../../runtime/engine.js';
import type { StatementsResult } from '../../runtime/nodes/statements.js';
import { fateText } from './stages.js';

/** One part of a deal's staged commission. Money is an exact decimal string in the playbook currency. */
export interface DealPayment {
  rep: string;
  component: string;
  /** The period of the commission line the part is part of (`2026`, `2026-Q1`). */
  period: string;
  stage: string;
  /** `part` (an ordinary part), `clawback` (taken back: negative), `cancelled` (never paid), `top-up` (a minimum's) or `capped` (never paid). */
  line: 'part' | 'clawback' | 'cancelled' | 'top-up' | 'capped';
  amount: string;
  /** Paid (when), held (why), cancelled (why) or clawed back (when). */
  fate: string;
  explain: string;
}

/** The parts of deal `id`'s staged commission, or null when nothing of it is paid in stages. */
export function dealPayments(g: GraphRun, id: string | null): DealPayment[] | null {
  const s = g.results.get('statements') as StatementsResult | undefined;
  if (!s || id === null) return null;
  const parts = s.releases.filter((x) => x.deal === id);
  if (parts.length === 0) return null;
  return parts.map((x) => ({ rep: x.rep, component: x.component, period: x.period, stage: x.stage, line: x.line ?? 'part', amount: x.amount.toFixed(), fate: fateText(x), explain: x.explain }));
}
