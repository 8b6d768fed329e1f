/**
 * `playbook generate`: what happens to each won deal after its booking — cash collected in
 * instalments (on time, slowly, late, or never: a cancelled order) and delivery progress reported
 * every 30 days until the project is complete — so the key-account playbook's payment in stages
 * (domain.md §4) runs on generated data too. Its own random stream: the other files' rows are
 * the same with or without it. Money in integer cents, so a deal's instalments add up exactly
 * to its amount; nothing is dated after the history ends.
 */
import { join } from 'node:path';
import type { Random } from './random.js';
import { CsvWriter } from './writer.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const money = (c: number) => `${Math.trunc(c / 100)}.${String(c % 100).padStart(2, '0')}`;

/** Instalments as [days after the close, percent of the amount]; the last takes the rest. */
const PAYERS: readonly (readonly [(r: Random) => [number, number][], number])[] = [
  [(r) => [[7 + r.int(14), 30], [30 + r.int(46), 70]], 65],
  [(r) => [[45 + r.int(46), 50], [120 + r.int(81), 50]], 25],
  [(r) => [[90 + r.int(61), 30], [300 + r.int(121), 70]], 8],
  [() => [], 2],
];

export class LifecycleWriter {
  private readonly collections: CsvWriter;
  private readonly progress: CsvWriter;
  private n = 0;

  /** @param end the last day of the history (ms): nothing later is written. */
  constructor(dir: string, private readonly r: Random, private readonly end: number) {
    this.collections = new CsvWriter(join(dir, 'collections.csv'), ['collection_id', 'deal_id', 'date', 'amount']);
    this.progress = new CsvWriter(join(dir, 'progress.csv'), ['deal_id', 'date', 'percent_complete']);
  }

  /** A won deal: its id, close date (ms) and amount in cents. */
  won(id: string, close: number, amountCents: number): void {
    const plan = this.r.weighted(PAYERS)(this.r);
    const months = 2 + this.r.int(8);
    const cancelled = plan.length === 0;
    for (let k = 1; k <= (cancelled ? 1 : months) && close + 30 * k * DAY <= this.end; k++) {
      this.progress.line([id, iso(close + 30 * k * DAY), `${cancelled ? 10 : Math.floor((100 * k) / months)}%`]);
    }
    let paid = 0;
    plan.forEach(([after, share], k) => {
      const amount = k === plan.length - 1 ? amountCents - paid : Math.floor((amountCents * share) / 100);
      paid += amount;
      if (close + after * DAY <= this.end && amount > 0) this.collections.line([`CL${String(++this.n).padStart(9, '0')}`, id, iso(close + after * DAY), money(amount)]);
    });
  }

  close(): { collections: number; progress: number } {
    this.collections.close();
    this.progress.close();
    return { collections: this.collections.rows, progress: this.progress.rows };
  }
}
