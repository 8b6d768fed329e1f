/**
 * JSON text as `JSON.stringify(value, null, 2)` writes it, built directly at a nesting depth:
 * the pieces `writeJson` (text-sink.ts) puts together while it streams a report. Plain
 * objects, arrays, strings, numbers and booleans are written here; anything else by
 * JSON.stringify itself, so the text is always JSON.stringify's.
 */

/** Two spaces per level, made once per depth. */
const pads: string[] = [''];
export function pad(depth: number): string {
  while (pads.length <= depth) pads.push(`${pads[pads.length - 1]}  `);
  return pads[depth];
}

/** Characters JSON.stringify escapes: quote, backslash, controls, and surrogates (a lone one is escaped). */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * A string as JSON text, as JSON.stringify writes it. Only a string with a character JSON
 * escapes goes through JSON.stringify; the rest — nearly every name, date and amount — are
 * quoted as they are. (A regular expression: on the long explanations as fast as a loop over
 * the characters is on short names, and faster on long texts.)
 */
function quote(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

/** `"key": ` of the keys met so far (report keys are a few dozen names; data-made keys stop being kept past a bound). */
const keyTexts = new Map<string, string>();
export function keyText(key: string): string {
  let text = keyTexts.get(key);
  if (text === undefined) {
    text = `${quote(key)}: `;
    if (keyTexts.size < 10_000) keyTexts.set(key, text);
  }
  return text;
}

/** A value JSON.stringify leaves out of an object (and writes as null in an array). */
export const leftOut = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/** An object JSON.stringify writes from its own keys alone: a plain object without `toJSON`. */
export function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/**
 * `JSON.stringify(value, null, 2)` with its lines indented for nesting at `depth` (and "null"
 * where JSON.stringify gives nothing), built directly: no second pass to indent. Plain objects,
 * arrays, strings, numbers and booleans are written here; anything else (a `toJSON`, a class
 * instance, a bigint) by JSON.stringify itself, so the text is always JSON.stringify's.
 */
export function jsonText(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return arrayText(value, depth);
      if (isPlain(value)) return objectText(value as Record<string, unknown>, depth);
      return stringified(value, depth);
    case 'bigint':
      return stringified(value, depth);
    default:
      return 'null';
  }
}

function arrayText(items: unknown[], depth: number): string {
  if (items.length === 0) return '[]';
  const inner = `\n${pad(depth + 1)}`;
  let text = '[';
  for (let i = 0; i < items.length; i++) text += `${i === 0 ? '' : ','}${inner}${jsonText(items[i], depth + 1)}`;
  return `${text}\n${pad(depth)}]`;
}

function objectText(value: Record<string, unknown>, depth: number): string {
  const inner = `\n${pad(depth + 1)}`;
  let text = '';
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (leftOut(v)) continue;
    text += `${text === '' ? '{' : ','}${inner}${keyText(key)}${jsonText(v, depth + 1)}`;
  }
  return text === '' ? '{}' : `${text}\n${pad(depth)}}`;
}

/** JSON.stringify's own text of `value`, its lines indented for nesting at `depth`. */
function stringified(value: unknown, depth: number): string {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  return depth === 0 || !text.includes('\n') ? text : text.replace(/\n/g, `\n${pad(depth)}`);
}
