/**
 * Text and JSON renderings of an explanation. The text reads like a commission
 * statement a sales-ops analyst could send a rep to settle a dispute: each
 * number on its own line, indented under the number it is part of, with how it
 * was computed and where it comes from (playbook rule or data row). Amounts in
 * parentheses are context, not parts of the number above them.
 */
import stringWidth from 'string-width';
import type { DealExplanation, Explanation } from './index.js';
import { ALL_COMPONENTS, type ExplainNode } from './tree.js';
import { shareText } from './deal-parts.js';

/** An exact decimal string with digit grouping and at least `digits` decimals: `1234.5` → `1,234.50`. */
export function amountText(exact: string, digits: number): string {
  const negative = exact.startsWith('-');
  const [int, frac = ''] = (negative ? exact.slice(1) : exact).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const decimals = frac.length >= digits ? frac : frac.padEnd(digits, '0');
  return `${negative ? '−' : ''}${grouped}${decimals ? `.${decimals}` : ''}`;
}

const AMOUNT_COLUMN = 78;

function where(n: ExplainNode): string {
  if (n.row) return `${n.row.file}:${n.row.line}`;
  if (n.rule && n.rule.line > 0) return `${n.rule.file}:${n.rule.line}`;
  return '';
}

function renderNode(n: ExplainNode, prefix: string, childPrefix: string, digits: number, out: string[]): void {
  const amount = n.amount === null ? '' : n.adds ? amountText(n.amount, digits) : `(${amountText(n.amount, digits)})`;
  const left = `${prefix}${n.label}`;
  const pad = Math.max(2, AMOUNT_COLUMN - stringWidth(left) - amount.length);
  const at = where(n);
  out.push(`${left}${' '.repeat(pad)}${amount}${at ? `   ${at}` : ''}`.trimEnd());
  if (n.formula) out.push(`${childPrefix}${n.children.length > 0 ? '│ ' : '  '}  ${n.formula}`);
  n.children.forEach((c, i) => {
    const last = i === n.children.length - 1;
    renderNode(c, `${childPrefix}${last ? '└─ ' : '├─ '}`, `${childPrefix}${last ? '   ' : '│  '}`, digits, out);
  });
}

function dealText(d: DealExplanation, currency: string, digits: number): string[] {
  const money = (x: string | null) => (x === null ? 'no amount' : `${amountText(x, digits)} ${currency}`);
  const yes = (b: boolean | null) => (b === null ? 'unknown' : b ? 'true' : 'false');
  const out: string[] = [];
  out.push(`Deal ${d.id} — ${d.stage}, ${money(d.amount)}${d.date ? ` on ${d.date}` : ''}, rep ${d.rep ?? '(none)'}${d.account ? `, account ${d.account}` : ''}   ${d.row.file}:${d.row.line}`);
  out.push('', `Credit: ${d.credit.why}`);
  out.push(`  rule "${d.credit.rule.name}" (${d.credit.rule.file}:${d.credit.rule.line}): when ${d.credit.reading.condition} → ${yes(d.credit.reading.result)}`);
  if (d.credit.reading.values.length > 0) out.push(`  with ${d.credit.reading.values.map((v) => `${v.name} = ${v.value}`).join(', ')}`);
  if (d.redlines.length > 0) {
    out.push('', 'Red lines');
    for (const r of d.redlines) {
      out.push(`  ${r.tripped ? 'TRIPPED' : 'clear  '}  "${r.id}" (${r.effect}, ${r.rule.file}:${r.rule.line}): ${r.reading.condition} → ${yes(r.reading.result)}`);
      if (r.reading.values.length > 0) out.push(`           with ${r.reading.values.map((v) => `${v.name} = ${v.value}`).join(', ')}`);
      if (r.tripped) out.push(`           ${r.message}`);
    }
  }
  if (d.bonuses.length > 0) {
    out.push('', 'Bonuses per deal');
    for (const b of d.bonuses) {
      out.push(`  "${b.name}": ${b.why}`);
      if (b.reading && b.reading.values.length > 0) out.push(`    ${b.reading.condition}, with ${b.reading.values.map((v) => `${v.name} = ${v.value}`).join(', ')}`);
    }
  }
  out.push(...partsText(d, digits));
  const rel = d.relationship;
  if (rel) {
    out.push('', `Relationship as of ${rel.asOf}: score ${rel.score}, tier ${rel.tier ?? '(none)'}${rel.probability ? ` (stated win probability ${rel.probability})` : ''}`);
    for (const i of rel.indicators) out.push(`  ${i.value === null ? '?' : i.value ? '✓' : '✗'} ${i.name}${i.label ? ` — ${i.label}` : ''}`);
    if (rel.activities.length > 0) {
      out.push('  Activities that counted, largest first:');
      for (const a of rel.activities.slice(0, 10)) out.push(`    ${a.date}  ${a.action.padEnd(22)} ${a.points.padStart(7)}   ${a.row.file}:${a.row.line}`);
      if (rel.activities.length > 10) out.push(`    … and ${rel.activities.length - 10} more (--format json lists them all)`);
    }
  }
  return out;
}

