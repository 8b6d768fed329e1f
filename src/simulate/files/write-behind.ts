/**
 * Writing a large file behind the text that fills it (issue 10, scale): at 1,000,000 deals the
 * JSON report is 1.9 GB, and its write system calls took 3 s of the main thread. Past the first
 * {@link DIRECT_BYTES}, each chunk is copied into one of a few slots of a buffer shared with a
 * thread of its own (write-behind-worker.ts), which writes the slots to the file in order while
 * the main thread makes the next chunk's text. At most {@link SLOTS} chunks wait (8 MB): when
 * they are all full the main thread waits for the oldest to be written. A failed write (a full
 * disk, a file-size limit) is thrown on the main thread at the next write or at `finish`, as the
 * same system error (`code`, `errno`, `syscall`, message) `fs.writeFileSync` throws. The thread
 * also flushes the file to disk after every {@link FLUSH_BYTES} (`fdatasync`), so that the flush
 * the caller makes before renaming the file over the old one does not wait for the whole report.
 *
 * Small files (every report under a few megabytes) are written directly, as before: starting a
 * thread costs more than it saves there. Without the compiled thread file (the engine run from its
 * TypeScript sources, in tests) every write is direct.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getSystemErrorMap } from 'node:util';
import { Worker } from 'node:worker_threads';
import { DONE, ERRNO, FILLED, FLUSHES, LENGTHS, SLOT_BYTES, SLOTS, STARTED, STOP, WRITTEN, type WriteBehindData } from './write-behind-layout.js';

/** Bytes written directly before the thread is started (a report below this never starts one). */
export const DIRECT_BYTES = 16 << 20;

/** Bytes the thread writes between two flushes to disk (`WriteBehindData.flushBytes`). */
export const FLUSH_BYTES = 64 << 20;

/** How long the thread is waited for at its start (milliseconds). */
const START_MS = 10_000;

const WORKER = new URL('./write-behind-worker.js', import.meta.url);

/** Writes to an open file descriptor, in order: directly at first, then through a thread (see the file's comment). */
export class WriteBehind {
  private direct = 0;
  private thread: { worker: Worker; control: Int32Array; slots: Uint8Array } | null = null;
  private filled = 0;
  private failure: Error | null = null;

  /**
   * @param fd an open file descriptor, written from its current position; it must stay open until {@link close}.
   * @param directBytes bytes written directly before the thread starts (tests pass 0 to use it at once).
   * @param flushBytes bytes the thread writes between two flushes to disk, 0 never (tests pass a few slots).
   */
  constructor(
    private readonly fd: number,
    private readonly directBytes = DIRECT_BYTES,
    private readonly flushBytes = FLUSH_BYTES,
  ) {}

  /** How many times the thread has flushed the file to disk so far (0 without a thread). */
  get flushes(): number {
    return this.thread === null ? this.flushesAtClose : Atomics.load(this.thread.control, FLUSHES);
  }

  /** {@link flushes} when the thread was stopped. */
  private flushesAtClose = 0;

  /**
   * Writes `data` after everything written before (a Uint8Array may be reused once this returns:
   * it is copied or written).
   * @throws the system error of this write or of an earlier one the thread made.
   */
  write(data: string | Uint8Array): void {
    if (this.failure) throw this.failure;
    if (this.thread === null && (typeof data === 'string' || this.direct + data.length <= this.directBytes || !this.start())) {
      writeFileSync(this.fd, data);
      if (typeof data !== 'string') this.direct += data.length;
      return;
    }
    if (typeof data === 'string' || data.length > SLOT_BYTES) {
      // A piece larger than a slot (or text): after what the thread holds, written here.
      this.drain();
      writeFileSync(this.fd, data);
      return;
    }
    this.waitFor(SLOTS - 1);
    if (this.thread === null) {
      // The thread never ran: written here from now on.
      writeFileSync(this.fd, data);
      return;
    }
    const { control, slots } = this.thread;
    const slot = this.filled % SLOTS;
    slots.set(data, slot * SLOT_BYTES);
    Atomics.store(control, LENGTHS + slot, data.length);
    Atomics.store(control, FILLED, ++this.filled);
    Atomics.notify(control, FILLED);
  }

