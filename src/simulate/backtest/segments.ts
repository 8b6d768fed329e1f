/**
 * `--by FIELD`: the tier table and calibration per segment (per region, sector,
 * rep, …). A segment with too few deals to judge is merged with the other small
 * ones into one segment, and flagged.
 */
import { type Finding, tierVerdictFinding } from './findings.js';
import { type Measured, type ScoredDeal, type TierSpec, measure } from './measure.js';

/** A segment with fewer deals than this, or fewer won or lost deals than MIN_SEGMENT_OUTCOMES, is small. */
export const MIN_SEGMENT_DEALS = 30;
export const MIN_SEGMENT_OUTCOMES = 5;

export interface Segment {
  /** The field value, or "other (…)" for merged small segments. */
  name: string;
  /** The field values it covers (one, unless merged). */
  values: string[];
  merged: boolean;
  /** Still too small to judge (after merging). */
  small: boolean;
  measured: Measured;
}

export interface SegmentReport {
  field: string;
  segments: Segment[];
}

const isSmall = (deals: readonly ScoredDeal[]) => {
  const wins = deals.filter((d) => d.y === 1).length;
  return deals.length < MIN_SEGMENT_DEALS || wins < MIN_SEGMENT_OUTCOMES || deals.length - wins < MIN_SEGMENT_OUTCOMES;
};

/**
 * Splits `sample` by segment value; segments ordered by size (largest first,
 * then by name), the merged small ones last.
 */
export function segments(field: string, sample: readonly ScoredDeal[], valueOf: (d: ScoredDeal) => string, tiers: readonly TierSpec[], bins: number): SegmentReport {
  const groups = new Map<string, ScoredDeal[]>();
  for (const d of sample) {
    const v = valueOf(d);
    const list = groups.get(v);
    if (list) list.push(d);
    else groups.set(v, [d]);
  }
  const ordered = [...groups].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const big = ordered.filter(([, deals]) => !isSmall(deals));
  const small = ordered.filter(([, deals]) => isSmall(deals));
  const out: Segment[] = big.map(([name, deals]) => ({ name, values: [name], merged: false, small: false, measured: measure(deals, tiers, null, bins) }));
  if (small.length === 1) {
    const [name, deals] = small[0];
    out.push({ name, values: [name], merged: false, small: true, measured: measure(deals, tiers, null, bins) });
  } else if (small.length > 1) {
    const deals = small.flatMap(([, d]) => d);
    const values = small.map(([v]) => v);
    out.push({ name: `other (${values.length} small segments merged)`, values, merged: true, small: isSmall(deals), measured: measure(deals, tiers, null, bins) });
  }
  return { field, segments: out };
}

/** Findings about segments: tiers that overstate or understate within a segment, and segments merged or too small. */
export function segmentFindings(report: SegmentReport, states: string): Finding[] {
  const out: Finding[] = [];
  for (const s of report.segments) {
    const where = `In ${report.field} = ${s.merged ? s.values.join(', ') : s.name}`;
    for (const t of s.measured.tiers) {
      const f = tierVerdictFinding(t, states, where);
      if (f) out.push({ ...f, segment: s.name });
    }
    if (s.merged || s.small) {
      const why = `fewer than ${MIN_SEGMENT_DEALS} deals or fewer than ${MIN_SEGMENT_OUTCOMES} won or lost`;
      out.push({ kind: 'small-segment', warning: true, segment: s.name, message: s.merged ? `${report.field}: ${s.values.length} segments had too few deals to judge alone (${why}) and are merged: ${s.values.join(', ')}${s.small ? ' — and even merged they are too few' : ''}.` : `${where}: only ${s.measured.deals} deals (${why}); read its table as a rough guide.` });
    }
  }
  return out;
}
