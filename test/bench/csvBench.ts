// Locating the last record of a large CSV: locateRecord with the WebAssembly kernel next to
// `wc -l`, locateRecord with the JavaScript scanner, and csv-parse. The tools run in turn on the
// same file, which stays in the page cache.
import { performance } from 'node:perf_hooks';
import * as path from 'node:path';

import { CsvParseChildResult } from './csvParseChild';
import { runNodeScript, runTimed } from './childProcess';
import { EnrollmentsCsv, writeEnrollmentsCsv } from './enrollmentsCsv';
import { JumpMeasure, LocateChildResult } from './locateChild';
import { repeat } from './statistics';

const LOCATE_CHILD = path.join(__dirname, 'locateChild.js');
const CSV_PARSE_CHILD = path.join(__dirname, 'csvParseChild.js');
const JUMP_SEED = 20260101;

/** Settings of the CSV benchmark. */
export interface CsvBenchOptions {
  filePath: string;
  targetBytes: number;
  runs: number;
  /** Random jumps after the first run's scan, with the index that scan built. */
  jumps: number;
}

/** One run of each measurement, in milliseconds. */
export interface CsvBenchRun {
  locateMs: number;
  peakRssGrowthKb: number;
  wcMs: number;
  javaScriptLocateMs: number;
  csvParseMs: number;
}

export interface CsvBenchResult {
  file: EnrollmentsCsv;
  generationMs: number;
  /** What `fincore` reported about the file before the first run, when fincore exists. */
  pageCacheBefore: string;
  runs: CsvBenchRun[];
  jumps: JumpMeasure[];
}

async function readPageCacheResidency(filePath: string): Promise<string> {
  try {
    const { stdout } = await runTimed('fincore', ['--bytes', '--noheadings', '--output', 'RES,SIZE', filePath]);
    const [resident, size] = stdout.trim().split(/\s+/).map(Number);
    return `fincore counted ${resident.toLocaleString('en-US')} bytes in cached pages for the ${size.toLocaleString('en-US')}-byte file`;
  } catch {
    return 'fincore was not available to check';
  }
}

async function measureRun(file: EnrollmentsCsv, jumps: number): Promise<{ run: CsvBenchRun; jumps: JumpMeasure[] }> {
  const locate = await runNodeScript<LocateChildResult>(LOCATE_CHILD, [
    file.filePath,
    String(file.lastRow),
    String(jumps),
    String(JUMP_SEED),
    'webAssembly',
  ]);

  const wc = await runTimed('wc', ['-l', file.filePath]);
  const wcLines = Number(wc.stdout.trim().split(/\s+/)[0]);
  if (wcLines !== file.lines) {
    throw new Error(`wc -l counted ${wcLines} lines, but the generator wrote ${file.lines}.`);
  }

  const javaScriptLocate = await runNodeScript<LocateChildResult>(LOCATE_CHILD, [
    file.filePath,
    String(file.lastRow),
    '0',
    String(JUMP_SEED),
    'javaScript',
  ]);

  const csvParse = await runNodeScript<CsvParseChildResult>(CSV_PARSE_CHILD, [file.filePath]);
  if (csvParse.records !== file.lastRow) {
    throw new Error(`csv-parse counted ${csvParse.records} records, but the file has ${file.lastRow}.`);
  }

  const run: CsvBenchRun = {
    locateMs: locate.lastRecordMs,
    peakRssGrowthKb: locate.peakRssAfterKb - locate.peakRssBeforeKb,
    wcMs: wc.elapsedMs,
    javaScriptLocateMs: javaScriptLocate.lastRecordMs,
    csvParseMs: csvParse.elapsedMs,
  };
  return { run, jumps: locate.jumps };
}

/** Writes the CSV, then measures every tool `runs` times in turn. */
export async function runCsvBench(options: CsvBenchOptions): Promise<CsvBenchResult> {
  const generationStartedAt = performance.now();
  const file = writeEnrollmentsCsv(options.filePath, options.targetBytes);
  const generationMs = performance.now() - generationStartedAt;
  const pageCacheBefore = await readPageCacheResidency(file.filePath);

  const measured = await repeat(options.runs, (run) => measureRun(file, run === 0 ? options.jumps : 0));
  return { file, generationMs, pageCacheBefore, runs: measured.map((result) => result.run), jumps: measured[0].jumps };
}
