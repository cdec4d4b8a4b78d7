// `npm run bench`: measures record location in a large CSV, loading a large import's errors
// from the fake Canvas, the bundle size and the activation time, prints a table and writes
// BENCHMARKS.md at the repository root. Generates its data in a temporary folder and deletes it.
//
// CANVAS_SIS_BENCH_CSV_MIB sets the size of the generated CSV in MiB (default 1024), for a
// quick trial run; BENCHMARKS.md should hold a run with the default.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

import { runActivationBench } from './activationBench';
import { buildProductionBundle, restoreDevelopmentBundle } from './bundleBench';
import { CanvasBenchOptions, runCanvasBench } from './canvasBench';
import { runCsvBench } from './csvBench';
import { describeMachine } from './machine';
import { BenchResults, renderConsoleTable, renderMarkdown, summaryRows } from './report';
import { repoRoot } from '../vscode/repoPaths';

const RUNS = 3;
/** Activation varies more from load to load than the other figures, so it gets more runs. */
const ACTIVATION_RUNS = 5;
const JUMPS = 20;
const CANVAS_OPTIONS: CanvasBenchOptions = { errorCount: 10_000, latencyMs: 50 };

function readCsvBytes(): number {
  const configured = process.env.CANVAS_SIS_BENCH_CSV_MIB;
  const mebibytes = configured === undefined || configured === '' ? 1024 : Number(configured);
  if (!Number.isFinite(mebibytes) || mebibytes <= 0) {
    throw new Error(`CANVAS_SIS_BENCH_CSV_MIB must be a positive number of MiB, not "${configured}".`);
  }
  return Math.round(mebibytes * 1024 * 1024);
}

/** Returns the commit of the working tree, noting uncommitted changes, which the bundle and the timings include. */
function describeSourceVersion(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const changes = execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    return changes === '' ? `commit ${commit}` : `commit ${commit} with uncommitted changes`;
  } catch {
    return 'an unknown commit (git not available)';
  }
}

function log(message: string): void {
  console.error(`bench: ${message}`);
}

async function measureCsv(targetBytes: number): Promise<BenchResults['csv']> {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'canvas-sis-bench-'));
  try {
    log(`steps 1-2: writing a ${(targetBytes / 1024 ** 2).toFixed(0)} MiB CSV in ${tempDir}, then ${RUNS} runs of each tool`);
    return await runCsvBench({ filePath: path.join(tempDir, 'enrollments.csv'), targetBytes, runs: RUNS, jumps: JUMPS });
  } finally {
    fs.rmSync(tempDir, { recursive: true, force: true });
  }
}

async function measureExtension(): Promise<Pick<BenchResults, 'bundleBytes' | 'activation'>> {
  try {
    log('step 4: production bundle and activation in code-server');
    const bundleBytes = await buildProductionBundle();
    const activation = await runActivationBench(ACTIVATION_RUNS);
    return { bundleBytes, activation };
  } finally {
    await restoreDevelopmentBundle();
  }
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const startedAtMs = performance.now();
  const machine = describeMachine();
  const sourceVersion = describeSourceVersion();

  const csv = await measureCsv(readCsvBytes());
  log(`step 3: ${CANVAS_OPTIONS.errorCount} import errors from the fake Canvas with ${CANVAS_OPTIONS.latencyMs} ms latency`);
  const canvas = await runCanvasBench(CANVAS_OPTIONS);
  const extension = await measureExtension();

  const results: BenchResults = {
    command: 'npm run bench',
    startedAt,
    totalSeconds: (performance.now() - startedAtMs) / 1000,
    machine,
    sourceVersion,
    loadAverageAtEnd: os.loadavg()[0],
    csv,
    canvasOptions: CANVAS_OPTIONS,
    canvas,
    ...extension,
  };

  console.log(renderConsoleTable(summaryRows(results)));
  const reportPath = path.join(repoRoot, 'BENCHMARKS.md');
  fs.writeFileSync(reportPath, renderMarkdown(results));
  log(`wrote ${reportPath}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
