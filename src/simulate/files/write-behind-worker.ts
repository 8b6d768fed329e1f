/**
 * The thread of {@link WriteBehind} (write-behind.ts): writes the filled slots of the shared
 * buffer to the file descriptor, in order, while the main thread writes the next ones' text.
 * It stops after a write fails (the error number is left for the main thread) or when told to.
 * The protocol (the shared counters) is described in write-behind.ts.
 */
import { fdatasyncSync, writeSync } from 'node:fs';
import { workerData } from 'node:worker_threads';
import { DONE, ERRNO, FAILED, FILLED, FLUSHES, LENGTHS, SLOT_BYTES, SLOTS, STARTED, STOP, WRITTEN, type WriteBehindData } from './write-behind-layout.js';

const { shared, fd, flushBytes } = workerData as WriteBehindData;
const control = new Int32Array(shared, 0, LENGTHS + SLOTS);
const slots = new Uint8Array(shared, (LENGTHS + SLOTS) * 4, SLOTS * SLOT_BYTES);

// Too late (the main thread gave up waiting and writes the slots itself): nothing to do.
const late = Atomics.compareExchange(control, STARTED, 0, 1) !== 0;
Atomics.notify(control, STARTED);
let written = 0;
let unflushed = 0;
while (!late) {
  // Wait for a filled slot or the word to stop (the main thread notifies FILLED for both).
  while (Atomics.load(control, FILLED) === written && Atomics.load(control, STOP) === 0) Atomics.wait(control, FILLED, written);
  if (Atomics.load(control, FILLED) === written) break;
  const slot = written % SLOTS;
  const length = Atomics.load(control, LENGTHS + slot);
  try {
    let off = 0;
    while (off < length) off += writeSync(fd, slots, slot * SLOT_BYTES + off, length - off);
    unflushed += length;
    // On disk as it goes, on this thread: otherwise a 1.9 GB report sits in the page cache (the kernel
    // starts writing back only at a tenth of the memory) and the final flush before the rename keeps
    // the main thread waiting over a second at the end (issue 10, scale).
    if (flushBytes > 0 && unflushed >= flushBytes) {
      fdatasyncSync(fd);
      unflushed = 0;
      Atomics.add(control, FLUSHES, 1);
    }
  } catch (e) {
    // A failed write (or flush): say why, and write nothing more (the main thread throws the error). The count
    // written is set past any count filled, so that a main thread waiting for room wakes and sees it.
    Atomics.store(control, ERRNO, (e as NodeJS.ErrnoException).errno ?? -1);
    Atomics.store(control, WRITTEN, FAILED);
    Atomics.notify(control, WRITTEN);
    break;
  }
  Atomics.store(control, WRITTEN, ++written);
  Atomics.notify(control, WRITTEN);
}
Atomics.store(control, DONE, 1);
Atomics.notify(control, DONE);
