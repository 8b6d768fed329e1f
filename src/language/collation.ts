/**
 * The one collation used to sort text in checker output: plain Unicode
 * code-point order. Never `localeCompare` without a fixed locale — its order
 * depends on the machine (`å` sorts after `z` in Swedish, before it in English),
 * and `check` must print the same findings everywhere (design.md: determinism).
 *
 * Documented order (docs/errors.md, "How to read a finding"): by code point,
 * so "Z" (U+005A) < "z" (U+007A) < "å" (U+00E5) < "é" (U+00E9). Characters
 * outside the Basic Multilingual Plane (U+10000 and above) sort after every
 * other character, unlike JavaScript's default `sort()`, which compares UTF-16
 * code units and puts them before U+E000–U+FFFF.
 */

/** Compares two texts by Unicode code points: negative, zero or positive, like a `sort` comparator. */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const x = [...a];
  const y = [...b];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/** A sorted copy of `list` in code-point order. */
export function sortedText(list: Iterable<string>): string[] {
  return [...list].sort(compareText);
}
