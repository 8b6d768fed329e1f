/**
 * `playbook lsp` answers protocol messages: diagnostics with the same codes and positions as
 * `playbook check`, hover, go to definition and completion.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/check/index.js';
import { LspClient } from './client.js';

const uri = 'file:///plan.playbook';
const text = readFileSync('playbooks/key-account.playbook', 'utf8');
const lines = text.split('\n');
/** 0-based line and character of the first `needle` on a line containing `context`. */
function at(context: string, needle: string): { line: number; character: number } {
  const line = lines.findIndex((l) => l.includes(context));
  return { line, character: lines[line].indexOf(needle, lines[line].indexOf(context)) + 1 };
}

interface Diag { range: { start: { line: number; character: number } }; code: string; severity: number; message: string }

let client: LspClient;
beforeAll(async () => {
  client = new LspClient();
  const init = await client.request<{ capabilities: Record<string, unknown> }>('initialize', { processId: null, rootUri: null, capabilities: {} });
  expect(init.capabilities.hoverProvider).toBe(true);
  client.notify('initialized', {});
  client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'playbook', version: 1, text } });
});
afterAll(async () => client.close());

describe('playbook lsp', () => {
  it('publishes the same findings as playbook check, then follows edits', async () => {
    // key-account.playbook has two warnings (README): the scoring table rewards a family trip
    // the anti-bribery red line flags, and one more; no errors.
    const first = await client.notification<{ uri: string; diagnostics: Diag[] }>('textDocument/publishDiagnostics', (p) => p.uri === uri);
    expect(first.diagnostics.length).toBe(2);
    expect(first.diagnostics.every((d) => d.severity === 2 && /^PB4\d{3}$/.test(d.code))).toBe(true);
    // the same codes at the same places as `playbook check` (1-based there, 0-based in the protocol)
    const check = checkSource(text).diagnostics.map((d) => `${d.code}@${d.span.line}:${d.span.column}`);
    expect(first.diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}:${d.range.start.character + 1}`)).toEqual(check);
    // An unknown name on line 3 (1-based), column 20: PB2001-style error at exactly that place.
    const broken = 'playbook "P"\ntable deals from "d.csv"\n  derive x = nosuchfield + 1\n';
    client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: broken }] });
    const second = await client.notification<{ uri: string; diagnostics: Diag[] }>('textDocument/publishDiagnostics', (p) => p.diagnostics.some((d) => d.severity === 1));
    const unknown = second.diagnostics.find((d) => d.message.includes('nosuchfield'))!;
    expect(unknown.range.start).toEqual({ line: 2, character: 13 });
    expect(unknown.code).toMatch(/^PB\d{4}$/);
    client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
  });

  it('hovers a field with its type and column, an indicator and a tier with their conditions', async () => {
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: at('margin < 20%', 'margin') });
    expect(hover.contents.value).toContain('derived field of table deals');
    expect(hover.contents.value).toContain('derive margin = (amount - cost) / amount');
    const field = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: at('ranking "monthly ranking"', 'credited') });
    expect(field).toBeNull();
    const strategic = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: at('when account.strategic', 'strategic') });
    expect(strategic.contents.value).toContain('field strategic: boolean, column "strategic" (table accounts)');
    const tier = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: at('when requirements_signed and met_leadership', 'met_leadership') });
    expect(tier.contents.value).toContain('indicator met_leadership');
    expect(tier.contents.value).toContain('when count(activities where action = "exec_meeting" and age <= 180) >= 1');
    const champion = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: at('tier champion', 'champion') });
    expect(champion.contents.value).toContain('tier champion, win probability 80%');
    expect(champion.contents.value).toContain('when requirements_signed and met_leadership and tech_exchange_held');
  });

  it("hovers a rule's name with its formula as written", async () => {
    const rule = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: at('bonus "margin share"', 'share') });
    expect(rule.contents.value).toContain('bonus "margin share"');
    expect(rule.contents.value).toContain('pay amount × (min(margin, 30%) - 25%)');
  });

  it('goes to the definition of a field, quota and indicator', async () => {
    type Loc = { range: { start: { line: number; character: number } } }[];
    const margin = await client.request<Loc>('textDocument/definition', { textDocument: { uri }, position: at('margin < 20%', 'margin') });
    expect(margin.map((l) => l.range.start)).toEqual([at('derive margin', 'margin')].map((p) => ({ line: p.line, character: p.character - 1 })));
    const floor = await client.request<Loc>('textDocument/definition', { textDocument: { uri }, position: at('from 100% of floor', 'floor') });
    expect(floor[0].range.start.line).toBe(lines.findIndex((l) => l.startsWith('quota floor')));
  });

  it('completes field names, rule names and keywords', async () => {
    const items = await client.request<{ label: string }[]>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } });
    const labels = items.map((i) => i.label);
    expect(labels).toEqual(expect.arrayContaining(['close_date', 'margin', 'floor', 'champion', 'requirements_signed', 'commission', 'when']));
  });
});
