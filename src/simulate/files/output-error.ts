/**
 * Why an output file was not written, in the analyst's words, with what to do.
 * Every write of the engine (a report, a counterexample) fails with this error
 * and never with a raw system error or stack trace.
 */

/** An output the run was asked for cannot (or must not) be written. Exit status 2. */
export class OutputFileError extends Error {}

/** What was being written and with which option the user can send it elsewhere. */
export interface OutputTarget {
  /** `the report to "out.json"`, `the report to standard output`, `a counterexample to "…"`. */
  what: string;
  /** The option that chooses the place: `--out` or `--out-dir`. */
  option: string;
}

/** A plain message for a failed write with system error `code`. */
export function writeFailure(code: string | undefined, target: OutputTarget): string {
  const { what, option } = target;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `the disk is full: could not write ${what}. Free some space, or write it to another disk with ${option}.`;
    case 'EFBIG':
      return `could not write ${what}: the file is larger than this system allows (a file-size limit). Write it to another disk with ${option}, or raise the limit.`;
    case 'ENOENT':
      return `cannot write ${what}: its folder does not exist`;
    case 'ENOTDIR':
      return `cannot write ${what}: part of the path is a file, not a folder`;
    case 'EISDIR':
      return `cannot write ${what}: it is a folder`;
    case 'EACCES':
    case 'EPERM':
      return `cannot write ${what}: permission denied`;
    case 'EROFS':
      return `cannot write ${what}: the disk is read-only. Choose another place with ${option}.`;
    case 'EIO':
      return `could not write ${what}: the disk reported an input/output error. Check the disk, or write to another one with ${option}.`;
    default:
      return `cannot write ${what}: ${code ?? 'unknown error'}`;
  }
}

/** The error for a failed write, from the system error `e`. */
export function outputFileError(e: unknown, target: OutputTarget): OutputFileError {
  return new OutputFileError(writeFailure((e as NodeJS.ErrnoException).code, target));
}
