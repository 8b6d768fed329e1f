/**
 * deals.csv: ordinary random deals around the planted ones (plan.ts).
 *
 * Order of work: plant the fixed deals, set every rep's 2026 won total (its
 * "budget") around them, add later wins on strategic accounts where reps have
 * room, fill each budget with random won deals, then add 2025 history, losses
 * and open deals, and finally draw every cost (margin) that was not planted.
 */
import { day, formatDay, monthOf, monthSpan, randomWorkday } from './dates.js';
import type { Account, Deal, Product, Rep, Stage } from './model.js';
import { yuan } from './money.js';
import {
  AMOUNT_BUCKETS, BELOW_RED_LINE_SHARE, BLOCKED_MONTHS, BOUNDARY_DEALS, CLEAN_MARGIN_REPS, HISTORY_START,
  MARGIN_DEALS, MIN_DEAL, MONTH_WEIGHTS_2026, MUST_WIN_LOSSES, type PlantedDeal, ROLES, type Role,
  STRATEGIC_PLANS, TIE_DEALS, YEAR_END_EXCESS,
} from './plan.js';
import { type Rng, stream } from './prng.js';

interface Draft {
  seq: number;
  repId: string;
  accountId: string;
  product: string;
  stage: Stage;
  created: number;
  close: number | null;
  amount: number;
  cost: number | null;
  /** May not be drawn below the margin red line. */
  protect: boolean;
  tags: string[];
}

const LAST_ORDINARY_DAY = day('2026-12-30');
const YEAR_START = day('2026-01-01');

export function buildDeals(reps: readonly Rep[], accounts: readonly Account[], products: readonly Product[]): Deal[] {
  const book = new DealBook(stream('deals'), reps, accounts, products);
  book.plantFixed();
  book.setBudgets();
  book.plantStrategicFollowUps();
  book.fillWon2026();
  book.addHistoryWins();
  book.addLosses();
  book.addOpenDeals();
  book.assignCosts();
  return book.finish();
}

class DealBook {
  private readonly drafts: Draft[] = [];
  private readonly repById: Map<string, Rep>;
  private readonly accountByKey: Map<string, Account>;
  /** Fen each rep's 2026 won deals must sum to. */
  private readonly budget = new Map<string, number>();
  /** Fen of 2026 won deals placed so far, per rep. */
  private readonly booked2026 = new Map<string, number>();

  constructor(
    private readonly rng: Rng,
    private readonly reps: readonly Rep[],
    private readonly accounts: readonly Account[],
    private readonly products: readonly Product[],
  ) {
    this.repById = new Map(reps.map((r) => [r.id, r]));
    this.accountByKey = new Map(accounts.flatMap((a) => (a.key ? [[a.key, a] as const] : [])));
  }

  // ---- phases -------------------------------------------------------------

  plantFixed(): void {
    for (const spec of [...MARGIN_DEALS, ...BOUNDARY_DEALS, ...TIE_DEALS, ...MUST_WIN_LOSSES]) this.plant(spec);
    for (const plan of STRATEGIC_PLANS) {
      for (const lost of plan.lostBefore) {
        this.plant({ tag: `strategic-lost-before-first-win ${plan.key}`, account: plan.key, stage: 'Lost', ...lost });
      }
      const sameDay = plan.firstWins.length > 1 ? ' same-day' : '';
      for (const win of plan.firstWins) {
        this.plant({ tag: `strategic-first-win${sameDay} ${plan.key}`, account: plan.key, stage: 'Won', ...win });
      }
    }
  }

