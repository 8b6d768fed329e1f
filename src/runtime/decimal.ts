/** Re-export of the configured exact decimal type (see `src/graph/decimal.ts`). */
export { Decimal, ZERO, isDecimal } from '../graph/decimal.js';
