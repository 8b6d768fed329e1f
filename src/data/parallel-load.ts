/**
 * Reading the largest CSV table in a worker thread while this thread reads the others (issue 10,
 * scale: at a million deals, activities.csv is 788 MB of the data folder's 1 GB; the machine the
 * target is set on has two cores). The worker (`load-worker.ts`, built into dist/ like the rest)
 * reads the table exactly as this thread would; its columns come back moved, not copied
 * (`transfer.ts`). The loader stays synchronous: this thread waits for the worker with
 * Atomics.wait and takes its answer with receiveMessageOnPort, as `xlsx.ts` does.
 *
 * The tables, their rows, rejected rows, counts, warnings and errors are the same as when every
 * table is read in turn; when several tables fail, the error reported is the one of the first
 * table in the playbook's order, as before (see `loadDataset`).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { TableSchema } from '../graph/tables.js';
import { ByteIndex } from './byte-index.js';
import { STORE_CLASSES } from './column-store.js';
import { CountingInts } from './counting-ints.js';
import { DataError } from './errors.js';
import { isJsonLines } from './jsonl.js';
import { KeySet } from './key-set.js';
import { isParquet } from './parquet.js';
import { assembleTable, type TableParts } from './table.js';
import { packForTransfer, reviveTransfer, type Packed, type SentClass } from './transfer.js';
import type { LoadedTable, LoadOptions } from './types.js';
import { isWorkbook } from './xlsx.js';

/** A CSV file smaller than this is read on this thread: starting a worker costs 30–50 ms. */
export const PARALLEL_MIN_BYTES = 32 * 1024 * 1024;

/** The classes of a loaded table's parts, the same list on both sides (see `transfer.ts`). */
export const TRANSFER_CLASSES: readonly SentClass[] = [...STORE_CLASSES, KeySet, ByteIndex, CountingInts];

/** An error as the worker sends it: a DataError with its place, or any other error by its message. */
export interface SentError {
  dataError: boolean;
  message: string;
  file?: string;
  line?: number;
  column?: string;
  stack?: string;
}

/** The worker's one answer: the table's parts (see `transfer.ts`) and its file's warnings, or the error that stopped it. */
export type WorkerReply = { table: Packed['message'] } | { error: SentError };

/** `e` as the worker sends it. */
export function sentError(e: unknown): SentError {
  if (e instanceof DataError) return { dataError: true, message: e.message, file: e.file, line: e.line, column: e.column };
  if (e instanceof Error) return { dataError: false, message: e.message, stack: e.stack };
  return { dataError: false, message: String(e) };
}

/** The error the worker sent, as this thread throws it (a DataError the same as if read here). */
function thrown(sent: SentError): Error {
  if (!sent.dataError) {
    const e = new Error(sent.message);
    if (sent.stack !== undefined) e.stack = sent.stack;
    return e;
  }
  const where: { file: string; line?: number; column?: string } = { file: sent.file! };
  if (sent.line !== undefined) where.line = sent.line;
  if (sent.column !== undefined) where.column = sent.column;
  return new DataError(sent.message, where);
}

/**
 * The index in `schemas` of the table to read in a worker: the largest CSV file of at least
 * `minBytes` bytes (a workbook, Parquet or JSON Lines file is read here); -1 for none.
 */
export function workerTable(schemas: readonly TableSchema[], dir: string, minBytes: number): number {
  let best = -1;
  let bestSize = -1;
  schemas.forEach((schema, i) => {
    const file = schema.file;
    if (isWorkbook(file) || isParquet(file) || isJsonLines(file) || schema.sheet !== undefined) return;
    let size: number;
    try {
      const stat = statSync(join(dir, file));
      if (!stat.isFile()) return;
      size = stat.size;
    } catch {
      return; // reading it here says why it cannot be read
    }
    if (size >= minBytes && size > bestSize) {
      best = i;
      bestSize = size;
    }
  });
  return best;
}

