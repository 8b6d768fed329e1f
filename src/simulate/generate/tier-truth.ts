/**
 * `playbook generate` plants the relationship tiers' truth (domain.md §1–2): the outcome of each
 * closed deal is drawn from the win probability of the tier its account is in on the close day,
 * worked out from the generated activities by the method of `playbooks/key-account.playbook`, so
 * that `playbook backtest` on generated data finds win rates near the stated ones
 * (champion 80%, supporter 45%, neutral 25%, opposed 10%).
 *
 * The method, as that playbook states it: score = Σ points × weight × 0.5^(age ÷ 180) over the
 * activities of the last 365 days (age 0…364), exec_meeting counted at most twice a calendar
 * month, strategic_agreement and requirements_signed once, weight 1.5 for a C-level contact and
 * 0.5 for an assistant, capped at 100. Champion: requirements signed, a leadership meeting in the
 * last 180 days and a technical exchange, ever. Else supporter at a score ≥ 30, neutral ≥ 10,
 * otherwise opposed. Computed here in binary floating point: a score within a rounding error of a
 * threshold may land in the neighbouring tier, which a rate over thousands of deals does not see.
 *
 * Memory: the activities are kept as four typed arrays (about 10 bytes each), grouped by account.
 */

const DAY = 86_400_000;

/** The scoring table of `playbooks/key-account.playbook`, by action name: points and repetition. */
export const TRUTH_ACTIONS: readonly { name: string; points: number; limit: 'every' | 'once' | 'twice-a-month' }[] = [
  { name: 'office_visit', points: 0.1, limit: 'every' },
  { name: 'exec_meeting', points: 4, limit: 'twice-a-month' },
  { name: 'hq_tour', points: 5, limit: 'every' },
  { name: 'reference_visit', points: 4, limit: 'every' },
  { name: 'tech_exchange', points: 5, limit: 'every' },
  { name: 'requirements_signed', points: 6, limit: 'once' },
  { name: 'strategic_agreement', points: 8, limit: 'once' },
  { name: 'gift', points: 1, limit: 'every' },
  { name: 'family_trip', points: 10, limit: 'every' },
];

/** Contact roles and their weights. */
export const TRUTH_ROLES: readonly { name: string; weight: number }[] = [
  { name: 'C-level', weight: 1.5 },
  { name: 'technical', weight: 1 },
  { name: 'procurement', weight: 1 },
  { name: 'assistant', weight: 0.5 },
];

/** Tiers in the playbook's order, with their stated win probability. */
export const TRUTH_TIERS: readonly { name: string; probability: number }[] = [
  { name: 'champion', probability: 0.8 },
  { name: 'supporter', probability: 0.45 },
  { name: 'neutral', probability: 0.25 },
  { name: 'opposed', probability: 0.1 },
];

const EXEC = TRUTH_ACTIONS.findIndex((a) => a.name === 'exec_meeting');
const TECH = TRUTH_ACTIONS.findIndex((a) => a.name === 'tech_exchange');
const SIGNED = TRUTH_ACTIONS.findIndex((a) => a.name === 'requirements_signed');

/** The generated activities, appended in file order, then asked the tier of an account on a day. */
export class TierTruth {
  private account: Int32Array;
  private day: Int32Array;
  private action: Int8Array;
  private role: Int8Array;
  private n = 0;
  /** After {@link index}: activity positions grouped by account, each group by day then file order. */
  private order: Int32Array | null = null;
  private start: Int32Array | null = null;

  constructor(
    private readonly accounts: number,
    capacity: number,
  ) {
    this.account = new Int32Array(capacity);
    this.day = new Int32Array(capacity);
    this.action = new Int8Array(capacity);
    this.role = new Int8Array(capacity);
  }

  /** One activity: account number (1-based), date (ms, UTC midnight), indexes into {@link TRUTH_ACTIONS} and {@link TRUTH_ROLES}. */
  add(account: number, date: number, action: number, role: number): void {
    const i = this.n++;
    this.account[i] = account;
    this.day[i] = Math.round(date / DAY);
    this.action[i] = action;
    this.role[i] = role;
  }

  /** Groups the activities by account (a counting sort), each group by day (stable: file order on a tie). */
  private index(): void {
    const start = new Int32Array(this.accounts + 2);
    for (let i = 0; i < this.n; i++) start[this.account[i] + 1]++;
    for (let a = 1; a < start.length; a++) start[a] += start[a - 1];
    const fill = start.slice();
    const order = new Int32Array(this.n);
    for (let i = 0; i < this.n; i++) order[fill[this.account[i]]++] = i;
    for (let a = 0; a <= this.accounts; a++) {
      const group = order.subarray(start[a], start[a + 1]);
      group.sort((x, y) => this.day[x] - this.day[y] || x - y);
    }
    this.order = order;
    this.start = start;
  }

  /** Index into {@link TRUTH_TIERS} of the account's tier on the day `date` (ms, UTC midnight). */
  tier(account: number, date: number): number {
    if (this.order === null) this.index();
    const order = this.order!;
    const asOf = Math.round(date / DAY);
    const from = this.start![account];
    let to = this.start![account + 1];
    // Activities dated after the as-of day are not seen (binary search for the end).
    let lo = from;
    while (lo < to) {
      const mid = (lo + to) >>> 1;
      if (this.day[order[mid]] <= asOf) lo = mid + 1;
      else to = mid;
    }
    const end = lo;
    let signed = false;
    let tech = false;
    let leadership = false;
    let score = 0;
    const once = new Set<number>();
    const perMonth = new Map<number, number>();
    for (let k = from; k < end; k++) {
      const i = order[k];
      const a = this.action[i];
      const age = asOf - this.day[i];
      if (a === SIGNED) signed = true;
      if (a === TECH) tech = true;
      if (a === EXEC && age <= 180) leadership = true;
      if (age >= 365) continue;
      const spec = TRUTH_ACTIONS[a];
      if (spec.limit === 'once') {
        if (once.has(a)) continue;
        once.add(a);
      } else if (spec.limit === 'twice-a-month') {
        const d = new Date(this.day[i] * DAY);
        const month = d.getUTCFullYear() * 12 + d.getUTCMonth();
        const used = perMonth.get(month) ?? 0;
        if (used >= 2) continue;
        perMonth.set(month, used + 1);
      }
      score += spec.points * TRUTH_ROLES[this.role[i]].weight * Math.pow(0.5, age / 180);
    }
    score = Math.min(score, 100);
    if (signed && tech && leadership) return 0;
    return score >= 30 ? 1 : score >= 10 ? 2 : 3;
  }
}
