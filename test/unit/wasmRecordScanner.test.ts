import { strict as assert } from 'assert';

import { EndOfFileOutcome, RecordScanner, RecordSpan, RecordStart } from '../../src/csv/recordScanner';
import { WasmRecordScanner, loadRecordKernel } from '../../src/csv/wasmRecordScanner';
import { seededRandom } from './seededRandom';

/** What a whole scan reports: checkpoints as they came, then the span or end-of-file outcome. */
interface ScanReport {
  checkpoints: RecordStart[];
  span?: RecordSpan;
  outcome?: EndOfFileOutcome;
}

interface ScanCase {
  content: Buffer;
  start: RecordStart;
  targetRecord: number;
  checkpointInterval: number;
  chunkSizes: number[];
}

/** Pieces that CSV files are made of, weighted towards the bytes that the kernel decides on. */
const PIECES = ['a', 'bc', ',', ',', '"', '""', '\n', '\n', '\r\n', '\r', '\n\n', 'é', 'x,y,z', 'plain text'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/**
 * Generates a CSV-like file: long runs of ordinary records, which the kernel scans a window at
 * a time, mixed with random pieces full of quotes and line terminators.
 */
function generateContent(random: () => number): Buffer {
  const terminator = pick(random, ['\n', '\r\n', '\r']);
  let content = '';
  const parts = 1 + Math.floor(random() * 8);

  for (let part = 0; part < parts; part++) {
    if (random() < 0.5) {
      const records = Math.floor(random() * 60);
      for (let record = 0; record < records; record++) {
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

/** Splits `length` bytes into chunks of the given sizes, the last size repeating. */
function chunkBounds(length: number, chunkSizes: number[]): Array<[number, number]> {
  const bounds: Array<[number, number]> = [];
  let offset = 0;
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
  createScanner: (onCheckpoint: (start: RecordStart) => void) => {
    feed(chunk: Buffer, chunkOffset: number): RecordSpan | undefined;
    finish(endOffset: number): EndOfFileOutcome;
  },
  toChunk: (bytes: Buffer, slot: number) => Buffer,
  scanCase: ScanCase,
): ScanReport {
  const checkpoints: RecordStart[] = [];
  const scanner = createScanner((start) => checkpoints.push(start));

  let slot = 0;
  for (const [start, end] of chunkBounds(scanCase.content.length, scanCase.chunkSizes)) {
    if (start < scanCase.start.offset) {
      continue;
    }
    const span = scanner.feed(toChunk(scanCase.content.subarray(start, end), slot), start);
    slot = 1 - slot;
    if (span !== undefined) {
      return { checkpoints, span };
    }
  }

  return { checkpoints, outcome: scanner.finish(scanCase.content.length) };
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
  const largestChunk = Math.max(...scanCase.chunkSizes);

  let scanner: WasmRecordScanner | undefined;
  const report = scanWith(
    (onCheckpoint) => {
      scanner = new WasmRecordScanner(
        scanCase.start,
        { targetRecord: scanCase.targetRecord, checkpointInterval: scanCase.checkpointInterval, onCheckpoint },
        largestChunk,
      );
      return scanner;
    },
    (bytes, slot) => {
      assert.ok(scanner);
      const buffer = scanner.buffers[slot];
      bytes.copy(buffer);
      return buffer.subarray(0, bytes.length);
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

describe('WasmRecordScanner', () => {
  it('loads the compiled kernel in this Node', () => {
    assert.ok(loadRecordKernel(), 'dist/recordKernel.wasm or out/src/csv/recordKernel.wasm is missing or invalid');
  });

  it('matches RecordScanner on generated files', () => {
    const random = seededRandom(4_000_417);

    for (let iteration = 0; iteration < 3000; iteration++) {
      const content = generateContent(random);
      const javaScriptCount = scanWithJavaScript({
        content,
        start: { offset: 0, line: 0, record: 1 },
        targetRecord: Number.MAX_SAFE_INTEGER,
        checkpointInterval: 1,
        chunkSizes: [Math.max(content.length, 1)],
      });

      const checkpoints = javaScriptCount.checkpoints;
      const start = checkpoints.length > 0 && random() < 0.3 ? pick(random, checkpoints) : { offset: 0, line: 0, record: 1 };
      const scanCase: ScanCase = {
        content,
        start,
        targetRecord: start.record + Math.floor(random() * (checkpoints.length + 3)),
        checkpointInterval: pick(random, [1, 2, 3, 7, 1000]),
        chunkSizes: randomChunkSizes(random, content.length),
      };

      const expected = scanWithJavaScript(scanCase);
      const actual = scanWithKernel(scanCase);
      assert.deepEqual(
        actual,
        expected,
        `iteration ${iteration}: ${JSON.stringify({ ...scanCase, content: content.toString('utf8') })}`,
      );
    }
  });

  it('counts offsets and lines past 2^32', () => {
    const content = Buffer.from('a,b\nc,d\n"e\nf",g\n');
    const start = { offset: 5_000_000_000, line: 4_300_000_000, record: 3_000_000_000 };
    const checkpoints: RecordStart[] = [];

    const scanner = new WasmRecordScanner(
      start,
      { targetRecord: start.record + 2, checkpointInterval: 1000, onCheckpoint: (checkpoint) => checkpoints.push(checkpoint) },
      64,
    );
    content.copy(scanner.buffers[0]);
    const span = scanner.feed(scanner.buffers[0].subarray(0, content.length), start.offset);

    assert.deepEqual(span, {
      record: 3_000_000_002,
      startOffset: 5_000_000_008,
      endOffset: 5_000_000_015,
      startLine: 4_300_000_002,
      endLine: 4_300_000_003,
    });
    assert.deepEqual(checkpoints, [{ offset: 5_000_000_000, line: 4_300_000_000, record: 3_000_000_000 }]);
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

  it('rejects a chunk outside its own buffers', () => {
    const scanner = new WasmRecordScanner(
      { offset: 0, line: 0, record: 1 },
      { targetRecord: 1, checkpointInterval: 1000, onCheckpoint: () => undefined },
      64,
    );

    assert.throws(() => scanner.feed(Buffer.from('a,b\n'), 0), RangeError);
  });
});