  setBudgets(): void {
    for (const rep of this.reps) {
      const role = roleOf(rep.id);
      const floor = yuan(rep.floorTarget);
      const challenge = yuan(rep.challengeTarget);
      const planted = this.booked(rep.id);
      const ratio = (lo: number, hi: number): number => {
        const need = Math.ceil(((planted + 2 * MIN_DEAL) * 10_000) / floor);
        const from = Math.max(lo, need);
        if (from > hi) throw new Error(`${rep.id}: planted deals (${planted} fen) leave no room for role ${role}`);
        return (floor * this.rng.int(from, hi)) / 10_000 + this.rng.int(0, 99_999);
      };
      const budget: Record<Role, () => number> = {
        challenge: () => ratio(15_800, 19_500),
        floor: () => ratio(10_500, 14_000),
        'exact-floor': () => floor,
        'exact-challenge': () => challenge,
        'year-end': () => floor + YEAR_END_EXCESS,
        below: () => ratio(3_500, 9_200),
        joiner: () => ratio(2_500, 6_000),
        'history-only': () => 0,
        none: () => 0,
      };
      const value = budget[role]();
      const room = value - planted;
      if (room < 0 || (room > 0 && room < MIN_DEAL)) {
        throw new Error(`${rep.id}: budget ${value} fen does not fit planted ${planted} fen`);
      }
      this.budget.set(rep.id, value);
    }
  }

  plantStrategicFollowUps(): void {
    for (const plan of STRATEGIC_PLANS) {
      const account = this.accountFor(plan.key);
      const firstClose = Math.max(...plan.firstWins.map((w) => day(w.close)));
      for (let i = 0; i < plan.followUps; i++) {
        const close = randomWorkday(this.rng, firstClose + 14, LAST_ORDINARY_DAY);
        if (close === undefined) throw new Error(`${plan.key}: no room for later wins`);
        const amount = clamp(this.drawAmount(), yuan(500_000), yuan(8_000_000));
        const candidates = this.reps.filter((rep) => this.canWin(rep, close) && this.fits(rep, close, amount));
        if (candidates.length === 0) throw new Error(`${plan.key}: no rep can take a later win on ${formatDay(close)}`);
        const rep = this.rng.weighted(candidates.map((r) => [r, r.region === account.province ? 6 : 1] as const));
        this.add({ repId: rep.id, accountId: account.id, stage: 'Won', close, amount, protect: false, tags: [`strategic-later-win ${plan.key}`] });
      }
    }
  }

  fillWon2026(): void {
    for (const rep of this.reps) {
      let remaining = (this.budget.get(rep.id) ?? 0) - this.booked(rep.id);
      while (remaining > 0) {
        let amount = this.drawAmount();
        if (amount >= remaining - MIN_DEAL) amount = remaining;
        const close = this.closeIn2026(rep, true);
        this.add({ repId: rep.id, accountId: this.pickAccount(rep, 'Won'), stage: 'Won', close, amount, protect: false, tags: [] });
        remaining -= amount;
      }
      if (remaining !== 0) throw new Error(`${rep.id}: overshot the 2026 budget`);
    }
  }

  addHistoryWins(): void {
    for (const rep of this.reps) {
      const role = roleOf(rep.id);
      if (role === 'joiner' || role === 'none') continue;
      const count = role === 'history-only' ? 3 : this.rng.int(1, 5);
      for (let i = 0; i < count; i++) {
        const close = this.closeIn2025(rep);
        if (close === undefined) break;
        this.add({ repId: rep.id, accountId: this.pickAccount(rep, 'Won'), stage: 'Won', close, amount: this.drawAmount(), protect: false, tags: [] });
      }
    }
  }

  addLosses(): void {
    for (const rep of this.reps) {
      const role = roleOf(rep.id);
      if (role === 'none') continue;
      const count = role === 'history-only' ? 2 : this.rng.int(3, 7);
      for (let i = 0; i < count; i++) {
        const in2025 = role === 'history-only' || (role !== 'joiner' && this.rng.chance(0.3));
        const close = in2025 ? this.closeIn2025(rep) : this.closeIn2026(rep, false);
        if (close === undefined) continue;
        this.add({ repId: rep.id, accountId: this.pickAccount(rep, 'Lost'), stage: 'Lost', close, amount: this.drawAmount(), protect: false, tags: [] });
      }
    }
  }

  addOpenDeals(): void {
    for (const rep of this.reps) {
      const role = roleOf(rep.id);
      if (role === 'none' || role === 'history-only') continue;
      const count = this.rng.int(2, 5);
      for (let i = 0; i < count; i++) {
        this.add({ repId: rep.id, accountId: this.pickAccount(rep, 'Open'), stage: 'Open', close: null, amount: this.drawAmount(), protect: false, tags: [] });
      }
    }
  }

