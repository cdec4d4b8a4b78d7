import { strict as assert } from 'assert';

import { ChunkScanner, EndOfFileOutcome, RecordScanner, RecordSpan, RecordStart } from '../../src/csv/recordScanner';
import { WasmRecordScanner, loadRecordKernel } from '../../src/csv/wasmRecordScanner';
import { seededRandom } from './seededRandom';

/** What a whole scan reports: checkpoints as they came, then the span or end-of-file outcome. */
interface ScanReport {
  checkpoints: RecordStart[];
  span?: RecordSpan;
  outcome?: EndOfFileOutcome;
}

/** One scan of `content`, which starts at byte `fileOffset` of its file. */
interface ScanCase {
  content: Buffer;
  fileOffset: number;
  start: RecordStart;
  targetRecord: number;
  checkpointInterval: number;
  chunkSizes: number[];
  /** Whether an empty chunk follows every chunk. */
  emptyChunks: boolean;
  /** Where each chunk lies in the kernel's buffer. */
  bufferOffset: number;
}

/** Pieces that CSV files are made of, weighted towards the bytes that the kernel decides on. */
const PIECES = ['a', 'bc', ',', ',', '"', '""', '\n', '\n', '\r\n', '\r', '\n\n', 'é', 'x,y,z', 'plain text', '\0'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/**
 * Generates a CSV-like file: runs of ordinary records, which the kernel scans a window at a
 * time, mixed with random pieces full of quotes and line terminators. `records` is the maximum
 * number of records in one run.
 */
function generateContent(random: () => number, records: number): Buffer {
  const terminator = pick(random, ['\n', '\r\n', '\r']);
  let content = '';
  const parts = 1 + Math.floor(random() * 8);

  for (let part = 0; part < parts; part++) {
    if (random() < 0.5) {
      const count = Math.floor(random() * records);
      for (let record = 0; record < count; record++) {
        const quoted = random() < 0.2 ? `,"multi${terminator}line, ""quoted"""` : '';
        content += `C${record},S${record % 7},U${record * 13}${quoted}${terminator}`;
        if (random() < 0.05) {
          content += terminator;
        }
      }
    } else {
      const pieces = Math.floor(random() * 120);
      for (let piece = 0; piece < pieces; piece++) {
        content += pick(random, PIECES);
      }
    }
  }

  return Buffer.from(content, 'utf8');
}

/** Splits the bytes from `from` to `length` into chunks of the given sizes, the last size repeating. */
function chunkBounds(from: number, length: number, chunkSizes: number[]): Array<[number, number]> {
  const bounds: Array<[number, number]> = [];
  let offset = from;
  let index = 0;
  while (offset < length) {
    const size = chunkSizes[Math.min(index, chunkSizes.length - 1)];
    bounds.push([offset, Math.min(offset + size, length)]);
    offset += size;
    index++;
  }
  return bounds;
}

function scanWith(
  createScanner: (onCheckpoint: (start: RecordStart) => void) => ChunkScanner,
  toChunk: (bytes: Buffer, slot: number) => Buffer,
  scanCase: ScanCase,
): ScanReport {
  const checkpoints: RecordStart[] = [];
  const scanner = createScanner((start) => checkpoints.push(start));
  const { content, fileOffset } = scanCase;

  let slot = 0;
  for (const [start, end] of chunkBounds(scanCase.start.offset - fileOffset, content.length, scanCase.chunkSizes)) {
    const span = scanner.feed(toChunk(content.subarray(start, end), slot), fileOffset + start);
    if (span !== undefined) {
      return { checkpoints, span };
    }

    if (scanCase.emptyChunks) {
      assert.equal(scanner.feed(toChunk(Buffer.alloc(0), 1 - slot), fileOffset + end), undefined);
    }
    slot = 1 - slot;
  }

  return { checkpoints, outcome: scanner.finish(fileOffset + content.length) };
}

function scanWithJavaScript(scanCase: ScanCase): ScanReport {
  return scanWith(
    (onCheckpoint) =>
      new RecordScanner(scanCase.start, {
        targetRecord: scanCase.targetRecord,
        checkpointInterval: scanCase.checkpointInterval,
        onCheckpoint,
      }),
    (bytes) => bytes,
    scanCase,
  );
}

function scanWithKernel(scanCase: ScanCase): ScanReport {
  const bufferSize = scanCase.bufferOffset + Math.max(...scanCase.chunkSizes);

  let scanner: WasmRecordScanner | undefined;
  const report = scanWith(
    (onCheckpoint) => {
      scanner = new WasmRecordScanner(
        scanCase.start,
        { targetRecord: scanCase.targetRecord, checkpointInterval: scanCase.checkpointInterval, onCheckpoint },
        bufferSize,
      );
      return scanner;
    },
    (bytes, slot) => {
      assert.ok(scanner);
      const chunk = scanner.buffers[slot].subarray(scanCase.bufferOffset, scanCase.bufferOffset + bytes.length);
      bytes.copy(chunk);
      return chunk;
    },
    scanCase,
  );

  scanner?.release();
  return report;
}

/** Chunkings: whole file, the sizes locateRecord reads, and sizes that split every kind of pair. */
function randomChunkSizes(random: () => number, length: number): number[] {
  switch (Math.floor(random() * 4)) {
    case 0:
      return [Math.max(length, 1)];
    case 1:
      return [64, 128, 256, 512, 1024];
    case 2:
      return [1 + Math.floor(random() * 5)];
    default:
      return [63 + Math.floor(random() * 3), 64 + Math.floor(random() * 200)];
  }
}

/** Picks a random scan of `content`: from its start or from a record start, to a random target. */
function randomScanCase(random: () => number, content: Buffer, fileOffset: number, firstRecord: number): ScanCase {
  const fileStart = { offset: fileOffset, line: firstRecord * 2, record: firstRecord };
  const everyRecord = scanWithJavaScript({
    content,
    fileOffset,
    start: fileStart,
    targetRecord: Number.MAX_SAFE_INTEGER,
    checkpointInterval: 1,
    chunkSizes: [Math.max(content.length, 1)],
    emptyChunks: false,
    bufferOffset: 0,
  });

  const recordStarts = everyRecord.checkpoints;
  const start = recordStarts.length > 0 && random() < 0.3 ? pick(random, recordStarts) : fileStart;
  return {
    content,
    fileOffset,
    start,
    targetRecord: start.record + Math.floor(random() * (recordStarts.length + 3)),
    checkpointInterval: pick(random, [1, 2, 3, 7, 1000]),
    chunkSizes: randomChunkSizes(random, content.length),
    emptyChunks: random() < 0.2,
    bufferOffset: random() < 0.5 ? 0 : Math.floor(random() * 64),
  };
}

function assertSameScan(scanCase: ScanCase, context: string): void {
  const expected = scanWithJavaScript(scanCase);
  const actual = scanWithKernel(scanCase);
  assert.deepEqual(actual, expected, `${context}: ${JSON.stringify({ ...scanCase, content: scanCase.content.toString('utf8') })}`);
}

describe('WasmRecordScanner', () => {
  it('loads the compiled kernel in this Node', () => {
    assert.ok(loadRecordKernel(), 'dist/recordKernel.wasm or out/src/csv/recordKernel.wasm is missing or invalid');
  });

  it('matches RecordScanner on generated files', () => {
    const random = seededRandom(4_000_417);

    for (let iteration = 0; iteration < 3000; iteration++) {
      const content = generateContent(random, 60);
      assertSameScan(randomScanCase(random, content, 0, 1), `iteration ${iteration}`);
    }
  });

  it('matches RecordScanner on files with checkpoints', () => {
    const random = seededRandom(1_000);

    for (let iteration = 0; iteration < 40; iteration++) {
      const content = generateContent(random, 3000);
      assertSameScan(randomScanCase(random, content, 0, 1), `iteration ${iteration}`);
    }
  });

  it('matches RecordScanner past 2^32', () => {
    const random = seededRandom(2_000);

    for (let iteration = 0; iteration < 200; iteration++) {
      const content = generateContent(random, 60);
      assertSameScan(randomScanCase(random, content, 5_000_000_000, 3_000_000_000), `iteration ${iteration}`);
    }
  });

  const fileStart = { offset: 0, line: 0, record: 1 };
  const secondRecord = { targetRecord: 2, checkpointInterval: 1000, onCheckpoint: () => undefined };

  it('gives concurrent scans separate buffers', () => {
    const first = new WasmRecordScanner(fileStart, secondRecord, 64);
    const second = new WasmRecordScanner(fileStart, secondRecord, 64);

    assert.notEqual(first.buffers[0].buffer, second.buffers[0].buffer);

    first.release();
    second.release();
  });

  it('resets a reused kernel instance', () => {
    const first = new WasmRecordScanner(fileStart, secondRecord, 64);

    const openQuote = Buffer.from('a,"b\r');
    openQuote.copy(first.buffers[0]);
    assert.equal(first.feed(first.buffers[0].subarray(0, openQuote.length), 0), undefined);
    first.release();

    const reused = new WasmRecordScanner(fileStart, secondRecord, 64);
    assert.equal(reused.buffers[0].buffer, first.buffers[0].buffer);
    assert.throws(() => first.feed(first.buffers[0].subarray(0, 1), 0), RangeError);

    const content = Buffer.from('\nh\nrow two\n');
    content.copy(reused.buffers[0]);
    assert.deepEqual(reused.feed(reused.buffers[0].subarray(0, content.length), 0), {
      record: 2,
      startOffset: 3,
      endOffset: 10,
      startLine: 2,
      endLine: 2,
    });
    reused.release();
  });

  it('keeps a pending CR across an empty chunk', () => {
    const scanCase: ScanCase = {
      content: Buffer.from('a\r\nb\n'),
      fileOffset: 0,
      start: fileStart,
      targetRecord: 2,
      checkpointInterval: 1000,
      chunkSizes: [2, 4],
      emptyChunks: true,
      bufferOffset: 0,
    };
    const expected = { checkpoints: [], span: { record: 2, startOffset: 3, endOffset: 4, startLine: 1, endLine: 1 } };

    assert.deepEqual(scanWithJavaScript(scanCase), expected);
    assert.deepEqual(scanWithKernel(scanCase), expected);
  });

  it('rejects targets and intervals that are not positive integers', () => {
    for (const options of [
      { ...secondRecord, targetRecord: 1.5 },
      { ...secondRecord, targetRecord: 0 },
      { ...secondRecord, checkpointInterval: 0 },
      { ...secondRecord, checkpointInterval: 2.5 },
    ]) {
      assert.throws(() => new WasmRecordScanner(fileStart, options, 64), RangeError, JSON.stringify(options));
    }
  });

  it('rejects a chunk outside its own buffers', () => {
    const scanner = new WasmRecordScanner(
      { offset: 0, line: 0, record: 1 },
      { targetRecord: 1, checkpointInterval: 1000, onCheckpoint: () => undefined },
      64,
    );

    assert.throws(() => scanner.feed(Buffer.from('a,b\n'), 0), RangeError);
    const pastBuffers = Buffer.from(scanner.buffers[1].buffer, scanner.buffers[1].byteOffset + 64, 8);
    assert.throws(() => scanner.feed(pastBuffers, 0), RangeError);
  });
});
