/**
 * The layout of the buffer {@link WriteBehind} (write-behind.ts) shares with its thread
 * (write-behind-worker.ts): Int32 counters, then one length per slot, then the slots' bytes.
 */

/** Slots of text handed to the thread and not yet written, at most (bounded buffering: 8 MB). */
export const SLOTS = 8;
/** Bytes per slot: one chunk of the report sink (text-sink.ts `ChunkedSink`). */
export const SLOT_BYTES = 1 << 20;

/** Counter: slots filled by the main thread so far (slot of the n-th: n mod SLOTS). */
export const FILLED = 0;
/** Counter: slots written (or given up after a failed write) by the thread so far. */
export const WRITTEN = 1;
/** The count written after a failed write: more than any count of slots filled (2^31 − 1). */
export const FAILED = 0x7fffffff;
/** 1 once the main thread wants the thread to stop after the filled slots (or at once after a failure). */
export const STOP = 2;
/** The system error number of a failed write (negative, as libuv gives it), or 0. */
export const ERRNO = 3;
/** 1 once the thread has stopped (nothing more will be written to the file). */
export const DONE = 4;
/**
 * 0 until decided; then 1 when the thread runs (it set it), or 2 when the main thread gave up
 * waiting for it (see `WriteBehind.waitFor`): set by compare-and-exchange, so exactly one of the two writes the slots.
 */
export const STARTED = 5;
/** Counter: how many times the thread has flushed the file to disk as it went (see `WriteBehindData.flushBytes`). */
export const FLUSHES = 6;
/** Index of the first slot length. */
export const LENGTHS = 7;

/** What the thread is started with. */
export interface WriteBehindData {
  shared: SharedArrayBuffer;
  fd: number;
  /**
   * After each this many bytes written the thread flushes the file to disk (`fdatasync`), 0 never:
   * the report's own flush before it replaces the old file (atomic-write.ts) then finds little left to do.
   */
  flushBytes: number;
}
