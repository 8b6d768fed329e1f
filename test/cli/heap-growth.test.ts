/**
 * The CLI's heap-growth setting (src/cli/heap-growth.ts) takes effect in a running process: the
 * same allocations (3 million small objects kept, a third dropped) meet more full collections with
 * it than with V8's own factor. Counted from V8's --trace-gc lines in a child process running the
 * built module (npm test builds dist/ first).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const MODULE = fileURLToPath(new URL('../../dist/src/cli/heap-growth.js', import.meta.url));

function fullCollections(limit: boolean): number {
  const script = `
    const { limitHeapGrowth } = await import(${JSON.stringify(MODULE)});
    if (${limit}) limitHeapGrowth();
    const keep = [];
    for (let i = 0; i < 3_000_000; i++) { keep.push({ a: i, b: String(i) }); if (i % 3 === 0) keep[i] = null; }
    console.log('kept', keep.length);`;
  const out = spawnSync(process.execPath, ['--trace-gc', '--input-type=module', '-e', script], { encoding: 'utf8' });
  expect(out.stdout).toContain('kept 3000000');
  return out.stdout.split('\n').filter((line) => line.includes('Mark-Compact')).length;
}

describe('limitHeapGrowth', () => {
  it('makes V8 collect the whole heap more often as it grows', () => {
    expect(fullCollections(true)).toBeGreaterThan(fullCollections(false));
  });
});
