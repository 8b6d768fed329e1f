/**
 * The one way the engine writes an output file: never over a file the run reads,
 * always atomically, and failing with a plain {@link OutputFileError}.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeFileAtomic, writeFileAtomicWith } from './atomic-write.js';
import type { InputFile } from './inputs.js';
import { OutputFileError, type OutputTarget, outputFileError, writeFailure } from './output-error.js';
import { sameFileAs } from './same-file.js';

/** An output file, with the words for messages about it. */
export interface OutputPlace extends OutputTarget {
  /** How a refusal names the place: `--out "data/deals.csv"`. */
  named: string;
  /** What to do instead: `choose another file for the report`. */
  fix: string;
}

/** The place `--out FILE` names. */
export function reportPlace(out: string): OutputPlace {
  return { what: `the report to "${out}"`, option: '--out', named: `--out "${out}"`, fix: 'choose another file for the report' };
}

/**
 * Checks, before any work is done, that `path` may be written: it is not a file the
 * run reads (by device and inode) and not a folder, and its folder exists.
 * @throws OutputFileError saying why not and what to do.
 */
export function checkOutputPath(path: string, inputs: readonly InputFile[], place: OutputPlace): void {
  const input = sameFileAs(path, inputs);
  if (input) throw new OutputFileError(`${place.named} is ${input.described}: writing there would replace it; ${place.fix}`);
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw new OutputFileError(writeFailure('EISDIR', place));
    return;
  }
  const folder = dirname(resolve(path));
  if (!existsSync(folder)) throw new OutputFileError(writeFailure('ENOENT', place));
  if (!statSync(folder).isDirectory()) throw new OutputFileError(writeFailure('ENOTDIR', place));
}

/**
 * Writes `text` to `path` after {@link checkOutputPath}, atomically (see `writeFileAtomic`).
 * @throws OutputFileError when it must not or cannot be written; the old file is then untouched.
 */
export function writeOutput(path: string, text: string, inputs: readonly InputFile[], place: OutputPlace): void {
  checkOutputPath(path, inputs, place);
  try {
    writeFileAtomic(path, text);
  } catch (e) {
    throw outputFileError(e, place);
  }
}

/**
 * {@link writeOutput} for text produced piece by piece (see `writeFileAtomicWith`).
 * @throws OutputFileError when it must not or cannot be written (the old file is then untouched);
 *   what `produce` throws, as it is.
 */
export function writeOutputWith(path: string, produce: (write: (text: string | Uint8Array) => void) => void, inputs: readonly InputFile[], place: OutputPlace): void {
  checkOutputPath(path, inputs, place);
  // An error of `produce` itself (the run failed) is thrown as it is; one of the file, as OutputFileError.
  let fromProduce: unknown = null;
  try {
    writeFileAtomicWith(path, (write) => {
      let fromWrite: unknown = null;
      try {
        produce((text) => {
          try {
            write(text);
          } catch (e) {
            fromWrite = e;
            throw e;
          }
        });
      } catch (e) {
        if (e !== fromWrite) fromProduce = e;
        throw e;
      }
    });
  } catch (e) {
    if (fromProduce !== null && e === fromProduce) throw e;
    throw outputFileError(e, place);
  }
}
