/**
 * Date formats in the analyst's notation (`YYYY-MM-DD`, `DD/MM/YYYY`,
 * `MM/DD/YYYY HH:mm`, `YYYY-MM-DDTHH:mm:ss`, or `ISO`). One definition, used by
 * the checker (to report a bad format at `check` time) and by the data loader
 * (to read cells), so the two never disagree.
 */

export type DateComponent = 'y' | 'M' | 'd' | 'h' | 'm' | 's';
export type DateFormatPart = { token: string; component: DateComponent } | { literal: string };

/** Why a format cannot be used: a sentence for the analyst. */
export class DateFormatError extends Error {}

/** The tokens a format may use, with the component each one reads. */
export const DATE_TOKENS: Record<string, DateComponent> = { YYYY: 'y', YY: 'y', MM: 'M', M: 'M', DD: 'd', D: 'd', HH: 'h', H: 'h', mm: 'm', ss: 's' };
const SUPPORTED = 'YYYY, YY, MM, M, DD, D, HH, H (an hour of one or two digits, as Excel writes 3/1/2017 0:00), mm, ss';

/**
 * Two-digit years (`YY`): 00–69 are 2000–2069, 70–99 are 1970–1999 (the POSIX
 * `strptime` rule). Fixed, so a file reads the same on every machine and in every year.
 */
export function fullYear(twoDigits: number): number {
  return twoDigits < 70 ? 2000 + twoDigits : 1900 + twoDigits;
}

/** True for the ISO 8601 default (no format, or `ISO` in any case). */
export function isIsoFormat(format: string | undefined): boolean {
  const f = format?.trim();
  return f === undefined || f === '' || f.toUpperCase() === 'ISO';
}

/**
 * Splits a format into tokens and literal separators and checks it: known
 * tokens only, each component at most once, a year, month and day, and no
 * minutes or seconds without an hour.
 * @throws DateFormatError with a message naming the format.
 */
export function analyseDateFormat(format: string): { parts: DateFormatPart[]; order: DateComponent[] } {
  const parts: DateFormatPart[] = [];
  const order: DateComponent[] = [];
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (j < format.length && format[j] === c) j++;
      const run = format.slice(i, j);
      const component = DATE_TOKENS[run];
      if (component !== undefined) {
        if (order.includes(component)) throw new DateFormatError(`the date format "${format}" has ${run} twice`);
        order.push(component);
        parts.push({ token: run, component });
      } else if (run === 'T') parts.push({ literal: 'T' });
      else throw new DateFormatError(`the date format "${format}" uses "${run}", which is not supported; use ${SUPPORTED}`);
      i = j;
    } else {
      parts.push({ literal: c });
      i++;
    }
  }
  if (!order.includes('y') || !order.includes('M') || !order.includes('d')) {
    throw new DateFormatError(`the date format "${format}" must contain a year (YYYY or YY), a month (MM or M) and a day (DD or D)`);
  }
  if (!order.includes('h') && (order.includes('m') || order.includes('s'))) {
    throw new DateFormatError(`the date format "${format}" has minutes or seconds but no hour (HH)`);
  }
  return { parts, order };
}

/** The problem with a format, or null when it can be used. */
export function dateFormatProblem(format: string | undefined): string | null {
  if (isIsoFormat(format)) return null;
  try {
    analyseDateFormat(format!.trim());
    return null;
  } catch (e) {
    if (e instanceof DateFormatError) return e.message;
    throw e;
  }
}
