import { promises as fs } from 'fs';
import * as path from 'path';

import { CsvParseError } from './csvParseError';
import { CHECKPOINT_INTERVAL, FileRecordIndex, recordIndexCache } from './recordIndex';
import { RecordScanner, RecordSpan, RecordStart } from './recordScanner';

export { CsvParseError } from './csvParseError';

/** Location and raw text of one CSV record in its file. */
export interface RecordRange {
  /** 0-based line of the record's first byte, counting lines as VS Code does. */
  startLine: number;

  /** 0-based line of the record's last byte (inclusive). */
  endLine: number;

  /** Byte offset of the record's first byte in the file, after any UTF-8 BOM. */
  startOffset: number;

  /** Byte offset just past the record's last byte, before its line terminator. */
  endOffset: number;

  /** The record's bytes decoded as UTF-8, without BOM or line terminator. */
  text: string;
}

/** Scan settings that tests change to force small chunks. */
export interface LocateRecordOptions {
  /** Bytes read per file read. Defaults to 1 MiB. */
  chunkSize?: number;
}

const DEFAULT_CHUNK_SIZE = 1024 * 1024;
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Finds the record that Canvas numbers `row` in a SIS import CSV: the header record is row 1,
 * and blank lines are not counted. Reads the file in chunks and stops at that record.
 *
 * Returns undefined when the file has fewer than `row` records. Throws a RangeError for a
 * `row` that is not a positive integer, a CsvParseError when an unterminated quoted field
 * begins before the record is reached, and the file system error when the file cannot be read.
 */
export async function locateRecord(
  filePath: string,
  row: number,
  options: LocateRecordOptions = {},
): Promise<RecordRange | undefined> {
  if (!Number.isInteger(row) || row < 1) {
    throw new RangeError(`Invalid CSV row ${row}: expected an integer of 1 or more.`);
  }
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`Invalid chunk size ${chunkSize}: expected an integer of 1 or more.`);
  }

  const file = await fs.open(filePath, 'r');
  try {
    const stats = await file.stat();
    const index = recordIndexCache.indexFor(path.resolve(filePath), stats.size, stats.mtimeMs);
    if (index.recordCount !== undefined && row > index.recordCount) {
      return undefined;
    }

    const start = index.nearestCheckpoint(row) ?? (await fileStart(file));
    const span = await scanForRecord(file, filePath, start, row, index, chunkSize);
    if (span === undefined) {
      return undefined;
    }

    const text = (await readBytes(file, span.startOffset, span.endOffset)).toString('utf8');
    return {
      startLine: span.startLine,
      endLine: span.endLine,
      startOffset: span.startOffset,
      endOffset: span.endOffset,
      text,
    };
  } finally {
    await file.close();
  }
}

/** Returns the scan start of a whole file: after a UTF-8 BOM if there is one. */
async function fileStart(file: fs.FileHandle): Promise<RecordStart> {
  const head = await readBytes(file, 0, UTF8_BOM.length);
  const offset = head.equals(UTF8_BOM) ? UTF8_BOM.length : 0;
  return { offset, line: 0, record: 1 };
}

async function scanForRecord(
  file: fs.FileHandle,
  filePath: string,
  start: RecordStart,
  row: number,
  index: FileRecordIndex,
  chunkSize: number,
): Promise<RecordSpan | undefined> {
  const scanner = new RecordScanner(start, {
    targetRecord: row,
    checkpointInterval: CHECKPOINT_INTERVAL,
    onCheckpoint: (checkpoint) => index.addCheckpoint(checkpoint),
  });
  const chunk = Buffer.allocUnsafe(chunkSize);

  let offset = start.offset;
  for (;;) {
    const { bytesRead } = await file.read(chunk, 0, chunkSize, offset);
    if (bytesRead === 0) {
      break;
    }

    const span = scanner.feed(chunk.subarray(0, bytesRead), offset);
    if (span !== undefined) {
      return span;
    }

    offset += bytesRead;
  }

  const outcome = scanner.finish(offset);
  switch (outcome.kind) {
    case 'found':
      return outcome.span;
    case 'endOfFile':
      index.recordCount = outcome.recordCount;
      return undefined;
    case 'unterminatedQuote':
      throw new CsvParseError(filePath, outcome.line);
  }
}

/** Reads bytes `start` (inclusive) to `end` (exclusive), fewer if the file ends first. */
async function readBytes(file: fs.FileHandle, start: number, end: number): Promise<Buffer> {
  const bytes = Buffer.alloc(end - start);

  let filled = 0;
  while (filled < bytes.length) {
    const { bytesRead } = await file.read(bytes, filled, bytes.length - filled, start + filled);
    if (bytesRead === 0) {
      break;
    }
    filled += bytesRead;
  }

  return bytes.subarray(0, filled);
}
