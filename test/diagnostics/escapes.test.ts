/** A playbook cannot send terminal escape sequences through `check`'s output; the caret stays in place. */
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check/index.js';
import { formatDiagnostic } from '../../src/language/format-diagnostic.js';

describe('control characters in diagnostics', () => {
  it('are shown as their pictures (ESC → ␛), one for one, in the message, the source line and the hint', () => {
    const source = 'playbook "x\u001b[2J"\n  currency USD · time zone "UTC" · fiscal year starts January\n';
    const d = checkSource(source).diagnostics.find((x) => x.code === 'PB2101')!;
    const text = formatDiagnostic(d, 'p.playbook', source);
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text.split('\n')[1]).toBe('  1 | playbook "x\u241b[2J"');
    // The caret line is as long as the source line: one picture for one control character.
    expect(text.split('\n')[2]).toBe(`    | ${'^'.repeat('playbook "x\u241b[2J"'.length)}`);
  });
});
