import type { RecordStart } from './recordScanner';

/** Records whose number is a multiple of this get a checkpoint in the index. */
export const CHECKPOINT_INTERVAL = 1000;

const MAX_INDEXED_FILES = 32;

/**
 * Sparse record index of one file version: `checkpoints[k]` is where record
 * `(k + 1) * CHECKPOINT_INTERVAL` starts. Scans always begin at the file start or at a
 * checkpoint and add the checkpoints they pass, so the list has no gaps.
 */
export class FileRecordIndex {
  readonly checkpoints: RecordStart[] = [];

  /** Number of records in the file, known once a scan has reached its end. */
  recordCount: number | undefined;

  constructor(
    readonly size: number,
    readonly mtimeMs: number,
  ) {}

  /** Returns the last checkpoint at or before `record`, if any. */
  nearestCheckpoint(record: number): RecordStart | undefined {
    const checkpointIndex = Math.floor(record / CHECKPOINT_INTERVAL) - 1;
    const available = Math.min(checkpointIndex, this.checkpoints.length - 1);
    return available >= 0 ? this.checkpoints[available] : undefined;
  }

  /**
   * Returns the first checkpoint after `record`, if any. The record ends before it, so a scan
   * from nearestCheckpoint(record) needs no byte from its offset on.
   */
  checkpointAfter(record: number): RecordStart | undefined {
    return this.checkpoints[Math.floor(record / CHECKPOINT_INTERVAL)];
  }

  /** Stores `start` if it is the next missing checkpoint. Known ones are ignored. */
  addCheckpoint(start: RecordStart): void {
    if (start.record === (this.checkpoints.length + 1) * CHECKPOINT_INTERVAL) {
      this.checkpoints.push(start);
    }
  }
}

/**
 * Least-recently-used cache of record indexes by file path. An entry is valid only for the
 * size and modification time it was built for.
 *
 * NOTE: a rewrite that keeps both the size and the modification time (possible on file
 * systems with coarse timestamps) is not detected, and the stale index is used.
 */
export class RecordIndexCache {
  private readonly indexes = new Map<string, FileRecordIndex>();

  constructor(private readonly maxFiles: number) {}

  /** Returns the index of this file version, replacing any index of an older version. */
  indexFor(filePath: string, size: number, mtimeMs: number): FileRecordIndex {
    const cached = this.indexes.get(filePath);
    this.indexes.delete(filePath);

    const index =
      cached !== undefined && cached.size === size && cached.mtimeMs === mtimeMs
        ? cached
        : new FileRecordIndex(size, mtimeMs);
    this.indexes.set(filePath, index);

    this.evictOldest();
    return index;
  }

  get fileCount(): number {
    return this.indexes.size;
  }

  clear(): void {
    this.indexes.clear();
  }

  private evictOldest(): void {
    while (this.indexes.size > this.maxFiles) {
      const oldest = this.indexes.keys().next().value as string;
      this.indexes.delete(oldest);
    }
  }
}

/** The index cache shared by every record lookup in this process. */
export const recordIndexCache = new RecordIndexCache(MAX_INDEXED_FILES);
