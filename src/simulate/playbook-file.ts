/**
 * Reads a playbook file safely: a regular file only (a FIFO is refused, not waited on), its size
 * checked before reading, and its bytes valid UTF-8 (an invalid byte would silently become U+FFFD).
 */
import { invalidUtf8At } from '../data/decode.js';
import { formatBytes, groupThousands, readRegularFile, UnreadableFile } from '../data/read-file.js';
import { MAX_SOURCE_CHARS } from '../language/parse.js';

/** Thrown when the playbook file cannot be read at all. */
export class PlaybookFileError extends Error {}

/**
 * Bytes read of a playbook: its 1,000,000-character limit (PB1006) in UTF-8 at
 * most 4 bytes a character, plus a byte-order mark. Anything larger is refused
 * before it is read; a file under this with too many characters still gets PB1006.
 */
export const MAX_PLAYBOOK_BYTES = MAX_SOURCE_CHARS * 4 + 3;

/** File names of the data formats the loader reads: never a playbook. */
const DATA_FILE = /\.(csv|tsv|xlsx|xls|parquet|jsonl|ndjson)$/i;

/**
 * Reads `file`: a regular file (a FIFO or device is refused without
 * waiting on it) of at most {@link MAX_PLAYBOOK_BYTES} bytes, in UTF-8.
 * @throws PlaybookFileError when the file is named as a data file (`.csv`, `.xlsx`…), is missing,
 *   not a regular file, too large, unreadable, or not valid UTF-8 (naming the line and column of the first bad byte).
 */
export function readPlaybookFile(file: string): string {
  // A data file given where the playbook goes (`simulate deals.csv --data DIR`, the arguments
  // swapped) would otherwise be read as a playbook: a screenful of "unexpected character" errors.
  const data = DATA_FILE.exec(file);
  if (data !== null) {
    throw new PlaybookFileError(`${file}: this is a data file (${data[1].toUpperCase()}), not a playbook; give the .playbook file first and the folder of data files with --data (playbook simulate plan.playbook --data FOLDER)`);
  }
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, MAX_PLAYBOOK_BYTES, `${formatBytes(MAX_PLAYBOOK_BYTES)} (a playbook has at most ${groupThousands(MAX_SOURCE_CHARS)} characters)`);
  } catch (e) {
    if (!(e instanceof UnreadableFile)) throw e;
    if (e.code === 'ENOENT') throw new PlaybookFileError(`${file}: no such file`);
    if (e.code === 'EISDIR') throw new PlaybookFileError(`${file}: is a folder, not a playbook file`);
    if (e.code === 'TOO_LARGE') throw new PlaybookFileError(`${file}: ${e.reason}; check that this is the playbook and not a data file`);
    throw new PlaybookFileError(`${file}: ${e.reason}`);
  }
  // An invalid byte would become U+FFFD: an alias "Müller" written in Latin-1 would then never match.
  const bad = invalidUtf8At(bytes, bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0);
  if (bad !== null) {
    throw new PlaybookFileError(
      `${file}:${bad.line}:${bad.column}: the playbook is not UTF-8: the bytes ${bad.bytes} here are not valid UTF-8 text; save it as UTF-8 (in most editors: Save with Encoding › UTF-8)`,
    );
  }
  return bytes.toString('utf8');
}
