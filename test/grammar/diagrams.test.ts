/** docs/syntax-diagrams.html is generated from the grammar: regenerate it with `npm run diagrams`. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syntaxDiagramsHtml } from '../../grammar/diagrams.js';

describe('syntax diagrams', () => {
  it('the committed page matches the grammar', () => {
    const html = syntaxDiagramsHtml();
    // every rule of the grammar has its diagram
    for (const rule of ['playbook', 'tableSection', 'commissionRule', 'band', 'scoringSection', 'tierRule', 'expression']) expect(html).toContain(`"name": "${rule}"`);
    expect(readFileSync('docs/syntax-diagrams.html', 'utf8')).toBe(html);
  });
});
