/**
 * Whether a time-zone name is one this runtime knows, without loading a date library: `check`
 * and `fmt` need only this, and loading luxon for it was about 3% of a `check`'s instructions
 * (bench/RESULTS.md, "Start-up"). The answer is luxon's `IANAZone.isValidZone` (the same
 * `Intl.DateTimeFormat` test; test/language/time-zone.test.ts compares the two).
 */

let canonicalZones: Set<string> | null = null;

/**
 * True when `timeZone` is an IANA zone name this runtime knows: `UTC`, a canonical name such as
 * `Asia/Shanghai`, or an alias such as `US/Eastern`.
 */
export function isKnownTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  // The canonical-name list is cheap; the Intl.DateTimeFormat test also knows aliases
  // (US/Eastern) but costs ~20 ms the first time.
  if (timeZone === 'UTC') return true; // the usual answer, without asking ICU for its list
  canonicalZones ??= new Set(Intl.supportedValuesOf('timeZone'));
  if (canonicalZones.has(timeZone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone }).format();
    return true;
  } catch {
    return false;
  }
}