  /**
   * Waits until everything written so far is in the file.
   * @throws the system error of a write that failed.
   */
  finish(): void {
    if (this.failure) throw this.failure;
    this.drain();
  }

  /** Stops the thread (after the write it is making) so that the descriptor may be closed; safe to call more than once. */
  close(): void {
    const thread = this.thread;
    if (thread === null) return;
    this.thread = null;
    Atomics.store(thread.control, STOP, 1);
    Atomics.notify(thread.control, FILLED);
    // A thread that has not begun to run is given up; one that runs is waited for until it has stopped writing.
    if (Atomics.compareExchange(thread.control, STARTED, 0, 2) === 1) {
      while (Atomics.load(thread.control, DONE) === 0) Atomics.wait(thread.control, DONE, 0);
    }
    this.flushesAtClose = Atomics.load(thread.control, FLUSHES);
    void thread.worker.terminate();
  }

  private drain(): void {
    this.waitFor(0);
  }

  /**
   * Waits until at most `pending` filled slots are not yet written. A thread that has not begun
   * to run after {@link START_MS} is given up (the slots it holds are written here, in order, and
   * the writes are direct from then on).
   * @throws the system error of a write of the thread that failed.
   */
  private waitFor(pending: number): void {
    const thread = this.thread;
    if (thread === null) return;
    const { control } = thread;
    if (this.filled - Atomics.load(control, WRITTEN) > pending && Atomics.load(control, STARTED) === 0) {
      Atomics.wait(control, STARTED, 0, START_MS);
      if (Atomics.compareExchange(control, STARTED, 0, 2) === 0) {
        this.thread = null;
        void thread.worker.terminate();
        for (let n = 0; n < this.filled; n++) {
          const slot = n % SLOTS;
          writeFileSync(this.fd, thread.slots.subarray(slot * SLOT_BYTES, slot * SLOT_BYTES + Atomics.load(control, LENGTHS + slot)));
        }
        return;
      }
    }
    for (let written = Atomics.load(control, WRITTEN); this.filled - written > pending; written = Atomics.load(control, WRITTEN)) Atomics.wait(control, WRITTEN, written);
    this.check();
  }

  /** Throws the error of a failed write of the thread (once seen, every later write throws it). */
  private check(): void {
    const errno = Atomics.load(this.thread!.control, ERRNO);
    if (errno === 0) return;
    this.failure = systemError(errno);
    this.close();
    throw this.failure;
  }

  /** Starts the thread; false (direct writes) when its compiled file is not there. */
  private start(): boolean {
    if (!existsSync(fileURLToPath(WORKER))) return false;
    const shared = new SharedArrayBuffer((LENGTHS + SLOTS) * 4 + SLOTS * SLOT_BYTES);
    const data: WriteBehindData = { shared, fd: this.fd, flushBytes: this.flushBytes };
    const worker = new Worker(WORKER, { workerData: data });
    // The thread never keeps the process alive (it is stopped by close, or ends when the work does).
    worker.unref();
    // Not waited for here: the thread starts while the main thread fills the first slots (see waitFor).
    this.thread = { worker, control: new Int32Array(shared, 0, LENGTHS + SLOTS), slots: new Uint8Array(shared, (LENGTHS + SLOTS) * 4, SLOTS * SLOT_BYTES) };
    return true;
  }
}

/** The error `fs.writeFileSync` throws for system error number `errno` (`ENOSPC: no space left on device, write`). */
function systemError(errno: number): Error {
  const [code, description] = getSystemErrorMap().get(errno) ?? ['UNKNOWN', 'unknown error'];
  return Object.assign(new Error(`${code}: ${description}, write`), { errno, code, syscall: 'write' });
}
