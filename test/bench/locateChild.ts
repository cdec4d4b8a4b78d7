// Child process of the CSV benchmark. Locates the last record of a file with a fresh record
// index and the given scanner, then jumps to random rows with the index that scan built. Prints
// the timings and the growth of peak RSS as JSON. A new process gives each run an empty index
// cache and its own peak RSS.
//
// Usage: node locateChild.js FILE LAST_ROW JUMPS SEED webAssembly|javaScript
import { performance } from 'node:perf_hooks';

import * as fs from 'node:fs';
import * as path from 'node:path';

import { recordIndexCache } from '../../src/csv/recordIndex';
import { LocateRecordOptions, locateRecord } from '../../src/csv/recordLocator';
import { enrollmentUserField } from './enrollmentsCsv';
import { seededRandom } from '../unit/seededRandom';

/** What the child prints: times in milliseconds, peak RSS in kilobytes. */
export interface LocateChildResult {
  lastRecordMs: number;
  peakRssBeforeKb: number;
  peakRssAfterKb: number;
  jumps: JumpMeasure[];
}

/** One jump with the index: its time, the bytes it read and the length of its index stride. */
export interface JumpMeasure {
  ms: number;
  bytesRead: number;
  /** Bytes from the checkpoint before the row to the one after it. Undefined after the last checkpoint. */
  strideBytes: number | undefined;
}

async function locateChecked(filePath: string, row: number, options: LocateRecordOptions): Promise<number> {
  const startedAt = performance.now();
  const range = await locateRecord(filePath, row, options);
  const elapsedMs = performance.now() - startedAt;

  const expectedField = enrollmentUserField(row - 1);
  if (!range?.text.includes(expectedField)) {
    throw new Error(`Row ${row} located wrongly: expected a record containing "${expectedField}", got ${JSON.stringify(range?.text)}.`);
  }
  return elapsedMs;
}

async function main(): Promise<void> {
  const [filePath, lastRowArgument, jumpsArgument, seedArgument, scannerArgument] = process.argv.slice(2);
  const lastRow = Number(lastRowArgument);
  const random = seededRandom(Number(seedArgument));
  if (scannerArgument !== 'webAssembly' && scannerArgument !== 'javaScript') {
    throw new Error(`Invalid scanner "${scannerArgument}": expected webAssembly or javaScript.`);
  }
  const options: LocateRecordOptions = { scanner: scannerArgument };

  const peakRssBeforeKb = process.resourceUsage().maxRSS;
  const lastRecordMs = await locateChecked(filePath, lastRow, options);
  const peakRssAfterKb = process.resourceUsage().maxRSS;

  const stats = fs.statSync(filePath);
  const index = recordIndexCache.indexFor(path.resolve(filePath), stats.size, stats.mtimeMs);
  const jumps: JumpMeasure[] = [];
  for (let jump = 0; jump < Number(jumpsArgument); jump++) {
    const row = 2 + Math.floor(random() * (lastRow - 1));
    const before = index.nearestCheckpoint(row)?.offset ?? 0;
    const after = index.checkpointAfter(row)?.offset;
    let bytesRead = 0;
    const ms = await locateChecked(filePath, row, { ...options, onRead: (bytes) => (bytesRead += bytes) });
    jumps.push({ ms, bytesRead, strideBytes: after === undefined ? undefined : after - before });
  }

  const result: LocateChildResult = { lastRecordMs, peakRssBeforeKb, peakRssAfterKb, jumps };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
