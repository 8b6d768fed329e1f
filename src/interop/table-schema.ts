/**
 * JSON Schemas (draft 2020-12) of a playbook's declared tables: the shape of one record as
 * JSON, keyed by field name — what the json-rules-engine fact module reads. Numbers are
 * exact decimal text (or integers), dates ISO text, an optional field may be null or absent.
 */
import type { SourceField, TableSchema } from '../graph/tables.js';

const DECIMAL = '^\\s*-?\\d+(\\.\\d+)?\\s*$';

function fieldSchema(f: SourceField): Record<string, unknown> {
  const described = (s: Record<string, unknown>, what: string) => ({ ...s, description: `${what} (column "${f.column}" of the CSV export)` });
  let s: Record<string, unknown>;
  switch (f.type) {
    case 'text':
      s = described({ type: 'string' }, 'text');
      break;
    case 'money':
    case 'number':
      s = described({ anyOf: [{ type: 'string', pattern: DECIMAL }, { type: 'integer' }] }, f.type === 'money' ? "an amount in the playbook's currency, as exact decimal text" : 'a number, as exact decimal text');
      break;
    case 'percent':
      s = described({ anyOf: [{ type: 'string', pattern: '^\\s*-?\\d+(\\.\\d+)?\\s*%?\\s*$' }, { type: 'integer' }] }, 'a fraction ("0.2") or a percent ("20%")');
      break;
    case 'date':
      s = described({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }, 'a date, YYYY-MM-DD');
      break;
    case 'timestamp':
      s = described({ type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}([Tt ]\\d{2}:\\d{2}(:\\d{2}([.,]\\d+)?)?\\s*([Zz]|[+-]\\d{2}(:?\\d{2})?)?)?$' }, 'an ISO 8601 date and time');
      break;
    case 'boolean':
      s = described({ type: 'boolean' }, 'true or false');
      break;
  }
  const nullable = f.optional && !f.key;
  return nullable ? { anyOf: [s, { type: 'null' }] } : s;
}

/** The JSON Schema of one record of `table`. */
export function tableJsonSchema(table: TableSchema): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: `a record of table ${table.name}`,
    type: 'object',
    properties: Object.fromEntries(table.fields.map((f) => [f.name, fieldSchema(f)])),
    // A field with a default may be left out; so may an optional one.
    required: table.fields.filter((f) => f.key || (!f.optional && f.default === undefined)).map((f) => f.name),
    additionalProperties: false,
  };
}
