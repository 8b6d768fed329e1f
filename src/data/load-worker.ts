/**
 * The worker thread that reads one large CSV table while the main thread reads the others
 * (issue 10, scale; see `parallel-load.ts`, which starts it). It reads the table exactly as the
 * main thread would (`loadTable`), then posts the table's parts — columns moved, not copied (see
 * `transfer.ts`) — or the error that stopped it, on `workerData.port`, and raises `workerData.flag`
 * for the main thread, which waits on it (Atomics.wait) and watches its heartbeat.
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { TableSchema } from '../graph/tables.js';
import { loadTable } from './dataset.js';
import { tableParts } from './table.js';
import { FLAG_DONE, FLAG_HEARTBEAT, packTable, sentError, type WorkerReply } from './parallel-load.js';
import type { LoadOptions } from './types.js';

interface Job {
  schema: TableSchema;
  dir: string;
  options: Omit<LoadOptions, 'onRows'>;
  /** Where progress goes (records read so far), when the main thread shows it. */
  progress: MessagePort | null;
  port: MessagePort;
  flag: Int32Array;
}

const job = workerData as Job;
try {
  const warnings: string[] = [];
  const progress = job.progress;
  // Every 10,000 records: a heartbeat the main thread watches (a thread that runs out of memory
  // dies without a word), and the count for its progress display when it shows one.
  const beat = (): void => void Atomics.add(job.flag, FLAG_HEARTBEAT, 1);
  const options: LoadOptions = {
    ...job.options,
    onRows: (_table, records) => {
      beat();
      progress?.postMessage(records);
    },
  };
  const table = loadTable(job.schema, job.dir, options, warnings);
  beat();
  let reply: WorkerReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const packed = packTable(tableParts(table), warnings);
    reply = { table: packed.message };
    transfer = packed.transfer;
  } catch (e) {
    reply = { error: sentError(e) };
  }
  job.port.postMessage(reply, transfer);
} catch (e) {
  job.port.postMessage({ error: sentError(e) } satisfies WorkerReply);
} finally {
  Atomics.store(job.flag, FLAG_DONE, 1);
  Atomics.notify(job.flag, FLAG_DONE);
}