  /**
   * Costs: planted ones stay; ~8% of won deals fall below the 20% red line,
   * ~28% sit inside the 25-30% margin-share band, the rest spread over 20-25%
   * and 30-45%. No drawn margin is ever a whole percentage, so the planted
   * exact margins are the only ones.
   */
  assignCosts(): void {
    const won = this.drafts.filter((d) => d.stage === 'Won');
    const pinnedBelow = won.filter((d) => d.cost !== null && (d.amount - d.cost) * 100 < 20 * d.amount).length;
    const wantBelow = Math.round(won.length * BELOW_RED_LINE_SHARE) - pinnedBelow;
    const eligible = this.rng.shuffled(won.filter((d) => d.cost === null && !d.protect));
    const below = new Set(eligible.slice(0, wantBelow));
    for (const d of this.drafts) {
      if (d.cost !== null) continue;
      let basisPoints: number; // margin in hundredths of a percent
      if (d.stage !== 'Won') basisPoints = this.rng.int(1_500, 4_500);
      else if (below.has(d)) basisPoints = this.rng.int(1_000, 1_980);
      else {
        const band = this.rng.weighted([['share', 30], ['low', 24], ['high', 46]] as const);
        basisPoints = band === 'share' ? this.rng.int(2_505, 2_995) : band === 'low' ? this.rng.int(2_005, 2_495) : this.rng.int(3_005, 4_500);
      }
      let cost = Math.round((d.amount * (10_000 - basisPoints)) / 10_000) + this.rng.int(-2_000, 2_000);
      while (((d.amount - cost) * 100) % d.amount === 0) cost += 1;
      d.cost = cost;
    }
  }

  finish(): Deal[] {
    const sorted = [...this.drafts].sort((a, b) => a.created - b.created || a.seq - b.seq);
    return sorted.map((d, i) => {
      if (d.cost === null) throw new Error('deal without cost');
      return {
        id: `D${String(i + 1).padStart(4, '0')}`,
        repId: d.repId,
        accountId: d.accountId,
        product: d.product,
        stage: d.stage,
        created: d.created,
        close: d.close,
        amount: d.amount,
        cost: d.cost,
        tags: d.tags,
      };
    });
  }

  // ---- helpers ------------------------------------------------------------

  private plant(spec: PlantedDeal): void {
    const rep = this.rep(spec.rep);
    const accountId = spec.account === 'local' ? this.localAccount(rep) : this.accountFor(spec.account).id;
    this.add({
      repId: rep.id,
      accountId,
      stage: spec.stage,
      close: day(spec.close),
      amount: spec.amount,
      cost: spec.cost ?? null,
      protect: true,
      tags: [spec.tag],
    });
  }

  private add(d: Omit<Draft, 'seq' | 'product' | 'created' | 'cost'> & { cost?: number | null }): void {
    const rep = this.rep(d.repId);
    if (d.stage === 'Won' && d.close !== null && d.close >= YEAR_START) {
      this.booked2026.set(rep.id, this.booked(rep.id) + d.amount);
    }
    this.drafts.push({
      ...d,
      seq: this.drafts.length,
      product: this.rng.weighted(this.products.map((p) => [p.product, p.weight] as const)),
      created: this.createdFor(rep, d.close),
      cost: d.cost ?? null,
      protect: d.protect || CLEAN_MARGIN_REPS.includes(rep.id),
    });
  }

  private booked(repId: string): number {
    return this.booked2026.get(repId) ?? 0;
  }

  private rep(id: string): Rep {
    const rep = this.repById.get(id);
    if (!rep) throw new Error(`plan names unknown rep ${id}`);
    return rep;
  }

  private accountFor(key: string): Account {
    const account = this.accountByKey.get(key);
    if (!account) throw new Error(`plan names unknown account key ${key}`);
    return account;
  }

  /** An ordinary (neither strategic nor must-win) account in the rep's province. */
  private localAccount(rep: Rep): string {
    const local = this.accounts.filter((a) => !a.strategic && !a.mustWin && a.province === rep.region);
    return this.rng.pick(local).id;
  }

