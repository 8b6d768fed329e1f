/**
 * Input checks shared by the statistics functions (internal, not re-exported).
 *
 * Every check throws a `RangeError` with a plain message naming the function and
 * the offending argument, so bad data never turns into a silent NaN in a report.
 */

/** Throws unless `x` is a finite number. */
export function requireFinite(fn: string, name: string, x: number): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new RangeError(`${fn}: ${name} must be a finite number, got ${String(x)}`);
  }
}

/** Throws unless `x` is a finite number in [0, 1]. */
export function requireRatio(fn: string, name: string, x: number): void {
  requireFinite(fn, name, x);
  if (x < 0 || x > 1) throw new RangeError(`${fn}: ${name} must be between 0 and 1, got ${x}`);
}

/** Throws unless `n` is a non-negative integer. */
export function requireCount(fn: string, name: string, n: number): void {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${fn}: ${name} must be a whole number of 0 or more, got ${String(n)}`);
  }
}

/** Throws when any array is empty or the arrays differ in length; returns the common length. */
export function requireSameNonEmpty(fn: string, arrays: Record<string, readonly unknown[]>): number {
  const entries = Object.entries(arrays);
  const n = entries[0][1].length;
  for (const [name, a] of entries) {
    if (a.length === 0) throw new RangeError(`${fn}: ${name} is empty; there are no deals to measure`);
    if (a.length !== n) {
      const desc = entries.map(([k, v]) => `${k} has ${v.length}`).join(', ');
      throw new RangeError(`${fn}: inputs must have the same length (${desc})`);
    }
  }
  return n;
}

/** Throws unless every outcome is exactly 0 (lost) or 1 (won). */
export function requireOutcomes(fn: string, y: readonly number[]): void {
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 0 && y[i] !== 1) {
      throw new RangeError(`${fn}: y[${i}] must be 0 (lost) or 1 (won), got ${String(y[i])}`);
    }
  }
}

/** Throws unless every element is a finite number in [0, 1]. */
export function requireRatios(fn: string, name: string, p: readonly number[]): void {
  for (let i = 0; i < p.length; i++) requireRatio(fn, `${name}[${i}]`, p[i]);
}

/** Throws unless every element is a finite number. */
export function requireFinites(fn: string, name: string, xs: readonly number[]): void {
  for (let i = 0; i < xs.length; i++) requireFinite(fn, `${name}[${i}]`, xs[i]);
}
