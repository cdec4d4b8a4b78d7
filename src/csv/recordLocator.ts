import { promises as fs } from 'fs';
import * as path from 'path';

import { CsvParseError } from './csvParseError';
import { CHECKPOINT_INTERVAL, FileRecordIndex, recordIndexCache } from './recordIndex';
import { ChunkScanner, EndOfFileOutcome, RecordScanner, RecordScannerOptions, RecordSpan, RecordStart } from './recordScanner';
import { WasmRecordScanner, loadRecordKernel } from './wasmRecordScanner';

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

/** Scan settings that tests and benchmarks change. */
export interface LocateRecordOptions {
  /** Maximum bytes per file read. Defaults to 4 MiB. */
  chunkSize?: number;

  /**
   * The scanner: the WebAssembly kernel, or the JavaScript RecordScanner. Defaults to the
   * kernel, and to JavaScript where the kernel cannot be loaded.
   */
  scanner?: 'webAssembly' | 'javaScript';

  /** Callback that receives the byte count of each read of the scan, so tests and benchmarks can count the bytes a jump reads. */
  onRead?(bytesRead: number): void;
}

/** Size of the first read when the scan end is unknown: small, so that a short scan reads little more than it needs. */
const FIRST_CHUNK_SIZE = 64 * 1024;
const DEFAULT_CHUNK_SIZE = 4 * 1024 * 1024;
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
    const scanEnd = index.checkpointAfter(row)?.offset;
    const span = await scanForRecord(file, filePath, { start, scanEnd, row, index, chunkSize, options });
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


/** The start, end and settings of one scan. */
interface ScanPlan {
  start: RecordStart;

  /** Offset of the checkpoint after the target record, if the index has it: the scan ends before it. */
  scanEnd: number | undefined;

  row: number;
  index: FileRecordIndex;
  chunkSize: number;
  options: LocateRecordOptions;
}

/**
 * Reads the file from `start` in chunks that grow from FIRST_CHUNK_SIZE to `chunkSize`, and
 * reads the next chunk into the other buffer while the scanner scans one. With a known
 * `scanEnd`, the first read ends there and nothing is read ahead past it.
 */
async function scanForRecord(file: fs.FileHandle, filePath: string, plan: ScanPlan): Promise<RecordSpan | undefined> {
  const { start, scanEnd, index, chunkSize, options } = plan;
  const scannerOptions: RecordScannerOptions = {
    targetRecord: plan.row,
    checkpointInterval: CHECKPOINT_INTERVAL,
    onCheckpoint: (checkpoint) => index.addCheckpoint(checkpoint),
  };
  const { scanner, buffers } = createScanner(start, scannerOptions, chunkSize, options.scanner);

  const read = async (slot: number, length: number, position: number): Promise<number> => {
    const { bytesRead } = await file.read(buffers[slot], 0, length, position);
    options.onRead?.(bytesRead);
    return bytesRead;
  };

  let offset = start.offset;
  let readSize = Math.min(scanEnd === undefined ? FIRST_CHUNK_SIZE : Math.max(scanEnd - offset, 1), chunkSize);
  let slot = 0;
  let nextRead: Promise<number> | undefined = read(slot, readSize, offset);
  try {
    for (;;) {
      const bytesRead = await nextRead;
      nextRead = undefined;
      if (bytesRead === 0) {
        return endOfFile(scanner.finish(offset), filePath, index);
      }

      const chunk = buffers[slot].subarray(0, bytesRead);
      const chunkOffset = offset;
      offset += bytesRead;
      readSize = Math.min(readSize * 2, chunkSize);
      slot = 1 - slot;
      if (scanEnd === undefined || offset < scanEnd) {
        nextRead = read(slot, readSize, offset);
      }

      const span = scanner.feed(chunk, chunkOffset);
      if (span !== undefined) {
        return span;
      }

      // Only a file rewritten with the same size and modification time gets here without a read.
      nextRead ??= read(slot, readSize, offset);
    }
  } finally {
    // The read must end before the file is closed and before its buffer goes to another scan.
    await nextRead?.catch(() => undefined);
    scanner.release?.();
  }
}

/** Returns the span of a target record that ends the file, or records the file's record count. */
function endOfFile(outcome: EndOfFileOutcome, filePath: string, index: FileRecordIndex): RecordSpan | undefined {
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

/** Creates the scanner and the two buffers that chunks are read into. */
function createScanner(
  start: RecordStart,
  options: RecordScannerOptions,
  chunkSize: number,
  scannerKind: LocateRecordOptions['scanner'],
): { scanner: ChunkScanner; buffers: [Buffer, Buffer] } {
  if (scannerKind === 'webAssembly' || (scannerKind === undefined && loadRecordKernel() !== undefined)) {
    try {
      const scanner = new WasmRecordScanner(start, options, chunkSize);
      return { scanner, buffers: scanner.buffers };
    } catch (error) {
      // Unless the kernel was requested, fall back: the instance could not be created, for
      // example because its memory could not be allocated, and the JavaScript scanner needs none.
      if (scannerKind === 'webAssembly') {
        throw error;
      }
    }
  }

  return {
    scanner: new RecordScanner(start, options),
    buffers: [Buffer.allocUnsafe(chunkSize), Buffer.allocUnsafe(chunkSize)],
  };
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
