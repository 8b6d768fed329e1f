/**
 * Coverage: which parts of the scheme some input exercised — each commission band
 * some credit fell in, each bonus paid, each red line tripped, each ranking band
 * filled, each relationship tier reached — and which were never reached ("the
 * 450,000 band was never reached in 2017"). For `playbook test --coverage` (over all
 * tests) and `playbook simulate --coverage` (over real data).
 */
import { versionName } from '../runtime/versions.js';
import type { RuleGraph } from '../graph/nodes.js';
import { Decimal } from '../runtime/decimal.js';
import { groupedText } from '../runtime/money.js';
import type { Evaluation } from '../runtime/result.js';

export interface CoverageItem {
  /** `commission "orders commission" band from 100% of floor`, `tier champion`, … */
  what: string;
  reached: boolean;
}

type Band = Extract<RuleGraph['nodes'][number], { kind: 'commission' }>['bands'][number];

function bandText(band: Band): string {
  if (band.from.kind === 'amount') return `from ${groupedText(new Decimal(band.from.amount), 0)}`;
  return `from ${new Decimal(band.from.ratio).times(100).toString()}% of ${band.from.quota}`;
}

/**
 * The coverage of `graph` by `evaluations`. Commission bands need evaluations made
 * with traces on (`evaluate(graph, tables, { trace: true })`).
 */
export function coverageOf(graph: RuleGraph, evaluations: Evaluation[]): CoverageItem[] {
  const lines = evaluations.flatMap((e) => e.reps.flatMap((r) => r.lines));
  const items: CoverageItem[] = [];
  for (const node of graph.nodes) {
    if (node.kind === 'commission') {
      // A table with plan versions: each version's bands, found in the lines by the version they name.
      for (const v of node.versions ?? [null]) {
        const name = v === null ? null : versionName(v);
        (v === null ? node.bands : v.bands).forEach((band, i) => {
          const reached = lines.some((l) => {
            const parts = (l.trace?.bands ?? []).filter((b) => name === null || b.version === name);
            return l.component === node.name && parts[i] !== undefined && !parts[i].basis.isZero();
          });
          items.push({ what: `commission "${node.name}" ${name === null ? '' : `version ${name} `}band ${bandText(band)}`, reached });
        });
      }
    } else if (node.kind === 'bonus') {
      items.push({ what: `bonus "${node.name}" paid`, reached: lines.some((l) => l.component === node.name && !l.amount.isZero()) });
    } else if (node.kind === 'redline') {
      const tripped = evaluations.some((e) => e.redlines.some((r) => r.id === node.redline && (r.deals > 0 || r.reps.length > 0 || (r.activityTrips?.length ?? 0) > 0)));
      items.push({ what: `${node.origin === 'mustwin' ? 'must win' : 'red line'} "${node.redline}" tripped`, reached: tripped });
    } else if (node.kind === 'ranking') {
      for (const band of ['top', 'bottom'] as const) {
        if (node[band] === null) continue;
        items.push({ what: `ranking "${node.name}" ${band} band`, reached: evaluations.some((e) => e.ranking.some((r) => r.ranking === node.name && r.band === band)) });
      }
    } else if (node.kind === 'tiers') {
      for (const tier of node.tiers) {
        items.push({ what: `tier ${tier.name}`, reached: evaluations.some((e) => e.deals.some((d) => d.relationship?.tier === tier.name)) });
      }
    }
  }
  return items;
}

/** `coverage: 14 of 16 reached`, then one line for each part never reached. */
export function formatCoverage(items: CoverageItem[], where: string): string {
  const missed = items.filter((i) => !i.reached);
  const head = `coverage${where ? ` ${where}` : ''}: ${items.length - missed.length} of ${items.length} parts of the scheme reached`;
  return [head, ...missed.map((i) => `  never reached: ${i.what}`)].join('\n');
}
