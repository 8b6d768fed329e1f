/**
 * Sending a loaded table from a worker thread to the main thread (issue 10, scale: the largest
 * CSV file is read in a worker while this thread reads the others, see `parallel-load.ts`).
 *
 * `postMessage` copies objects by the structured clone algorithm, which keeps plain data —
 * objects, arrays, Maps, typed arrays, strings, numbers, shared references — but not classes:
 * an instance arrives as a plain object, a Buffer as a Uint8Array, and a decimal.js value (which
 * holds its constructor, a function) cannot be sent at all. So {@link packForTransfer} walks what
 * is sent once, notes each instance of a known class with its class (a list beside the value:
 * the objects themselves are not changed), replaces each Decimal by its exact text and each
 * Buffer by a marked view, and lists the large array buffers to transfer (moved, not copied:
 * the ten million rows' columns). {@link reviveTransfer} undoes it on the receiving side.
 * Both sides must give the same `classes`, in the same order.
 */
import { Decimal } from '../graph/decimal.js';

/** A Decimal as sent: its exact text. */
interface SentDecimal {
  readonly sentDecimal: string;
}
/** A Buffer as sent: its bytes (a Uint8Array over the same memory). */
interface SentBuffer {
  readonly sentBuffer: Uint8Array;
}

/** What {@link packForTransfer} gives: the message to post and the array buffers to transfer with it. */
export interface Packed {
  message: { root: unknown; instances: [object, number][] };
  transfer: ArrayBuffer[];
}

/**
 * An array buffer at least this large, owned by one typed array that starts at its start and
 * covers at least seven eighths of it (a fitted column: see column-store.ts `fitted`), is moved
 * rather than copied (a copy would copy the whole buffer anyway).
 */
const TRANSFER_BYTES = 64 * 1024;

/** A class whose instances may be sent (any constructor shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a class of any constructor shape
export type SentClass = abstract new (...args: any[]) => object;

/**
 * The message that sends `root` (see the module comment). `root` is changed where it holds a
 * Decimal or a Buffer (they are replaced): the sender must not use it afterwards.
 * @throws Error for a value that cannot be sent (a function, an instance of a class not in `classes`).
 */
export function packForTransfer(root: unknown, classes: readonly SentClass[]): Packed {
  const instances: [object, number][] = [];
  const transfer = new Set<ArrayBuffer>();
  const done = new Map<object, unknown>();
  const visit = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'function' || typeof value === 'symbol') throw new Error(`internal: a ${typeof value} cannot be sent to another thread`);
      return value;
    }
    const seen = done.get(value);
    if (seen !== undefined) return seen;
    if (Decimal.isDecimal(value)) {
      const sent: SentDecimal = { sentDecimal: (value as Decimal).toString() };
      done.set(value, sent);
      return sent;
    }
    if (ArrayBuffer.isView(value)) {
      const buffer = value.buffer;
      if (buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength * 8 >= buffer.byteLength * 7 && buffer.byteLength >= TRANSFER_BYTES) transfer.add(buffer);
      const sent = Buffer.isBuffer(value) ? ({ sentBuffer: new Uint8Array(value.buffer, value.byteOffset, value.byteLength) } as SentBuffer) : value;
      done.set(value, sent);
      return sent;
    }
    done.set(value, value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v = value[i];
        if (v !== null && typeof v === 'object') value[i] = visit(v);
        else if (typeof v === 'function') visit(v);
      }
      return value;
    }
    if (value instanceof Map) {
      for (const [k, v] of value) {
        visit(k);
        const sent = visit(v);
        if (sent !== v) value.set(k, sent);
      }
      return value;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const index = classes.findIndex((c) => c.prototype === proto);
      if (index < 0) throw new Error(`internal: an instance of ${proto?.constructor?.name ?? 'an unknown class'} cannot be sent to another thread`);
      instances.push([value, index]);
    }
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      const sent = visit(v);
      if (sent !== v) record[key] = sent;
    }
    return value;
  };
  const sentRoot = visit(root);
  return { message: { root: sentRoot, instances }, transfer: [...transfer] };
}

/** The value sent by {@link packForTransfer}, with its classes, Decimals and Buffers again. */
export function reviveTransfer(message: Packed['message'], classes: readonly SentClass[]): unknown {
  for (const [object, index] of message.instances) Object.setPrototypeOf(object, classes[index].prototype);
  const done = new Map<object, unknown>();
  const revive = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
    const seen = done.get(value);
    if (seen !== undefined) return seen;
    if ('sentDecimal' in value && Object.keys(value).length === 1) {
      const back = new Decimal((value as SentDecimal).sentDecimal);
      done.set(value, back);
      return back;
    }
    if ('sentBuffer' in value && Object.keys(value).length === 1) {
      const bytes = (value as SentBuffer).sentBuffer;
      const back = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      done.set(value, back);
      return back;
    }
    done.set(value, value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const v = value[i];
        if (v !== null && typeof v === 'object') value[i] = revive(v);
      }
    } else if (value instanceof Map) {
      for (const [k, v] of value) {
        revive(k);
        const back = revive(v);
        if (back !== v) value.set(k, back);
      }
    } else {
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        const v = record[key];
        const back = revive(v);
        if (back !== v) record[key] = back;
      }
    }
    return value;
  };
  return revive(message.root);
}