/** The worker's built code: next to this module in dist/, or, run from the TypeScript sources (the tests), in dist/ (npm test builds it first). */
function workerUrl(): URL {
  const here = new URL('./load-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(here))) return here;
  return new URL('../../dist/src/data/load-worker.js', import.meta.url);
}

/** The worker's young generation, in MB (see `startTableWorker`). */
const WORKER_YOUNG_MB = 8;

/** How long to wait between looks at the worker's progress, in milliseconds. */
const PROGRESS_EVERY_MS = 100;
/** A worker that has not answered after this long is a bug, not a slow file (ten million rows take under a minute). */
const GIVE_UP_MS = 30 * 60_000;
/**
 * A worker whose heartbeat (raised every 10,000 records and at each step of handing the table
 * over) has not moved for this long has stopped: a thread that runs out of memory dies without a
 * word, and this thread, blocked in Atomics.wait, cannot see its exit event. 10,000 records take
 * a few milliseconds; two minutes leave room for a machine that is swapping.
 */
export const STALLED_AFTER_MS = 2 * 60_000;

/** Where the worker signals: [0] is raised once its answer is posted, [1] is its heartbeat. */
export const FLAG_DONE = 0;
export const FLAG_HEARTBEAT = 1;

/** The message when the worker reading `file` stopped without an answer (see {@link STALLED_AFTER_MS}). */
export function stalledMessage(file: string, afterMs: number): string {
  const seconds = Math.round(afterMs / 1000);
  const span = seconds >= 120 && seconds % 60 === 0 ? `${seconds / 60} minutes` : `${seconds} second${seconds === 1 ? '' : 's'}`;
  return `${file}: reading it stopped: the thread reading it has shown no progress for ${span}, most likely because it ran out of memory. Close other programs (or give the run more memory) and run again`;
}

/** A table being read in a worker thread. */
export interface TableInWorker {
  /**
   * Waits for the table (the file's warnings added to `warnings`). @throws the error that stopped
   * it (a DataError as reading it here would throw).
   */
  take(warnings: string[]): LoadedTable;
  /** Stops the worker (nothing is waited for). */
  stop(): void;
}

/**
 * Starts reading table `schema` of folder `dir` in a worker thread (see the module comment).
 * `stalledAfterMs` (tests shorten it): how long `take` waits for a heartbeat before it gives up
 * with a DataError naming the file (see {@link STALLED_AFTER_MS}).
 */
export function startTableWorker(schema: TableSchema, dir: string, options: LoadOptions, stalledAfterMs = STALLED_AFTER_MS): TableInWorker {
  const began = Date.now();
  const flag = new Int32Array(new SharedArrayBuffer(8));
  const answer = new MessageChannel();
  const progress = options.onRows === undefined ? null : new MessageChannel();
  const { onRows, ...plainOptions } = options;
  const transferList: MessagePort[] = [answer.port2];
  if (progress !== null) transferList.push(progress.port2);
  const worker = new Worker(workerUrl(), {
    workerData: { schema, dir, options: plainOptions, progress: progress?.port2 ?? null, port: answer.port2, flag },
    transferList,
    // A small young generation: the worker's records are garbage at once, and its heap adds to
    // this thread's while both read (1M: loading peak 723 → 634 MB, RSS kept 520 → 502 MB, same CPU).
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
  });
  // The process may end (an error in another table) without waiting for it.
  worker.unref();
  // What went wrong reaches this thread in the answer, or as the stalled heartbeat when the thread
  // died (out of memory); the 'error' event that follows once this thread is free again must not
  // end the process with a stack trace instead of the message already given.
  worker.on('error', () => {});
  const showProgress = (): void => {
    if (progress === null) return;
    let last: number | undefined;
    for (let m = receiveMessageOnPort(progress.port1); m !== undefined; m = receiveMessageOnPort(progress.port1)) last = m.message as number;
    if (last !== undefined) onRows!(schema.name, last, began);
  };
  const stop = (): void => {
    void worker.terminate();
    answer.port1.close();
    progress?.port1.close();
  };
  return {
    stop,
    take(warnings: string[]): LoadedTable {
      try {
        const started = Date.now();
        let beat = Atomics.load(flag, FLAG_HEARTBEAT);
        let beatAt = started;
        while (Atomics.wait(flag, FLAG_DONE, 0, Math.min(PROGRESS_EVERY_MS, stalledAfterMs)) === 'timed-out') {
          showProgress();
          const now = Date.now();
          const current = Atomics.load(flag, FLAG_HEARTBEAT);
          if (current !== beat) {
            beat = current;
            beatAt = now;
          } else if (now - beatAt >= stalledAfterMs) {
            throw new DataError(stalledMessage(schema.file, stalledAfterMs), { file: schema.file });
          }
          if (now - started > GIVE_UP_MS) throw new Error(`internal: reading ${schema.file} in a worker thread did not finish in 30 minutes`);
        }
        showProgress();
        const received = receiveMessageOnPort(answer.port1);
        if (received === undefined) throw new Error(`internal: the worker reading ${schema.file} sent nothing`);
        const reply = received.message as WorkerReply;
        if ('error' in reply) throw thrown(reply.error);
        const { parts, warnings: fileWarnings } = reviveTransfer(reply.table, TRANSFER_CLASSES) as { parts: TableParts; warnings: string[] };
        for (const w of fileWarnings) warnings.push(w);
        return assembleTable(schema, parts);
      } finally {
        stop();
      }
    },
  };
}

/** The worker's side, for `load-worker.ts`: `table`'s parts packed to send (see `transfer.ts`). */
export function packTable(parts: TableParts, warnings: string[]): Packed {
  return packForTransfer({ parts, warnings }, TRANSFER_CLASSES);
}
