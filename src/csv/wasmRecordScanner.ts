import * as fs from 'fs';
import * as path from 'path';

import type { ChunkScanner, EndOfFileOutcome, RecordScannerOptions, RecordSpan, RecordStart } from './recordScanner';

/** File name of the compiled kernel, which the build puts next to this module's JavaScript. */
const KERNEL_FILE = 'recordKernel.wasm';

const PAGE_BYTES = 64 * 1024;

/** Bytes of one checkpoint that the kernel writes: offset, line and record as f64. */
const CHECKPOINT_BYTES = 24;

/** Results of the kernel's `scanChunk` and `finishScan`. */
const FOUND = 1;
const UNTERMINATED_QUOTE = 2;

/** Functions that src/csv/wasm/recordKernel.ts exports. */
interface RecordKernel {
  startScan(startLine: number, startRecord: number, target: number, interval: number, checkpoints: number): void;
  scanChunk(pointer: number, length: number, offset: number): number;
  finishScan(endOffset: number): number;
  takeCheckpointCount(): number;
  completedRecordCount(): number;
  unterminatedQuoteLine(): number;
  foundRecordStartOffset(): number;
  foundRecordEndOffset(): number;
  foundRecordStartLine(): number;
  foundRecordEndLine(): number;
}

let kernelModule: WebAssembly.Module | null | undefined;

/**
 * Compiles the kernel on first use. Returns undefined when the module file is missing or this
 * runtime cannot compile it, for example because it lacks WebAssembly SIMD.
 */
export function loadRecordKernel(): WebAssembly.Module | undefined {
  if (kernelModule === undefined) {
    try {
      kernelModule = new WebAssembly.Module(fs.readFileSync(path.join(__dirname, KERNEL_FILE)));
    } catch {
      kernelModule = null;
    }
  }

  return kernelModule ?? undefined;
}

/** One kernel instance and its memory, reused by one scan after another. */
interface KernelInstance {
  chunkSize: number;
  checkpointInterval: number;
  memory: WebAssembly.Memory;
  kernel: RecordKernel;
  buffers: [Buffer, Buffer];
  checkpointsStart: number;
}

/**
 * Instances that no scan uses. Creating an instance reserves address space for its memory, which
 * costs more than a short scan, so scans reuse them.
 */
const idleInstances: KernelInstance[] = [];
const MAX_IDLE_INSTANCES = 2;

/** Idle instances are dropped this long after the last release, so that their memory can be freed. */
const IDLE_INSTANCE_LIFETIME_MS = 30_000;
let dropIdleInstancesTimer: NodeJS.Timeout | undefined;

function acquireInstance(kernelModule: WebAssembly.Module, chunkSize: number, checkpointInterval: number): KernelInstance {
  // The most recently released instance first: its memory is the most likely to be in the CPU cache.
  for (let index = idleInstances.length - 1; index >= 0; index--) {
    const instance = idleInstances[index];
    if (instance.chunkSize === chunkSize && instance.checkpointInterval === checkpointInterval) {
      idleInstances.splice(index, 1);
      return instance;
    }
  }

  return createInstance(kernelModule, chunkSize, checkpointInterval);
}

function releaseInstance(instance: KernelInstance): void {
  idleInstances.push(instance);
  if (idleInstances.length > MAX_IDLE_INSTANCES) {
    idleInstances.shift();
  }

  clearTimeout(dropIdleInstancesTimer);
  dropIdleInstancesTimer = setTimeout(() => idleInstances.splice(0), IDLE_INSTANCE_LIFETIME_MS);
  dropIdleInstancesTimer.unref();
}

/**
 * Lays out the memory as one reserved page for the kernel's own data, two chunk buffers, and
 * room for every checkpoint that one chunk can hold: a record takes at least two bytes, its
 * first byte and a terminator.
 */
function createInstance(kernelModule: WebAssembly.Module, chunkSize: number, checkpointInterval: number): KernelInstance {
  const checkpointCapacity = Math.floor((chunkSize + 1) / 2 / checkpointInterval) + 2;
  const buffersStart = PAGE_BYTES;
  const checkpointsStart = alignUp(buffersStart + 2 * chunkSize, Float64Array.BYTES_PER_ELEMENT);
  const pages = Math.ceil((checkpointsStart + checkpointCapacity * CHECKPOINT_BYTES) / PAGE_BYTES);

  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const instance = new WebAssembly.Instance(kernelModule, { env: { memory } });

  return {
    chunkSize,
    checkpointInterval,
    memory,
    kernel: instance.exports as unknown as RecordKernel,
    buffers: [
      Buffer.from(memory.buffer, buffersStart, chunkSize),
      Buffer.from(memory.buffer, buffersStart + chunkSize, chunkSize),
    ],
    checkpointsStart,
  };
}

