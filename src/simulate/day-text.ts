/** The `YYYY-MM-DD` text of a date value, made once per day (kept in the runtime: the release explanations use it too). */
export { dayText } from '../runtime/day-text.js';