/** Who gets which part of a split deal (or one under an overlay), and its releases when paid in stages. */
function partsText(d: DealExplanation, digits: number): string[] {
  const a = (x: string) => amountText(x, digits);
  const out: string[] = [];
  const p = d.parts;
  if (p) {
    out.push('', p.table ? `Split credit: ${p.people.length} people share the deal (split table ${p.table.name}, ${p.table.file})` : `Who is paid on it: ${p.people[0]?.person ?? '(no one)'}, all of its credit`);
    for (const x of p.people) {
      out.push(`  ${x.person}  ${shareText(x.share)}  credit ${a(x.credit)}${x.row ? `   ${x.row.file}:${x.row.line}` : ''}`);
      for (const c of x.commission) out.push(`      "${c.component}" ${c.period}: ${a(c.amount)} of the line ${a(c.line)} — ${c.why}`);
      for (const b of x.bonuses) out.push(`      "${b.name}": ${a(b.amount)} (the deal's bonus, shared as its credit)`);
    }
    if (p.overlays.length > 0) {
      out.push('', 'Manager overlay');
      for (const o of p.overlays) out.push(`  ${o.manager} (manages ${o.via.join(', ')}): "${o.component}" ${o.period}: ${a(o.amount)} of the line ${a(o.line)} — ${o.why}`);
    }
  }
  if (d.releases) {
    out.push('', d.releases.length === 0 ? 'Paid in stages: no part of this deal (nothing staged was earned on it)' : 'Paid in stages, to the end of the data');
    for (const r of d.releases) {
      const after = r.days === null ? '' : r.days === 0 ? ', the day of its trigger' : `, ${r.days === 1 ? '1 day' : `${r.days} days`} after its trigger (${r.triggered})`;
      // A clawback, a cancelled part, a top-up or what a cap took off says what happened to it.
      const fate = r.line !== 'part' ? r.fate : r.paid !== null ? `paid ${r.paid}${after}` : `held: ${r.held}`;
      out.push(`  ${r.rep} · "${r.component}" ${r.period} · ${r.stage}: ${a(r.amount)} ${fate}`);
    }
  }
  return out;
}

/** The explanation as text, for the terminal or a message to a rep. */
export function formatExplanationText(x: Explanation, digits: number): string {
  const out: string[] = [];
  if (x.kind === 'rep') {
    const verb = x.tree.label.startsWith(`${ALL_COMPONENTS} of `) ? 'were' : 'was';
    out.push(`${x.playbook} — how ${x.tree.label} ${verb} computed (amounts in ${x.currency})`, '');
    renderNode(x.tree, '', '', digits, out);
    out.push('', 'Each amount is the sum of the amounts indented under it; amounts in parentheses are context, not parts.');
  } else out.push(...dealText(x.deal, x.currency, digits));
  return `${out.join('\n')}\n`;
}

/** The explanation as JSON (described by schema/explain-output.schema.json). */
export function formatExplanationJson(x: Explanation): string {
  return `${JSON.stringify({ version: 1, ...x }, null, 2)}\n`;
}
