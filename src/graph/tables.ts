/**
 * Declared data schema: the part of the rule graph that says which input files
 * a playbook reads and how each column becomes a typed field.
 *
 * Produced by the compiler from a playbook's `table` sections; consumed by the
 * data loader (`src/data`). JSON-serialisable and validated with zod.
 */
import { z } from 'zod';

/** The value types a column may be declared with. */
export const FieldTypeSchema = z.enum(['text', 'date', 'timestamp', 'money', 'number', 'percent', 'boolean']);
export type FieldType = z.infer<typeof FieldTypeSchema>;

/** One field read from one column of an input file. */
export const SourceFieldSchema = z.object({
  /** Field name used in playbook expressions (may be any Unicode identifier). */
  name: z.string(),
  type: FieldTypeSchema,
  /** Column header in the input file, exactly as the file spells it. */
  column: z.string(),
  /**
   * For `date` and `timestamp`: the layout the file uses, in the analyst's notation
   * (`YYYY-MM-DD`, `DD/MM/YYYY`, `MM/DD/YYYY HH:mm`, `ISO`). Absent means ISO 8601.
   */
  format: z.string().optional(),
  /** True when an empty cell is allowed (the value is then *missing*, never zero). */
  optional: z.boolean(),
  /** Raw text used in place of an empty cell, parsed like any cell. */
  default: z.string().optional(),
  /** True for the table's key: values must be unique; other tables look rows up by it. */
  key: z.boolean(),
  /**
   * Value aliases applied to the raw text before parsing: `[{ from: "GTXPro", to: "GTX Pro" }]`.
   * A list of pairs, not an object, so any text (even `__proto__`) can be an alias.
   */
  aliases: z.array(z.object({ from: z.string(), to: z.string() })),
  /** Name of another table whose key this field's value must be (a lookup). */
  lookup: z.string().optional(),
  /** True when a cell may hold line breaks (`multiline`); otherwise a value spanning lines is a bad row. */
  multiline: z.boolean().optional(),
});
export type SourceField = z.infer<typeof SourceFieldSchema>;

/** One input table (one CSV file). */
export const TableSchemaSchema = z.object({
  /** Table name used in the playbook (`deals`, `reps`, `accounts`, `products`, ...). */
  name: z.string(),
  /** File name, relative to the data folder given with `--data`. */
  file: z.string(),
  /** Column delimiter; default `,`. */
  delimiter: z.string().length(1),
  /**
   * Number notation of the file: `en` reads `1,234.50` (comma groups thousands),
   * `de` reads `1.234,50` (comma is the decimal mark).
   */
  locale: z.enum(['en', 'de']),
  /**
   * Text encoding of the file (`gb18030`, `windows-1252`, `utf-16`, … see
   * `src/language/encodings.ts`). Absent means UTF-8 (or UTF-16 with a byte-order mark).
   */
  encoding: z.string().optional(),
  /** For an Excel workbook (`.xlsx`): the worksheet to read (`sheet "Orders"`). Absent means the first worksheet. */
  sheet: z.string().optional(),
  fields: z.array(SourceFieldSchema),
});
export type TableSchema = z.infer<typeof TableSchemaSchema>;
