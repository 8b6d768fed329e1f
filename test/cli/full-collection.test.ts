import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/cli/full-collection.js';

describe('collectGarbage (run by simulate, backtest, score and audit once the simulation is done)', () => {
  it('collects an object nothing refers to any more, and can run again', async () => {
    let held: { rows: number[] } | null = { rows: Array.from({ length: 1000 }, (_, i) => i) };
    const ref = new WeakRef(held);
    // A WeakRef's target stays alive to the end of the job that made it: let that job end first.
    await new Promise((resolve) => setImmediate(resolve));
    held = null;
    collectGarbage();
    expect(ref.deref()).toBeUndefined();
    expect(() => collectGarbage()).not.toThrow();
  });
});
