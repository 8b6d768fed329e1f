/** Marker returned by cell parsers for text that is not a valid value of the column's type. */
export const INVALID: unique symbol = Symbol('invalid');
/** Type of {@link INVALID}. */
export type Invalid = typeof INVALID;

/** Marker returned by field readers for an empty cell that needs a value (required, no default). */
export const EMPTY: unique symbol = Symbol('empty');
/** Type of {@link EMPTY}. */
export type Empty = typeof EMPTY;