  /**
   * Random deals never win a strategic account (their first wins are planted)
   * and never lose a must-win account (those losses are planted).
   */
  private pickAccount(rep: Rep, stage: Stage): string {
    const pool = this.accounts.filter((a) => (stage === 'Won' ? !a.strategic : stage === 'Lost' ? !a.mustWin : true));
    return this.rng.weighted(pool.map((a) => [a.id, (a.province === rep.region ? 6 : 1) * (a.mustWin ? 2 : 1)] as const));
  }

  /** Can this rep close a won deal on this day (has started, is active that year, month not blocked)? */
  private canWin(rep: Rep, close: number): boolean {
    const role = roleOf(rep.id);
    if (role === 'none') return false;
    if (close >= YEAR_START && role === 'history-only') return false;
    if (close >= YEAR_START && (role === 'exact-floor' || role === 'exact-challenge' || role === 'year-end')) return false;
    if (BLOCKED_MONTHS[rep.id]?.includes(monthOf(close))) return false;
    return day(rep.startDate) + 30 <= close;
  }

  /** Does a 2026 win of this amount leave the rep's budget either exactly met or at least one deal's worth open? */
  private fits(rep: Rep, close: number, amount: number): boolean {
    if (close < YEAR_START) return true;
    const room = (this.budget.get(rep.id) ?? 0) - this.booked(rep.id) - amount;
    return room === 0 || room >= MIN_DEAL;
  }

  private closeIn2026(rep: Rep, respectBlocked: boolean): number {
    const earliest = Math.max(YEAR_START, day(rep.startDate) + 30);
    const months = Object.entries(MONTH_WEIGHTS_2026).filter(
      ([m]) => monthSpan(m)[1] >= earliest && !(respectBlocked && BLOCKED_MONTHS[rep.id]?.includes(m)),
    );
    for (;;) {
      const [first, last] = monthSpan(this.rng.weighted(months));
      const close = randomWorkday(this.rng, Math.max(first, earliest), Math.min(last, LAST_ORDINARY_DAY));
      if (close !== undefined) return close;
    }
  }

  private closeIn2025(rep: Rep): number | undefined {
    return randomWorkday(this.rng, Math.max(day('2025-08-01'), day(rep.startDate) + 30), day('2025-12-30'));
  }

  /**
   * Created date: 45-420 days before the close (key-account cycles are long),
   * never before the history starts or the rep joined, at least two weeks
   * before the close. Open deals were created between October 2025 and mid-December 2026.
   */
  private createdFor(rep: Rep, close: number | null): number {
    const lo = Math.max(day(HISTORY_START), day(rep.startDate));
    if (close === null) {
      const created = randomWorkday(this.rng, Math.max(lo, day('2025-10-01')), day('2026-12-18'));
      if (created === undefined) throw new Error(`${rep.id}: no day to open a deal`);
      return created;
    }
    const hi = close - 14;
    if (hi < lo) throw new Error(`${rep.id}: close ${formatDay(close)} too early for a created date`);
    const target = close - this.rng.int(45, 420);
    const window: [number, number] = target < lo ? [lo, Math.min(hi, lo + 60)] : [Math.max(lo, target - 7), Math.min(hi, target + 7)];
    return randomWorkday(this.rng, ...window) ?? randomWorkday(this.rng, lo, hi) ?? lo;
  }

  /** A deal size in fen from the long-tailed buckets, rounded like real quotes mostly are. */
  private drawAmount(): number {
    const [lo, hi] = this.rng.weighted(AMOUNT_BUCKETS.map((b) => [b, b[2]] as const));
    const style = this.rng.weighted([['ten-thousands', 6], ['yuan', 3], ['fen', 1]] as const);
    if (style === 'ten-thousands') return yuan(10_000 * this.rng.int(lo / 10_000, hi / 10_000));
    if (style === 'yuan') return yuan(this.rng.int(lo, hi));
    return yuan(this.rng.int(lo, hi - 1)) + this.rng.int(1, 99);
  }
}

function roleOf(repId: string): Role {
  const role = ROLES[repId];
  if (!role) throw new Error(`no role planned for ${repId}`);
  return role;
}

function clamp(value: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, value));
}
