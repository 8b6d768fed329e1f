/**
 * Pay calendars: the day released commission is paid (domain.md §4, "pay fast": the time from
 * the triggering event to payment is a measured quality of a scheme). Dates are the runtime's
 * date values (ms of local midnight in the playbook's zone, encoded as if UTC; see periods.ts).
 *
 * - same day: paid on the trigger's day;
 * - `N days after the trigger`: the trigger's day + N calendar days;
 * - `monthly on the Dth after the trigger`: the first Dth strictly after the trigger's day (in a
 *   month shorter than D days, its last day);
 * - `every [other] WEEKDAY [from "DATE"] after the trigger`: the first such weekday strictly after
 *   the trigger's day; with `from`, pay days are DATE, DATE + 7 (or 14) days, … and none before DATE;
 * - `on the next business day after the trigger`: the next Monday-to-Friday after the trigger's
 *   day (no public-holiday calendar).
 */
import type { PayCalendar } from '../../graph/stage-nodes.js';
import { DAY_MS, parseDateText } from '../periods.js';

function lastDayOfMonth(year: number, month0: number): number {
  return new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
}

/** The Dth (or the month's last day) of a month. */
function dayOfMonth(year: number, month0: number, day: number): number {
  return Date.UTC(year, month0, Math.min(day, lastDayOfMonth(year, month0)));
}

/**
 * The day commission triggered on `trigger` is paid.
 * @param trigger a date value (local midnight as UTC ms); @returns a date value on or after it.
 */
export function payDate(trigger: number, calendar: PayCalendar): number {
  switch (calendar.kind) {
    case 'same day':
      return trigger;
    case 'lag':
      return trigger + calendar.days * DAY_MS;
    case 'monthly': {
      const d = new Date(trigger);
      const thisMonth = dayOfMonth(d.getUTCFullYear(), d.getUTCMonth(), calendar.day);
      return thisMonth > trigger ? thisMonth : dayOfMonth(d.getUTCFullYear(), d.getUTCMonth() + 1, calendar.day);
    }
    case 'weekly': {
      const step = calendar.every * 7 * DAY_MS;
      if (calendar.anchor !== null) {
        const anchor = parseDateText(calendar.anchor);
        if (anchor > trigger) return anchor;
        return anchor + (Math.floor((trigger - anchor) / step) + 1) * step;
      }
      const ahead = (calendar.weekday - new Date(trigger).getUTCDay() + 7) % 7 || 7;
      return trigger + ahead * DAY_MS;
    }
    case 'business day': {
      let d = trigger + DAY_MS;
      while (new Date(d).getUTCDay() === 0 || new Date(d).getUTCDay() === 6) d += DAY_MS;
      return d;
    }
  }
}

/** The calendar in words, for explanations: `monthly on the 5th after the trigger`. */
export function calendarText(calendar: PayCalendar): string {
  const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const ordinal = (n: number) => `${n}${n % 10 === 1 && n !== 11 ? 'st' : n % 10 === 2 && n !== 12 ? 'nd' : n % 10 === 3 && n !== 13 ? 'rd' : 'th'}`;
  switch (calendar.kind) {
    case 'same day':
      return 'paid on the day of the trigger';
    case 'lag':
      return `paid ${calendar.days} days after the trigger`;
    case 'monthly':
      return `paid monthly on the ${ordinal(calendar.day)} after the trigger`;
    case 'weekly':
      return `paid every ${calendar.every === 2 ? 'other ' : ''}${weekdays[calendar.weekday]}${calendar.anchor ? ` from ${calendar.anchor}` : ''} after the trigger`;
    case 'business day':
      return 'paid on the next business day after the trigger';
  }
}