/**
 * Counts records like RecordScanner, with the WebAssembly kernel. Chunks must be read into
 * `buffers`, which lie in the kernel's memory, so the kernel scans them without a copy. Call
 * `release` when the scan is over, after which the scanner rejects chunks.
 */
export class WasmRecordScanner implements ChunkScanner {
  /** Two buffers of `chunkSize` bytes: one can be scanned while the next chunk is read into the other. */
  readonly buffers: [Buffer, Buffer];

  private readonly instance: KernelInstance;
  private released = false;

  /**
   * Throws a RangeError for a target, interval or chunk size that is not a positive integer,
   * and an Error if the kernel cannot be loaded in this runtime (see loadRecordKernel).
   */
  constructor(
    start: RecordStart,
    private readonly options: RecordScannerOptions,
    chunkSize: number,
  ) {
    requirePositiveInteger('targetRecord', options.targetRecord);
    requirePositiveInteger('checkpointInterval', options.checkpointInterval);
    requirePositiveInteger('chunkSize', chunkSize);

    const kernelModule = loadRecordKernel();
    if (kernelModule === undefined) {
      throw new Error('The WebAssembly record kernel could not be loaded.');
    }

    this.instance = acquireInstance(kernelModule, chunkSize, options.checkpointInterval);
    this.buffers = this.instance.buffers;
    this.instance.kernel.startScan(
      start.line,
      start.record,
      options.targetRecord,
      options.checkpointInterval,
      this.instance.checkpointsStart,
    );
  }

  /**
   * Scans the next chunk, a slice of one of `buffers` that starts at byte `chunkOffset` of the
   * file. Returns the target record's span as soon as that record ends inside this chunk.
   */
  feed(chunk: Buffer, chunkOffset: number): RecordSpan | undefined {
    if (this.released || !this.buffers.some((buffer) => isWithin(chunk, buffer))) {
      throw new RangeError('WasmRecordScanner can only scan chunks in its own buffers, until it is released.');
    }

    const result = this.instance.kernel.scanChunk(chunk.byteOffset, chunk.length, chunkOffset);
    this.reportCheckpoints();
    return result === FOUND ? this.foundSpan() : undefined;
  }

  /** Ends the scan at byte `endOffset`, the file size: the last record may end without a terminator. */
  finish(endOffset: number): EndOfFileOutcome {
    const kernel = this.instance.kernel;
    const result = kernel.finishScan(endOffset);
    if (result === FOUND) {
      return { kind: 'found', span: this.foundSpan() };
    }

    if (result === UNTERMINATED_QUOTE) {
      return { kind: 'unterminatedQuote', line: kernel.unterminatedQuoteLine() };
    }

    return { kind: 'endOfFile', recordCount: kernel.completedRecordCount() };
  }

  /** Hands the kernel instance to the next scan. No read may still be filling `buffers`. */
  release(): void {
    if (!this.released) {
      this.released = true;
      releaseInstance(this.instance);
    }
  }

  private reportCheckpoints(): void {
    const count = this.instance.kernel.takeCheckpointCount();
    if (count === 0) {
      return;
    }

    const entries = new Float64Array(this.instance.memory.buffer, this.instance.checkpointsStart, count * 3);
    for (let i = 0; i < entries.length; i += 3) {
      this.options.onCheckpoint({ offset: entries[i], line: entries[i + 1], record: entries[i + 2] });
    }
  }

  private foundSpan(): RecordSpan {
    const kernel = this.instance.kernel;
    return {
      record: this.options.targetRecord,
      startOffset: kernel.foundRecordStartOffset(),
      endOffset: kernel.foundRecordEndOffset(),
      startLine: kernel.foundRecordStartLine(),
      endLine: kernel.foundRecordEndLine(),
    };
  }
}

function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`Invalid ${name} ${value}: expected a positive integer.`);
  }
}

function isWithin(chunk: Buffer, buffer: Buffer): boolean {
  return (
    chunk.buffer === buffer.buffer &&
    chunk.byteOffset >= buffer.byteOffset &&
    chunk.byteOffset + chunk.length <= buffer.byteOffset + buffer.length
  );
}

function alignUp(value: number, alignment: number): number {
  return Math.ceil(value / alignment) * alignment;
}
