/** `review accounts when …` in a scoring section: what the checker accepts and refuses (message and place), and the graph node it makes. */
import { describe, expect, it } from 'vitest';
import { formatPlaybook } from '../../src/language/format/format.js';
import { compilePlaybookSource } from '../../src/simulate/load-playbook.js';
import { REVIEW_PLAYBOOK } from './review-fixture.js';

const LINE = REVIEW_PLAYBOOK.split('\n').findIndex((l) => l.includes('review accounts when')) + 1;
const diagnostics = (source: string) => compilePlaybookSource('r.playbook', source).diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`);

describe('review accounts when', () => {
  it('compiles to one review node that reads the deals and the accounts they look up', () => {
    const c = compilePlaybookSource('r.playbook', REVIEW_PLAYBOOK);
    expect(c.diagnostics).toEqual([]);
    const node = c.graph!.nodes.find((n) => n.kind === 'review')!;
    expect(node).toMatchObject({ id: 'review', source: { line: LINE, column: 3 } });
  });

  it('a second line is refused where it is written (PB2002)', () => {
    const twice = REVIEW_PLAYBOOK.replace('  review accounts when account.strategic\n', '  review accounts when account.strategic\n  review accounts when amount > 50\n');
    expect(diagnostics(twice)).toEqual([`PB2002 ${LINE + 1}:3 the review list is declared twice in this scoring section`]);
  });

  it('the condition is about a deal: no score, a real field, a yes/no value', () => {
    const at = (text: string) => REVIEW_PLAYBOOK.replace('review accounts when account.strategic', `review accounts when ${text}`);
    // "review accounts when " is 21 characters, after two spaces of indent: the condition starts at column 24.
    expect(diagnostics(at('score > 5'))).toEqual([`PB2001 ${LINE}:24 "score" is not a field of deals`]);
    expect(diagnostics(at('account.strategc'))).toEqual([`PB2001 ${LINE}:32 "strategc" is not a field of accounts`]);
    expect(diagnostics(at('amount'))).toEqual([`PB3003 ${LINE}:24 a condition needs a yes/no condition, but this is an amount of money`]);
  });

  it('the formatter keeps it', () => {
    const formatted = formatPlaybook(REVIEW_PLAYBOOK);
    expect(formatted).toContain('  review accounts when account.strategic\n');
  });
});
