// Turns the benchmark results into the console table and BENCHMARKS.md.
import { ActivationBenchResult } from './activationBench';
import { CanvasBenchOptions, CanvasBenchResult } from './canvasBench';
import { CsvBenchResult } from './csvBench';
import { MachineInfo } from './machine';
import { median } from './statistics';

/** Everything one `npm run bench` measured. */
export interface BenchResults {
  command: string;
  startedAt: Date;
  totalSeconds: number;
  machine: MachineInfo;
  /** The commit measured, and whether the working tree had uncommitted changes. */
  sourceVersion: string;
  /** 1-minute load average when the benchmark ended. */
  loadAverageAtEnd: number;
  csv: CsvBenchResult;
  canvasOptions: CanvasBenchOptions;
  canvas: CanvasBenchResult;
  bundleBytes: number;
  activation: ActivationBenchResult;
}

/** One line of the summary table. `met` is undefined for figures without a target. */
export interface SummaryRow {
  measure: string;
  result: string;
  target: string;
  met?: boolean;
}

const MAX_LOCATE_TO_WC_RATIO = 1.5;
const MIN_CSV_PARSE_TO_LOCATE_RATIO = 30;
const MAX_PEAK_RSS_GROWTH_MIB = 64;
const MAX_JUMP_MS = 20;
const FIRST_PAGE_REQUESTS = 1;

function milliseconds(value: number): string {
  return value >= 100 ? `${Math.round(value).toLocaleString('en-US')} ms` : `${value.toFixed(1)} ms`;
}

function ratio(value: number): string {
  return `${value.toFixed(1)}×`;
}

function mebibytes(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

function csvRows(csv: CsvBenchResult): SummaryRow[] {
  const locateMs = median(csv.runs.map((run) => run.locateMs));
  const wcMs = median(csv.runs.map((run) => run.wcMs));
  const javaScriptLocateMs = median(csv.runs.map((run) => run.javaScriptLocateMs));
  const csvParseMs = median(csv.runs.map((run) => run.csvParseMs));
  const peakRssGrowthMiB = Math.max(...csv.runs.map((run) => run.peakRssGrowthKb)) / 1024;
  const locateToWc = locateMs / wcMs;
  const csvParseToLocate = csvParseMs / locateMs;
  const jumpMs = csv.jumps.map((jump) => jump.ms);
  const jumpMedianMs = median(jumpMs);
  const jumpMaxMs = Math.max(...jumpMs);
  const strideJumps = csv.jumps.filter((jump) => jump.strideBytes !== undefined);
  const jumpsWithinStride = strideJumps.filter((jump) => jump.bytesRead <= (jump.strideBytes ?? 0)).length;
  const maxBytesRead = Math.max(...csv.jumps.map((jump) => jump.bytesRead));
  const runs = csv.runs.length;

  return [
    { measure: `1. locateRecord, last record (row ${csv.file.lastRow.toLocaleString('en-US')}), fresh index, median of ${runs}`, result: milliseconds(locateMs), target: '' },
    { measure: `1. wc -l, same file, median of ${runs}`, result: milliseconds(wcMs), target: '' },
    { measure: `1. locateRecord with the JavaScript scanner, median of ${runs}`, result: milliseconds(javaScriptLocateMs), target: '' },
    { measure: `1. csv-parse streaming record count, median of ${runs}`, result: milliseconds(csvParseMs), target: '' },
    { measure: '1. locateRecord / wc -l', result: ratio(locateToWc), target: `≤ ${MAX_LOCATE_TO_WC_RATIO}×`, met: locateToWc <= MAX_LOCATE_TO_WC_RATIO },
    { measure: '1. csv-parse / locateRecord', result: ratio(csvParseToLocate), target: `≥ ${MIN_CSV_PARSE_TO_LOCATE_RATIO}×`, met: csvParseToLocate >= MIN_CSV_PARSE_TO_LOCATE_RATIO },
    { measure: `1. Peak RSS growth of locateRecord, max of ${runs}`, result: `${peakRssGrowthMiB.toFixed(1)} MiB`, target: `< ${MAX_PEAK_RSS_GROWTH_MIB} MiB`, met: peakRssGrowthMiB < MAX_PEAK_RSS_GROWTH_MIB },
    { measure: `2. Second jump, ${jumpMs.length} random rows, median`, result: milliseconds(jumpMedianMs), target: `< ${MAX_JUMP_MS} ms`, met: jumpMedianMs < MAX_JUMP_MS },
    { measure: `2. Second jump, ${jumpMs.length} random rows, max`, result: milliseconds(jumpMaxMs), target: `< ${MAX_JUMP_MS} ms`, met: jumpMaxMs < MAX_JUMP_MS },
    {
      measure: '2. Second jumps that read at most their index stride',
      result: `${jumpsWithinStride} of ${strideJumps.length} (most bytes read by a jump: ${maxBytesRead.toLocaleString('en-US')})`,
      target: 'all',
      met: jumpsWithinStride === strideJumps.length,
    },
  ];
}

function canvasRows(options: CanvasBenchOptions, canvas: CanvasBenchResult): SummaryRow[] {
  const errors = options.errorCount.toLocaleString('en-US');
  return [
    { measure: `3. First page of ${errors} errors, ${options.latencyMs} ms latency: time`, result: milliseconds(canvas.firstPageMs), target: '' },
    { measure: '3. First page: requests', result: `${canvas.firstPageRequests} (${canvas.firstPageErrors} errors)`, target: `${FIRST_PAGE_REQUESTS}`, met: canvas.firstPageRequests === FIRST_PAGE_REQUESTS },
    {
      measure: `3. All ${errors} errors: time`,
      result: milliseconds(canvas.allErrorsMs),
      target: '',
    },
    {
      measure: '3. All errors: requests and pages',
      result: `${canvas.allErrorsRequests} requests, ${canvas.pages} pages, ${canvas.allErrorsLoaded.toLocaleString('en-US')} errors`,
      target: '',
    },
  ];
}

function extensionRows(bundleBytes: number, activation: ActivationBenchResult): SummaryRow[] {
  const runs = activation.activationMs.length;
  return [
    { measure: '4. dist/extension.js, production build', result: `${bundleBytes.toLocaleString('en-US')} bytes (${(bundleBytes / 1024).toFixed(1)} KB)`, target: '' },
    {
      measure: `4. Activation in VS Code (Running Extensions), median of ${runs}`,
      result: `${milliseconds(median(activation.activationMs))} (min ${Math.min(...activation.activationMs)}, max ${Math.max(...activation.activationMs)} ms)`,
      target: '',
    },
  ];
}

export function summaryRows(results: BenchResults): SummaryRow[] {
  return [
    ...csvRows(results.csv),
    ...canvasRows(results.canvasOptions, results.canvas),
    ...extensionRows(results.bundleBytes, results.activation),
  ];
}

function metText(met: boolean | undefined): string {
  if (met === undefined) {
    return '';
  }
  return met ? 'met' : 'NOT met';
}

/** Renders the rows as aligned plain-text columns for the terminal. */
export function renderConsoleTable(rows: SummaryRow[]): string {
  const cells = [['Measure', 'Result', 'Target', 'Met'], ...rows.map((row) => [row.measure, row.result, row.target, metText(row.met)])];
  const widths = [0, 1, 2].map((column) => Math.max(...cells.map((cell) => cell[column].length)));
  return cells.map((cell) => cell.map((text, column) => (column < 3 ? text.padEnd(widths[column]) : text)).join('  ').trimEnd()).join('\n');
}

function markdownTable(header: string[], rows: string[][]): string {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
  lines.push(...rows.map((row) => `| ${row.join(' | ')} |`));
  return lines.join('\n');
}

function machineSection(results: BenchResults): string {
  const { machine } = results;
  return [
    `- CPU: ${machine.cpuModel}, ${machine.cores} cores`,
    `- RAM: ${machine.ramGiB.toFixed(1)} GiB`,
    `- ${machine.os}, Node ${machine.nodeVersion}`,
    `- Load average (1 min) at the start: ${machine.loadAverage.toFixed(2)}, at the end: ${results.loadAverageAtEnd.toFixed(2)}. ` +
      'Other processes on the machine slow the figures down by an amount this report cannot tell.',
    `- Run on ${results.startedAt.toISOString()}, ${Math.round(results.totalSeconds)} s in all, at ${results.sourceVersion}`,
  ].join('\n');
}

function csvRunsTable(csv: CsvBenchResult): string {
  const rows = csv.runs.map((run, index) => [
    String(index + 1),
    milliseconds(run.locateMs),
    milliseconds(run.wcMs),
    milliseconds(run.javaScriptLocateMs),
    milliseconds(run.csvParseMs),
    `${(run.peakRssGrowthKb / 1024).toFixed(1)} MiB`,
  ]);
  return markdownTable(['Run', 'locateRecord', 'wc -l', 'locateRecord, JavaScript scanner', 'csv-parse', 'Peak RSS growth'], rows);
}

function methodSection(results: BenchResults): string {
  const { csv, canvasOptions, activation } = results;
  const locateMs = median(csv.runs.map((run) => run.locateMs));
  const javaScriptToKernel = median(csv.runs.map((run) => run.javaScriptLocateMs)) / locateMs;
  return [
    `1. The benchmark writes an enrollments-style CSV of ${mebibytes(csv.file.bytes)} (${csv.file.bytes.toLocaleString('en-US')} bytes, ` +
      `${csv.file.lastRow.toLocaleString('en-US')} records, ${csv.file.lines.toLocaleString('en-US')} lines) into a temporary folder, ` +
      `in ${(csv.generationMs / 1000).toFixed(1)} s. One record in 20 has a quoted \`notes\` field that spans two lines. ` +
      `The file was in the OS page cache for every timing, because it had just been written (before the first run, ${csv.pageCacheBefore}). ` +
      'Each run measures, one after the other:',
    '   - `locateRecord` for the last row, in a new Node process so that the record index cache is empty, timed around the call. ' +
      'It scans with the WebAssembly kernel (src/csv/wasm/recordKernel.ts). Peak RSS comes from `process.resourceUsage().maxRSS` before and after the call.',
    '   - `wc -l`, timed as a whole process.',
    '   - `locateRecord` for the last row with the JavaScript scanner (src/csv/recordScanner.ts), the fallback where the kernel cannot be loaded, the same way.',
    '   - csv-parse (`bom`, `skip_empty_lines`) counting records in a new Node process, timed inside it.',
    '',
    '   Every tool must report the expected record or line count.',
    `2. In the first run, after the last record, the same process locates ${csv.jumps.length} random rows (seeded), with the index the first scan built. ` +
      'Each located record is checked against the record the generator wrote. A jump\'s index stride runs from the checkpoint before its row to the one after it ' +
      '(checkpoints are every 1,000th record), and the bytes it read are those of the scan\'s reads, counted with `locateRecord`\'s `onRead` option. ' +
      'Jumps past the last checkpoint have no stride and are not counted in that row.',
    `3. The fake Canvas (test/fake-canvas/) serves the sample data set plus one import with ${canvasOptions.errorCount.toLocaleString('en-US')} row errors, ` +
      `and delays every request by ${canvasOptions.latencyMs} ms (\`injectFault({ delayMs })\`). The times are those of \`sisImportErrorPages(client, 1, { importId }).nextPage()\` ` +
      'for the first page and of calling `nextPage()` until the cursor ends for all errors, with the request counts that the fake Canvas recorded.',
    '4. `node esbuild.js --production` builds the bundle, which is measured and then replaced by the development bundle again. Activation: code-server ' +
      `${activation.codeServerVersion} in headless Chromium opens an empty folder with this repository as the extension in development mode, the benchmark ` +
      'clicks the Canvas SIS activity bar icon, which activates the extension, and reads the time that **Developer: Show Running Extensions** shows for it. ' +
      'VS Code computes that figure as codeLoadingTime + activateCallTime (loading dist/extension.js and running `activate` until it returns its promise). ' +
      `The activation events in the extension host log were: ${[...new Set(activation.activationEvents)].join(', ') || 'none found'}. ` +
      'Each run loads the workbench in a new browser profile, so that it starts from the same layout, and each load starts a new extension host. ' +
      `Runs: ${activation.activationMs.join(', ')} ms.`,
    '',
    '`locateRecord` reads the next chunk (up to 4 MiB) on a libuv thread while the kernel scans the current one, so on two cores its time is close to ' +
      `the longer of reading and scanning. The JavaScript scanner takes ${ratio(javaScriptToKernel)} as long as the kernel.`,
  ].join('\n');
}

/** Renders BENCHMARKS.md. */
export function renderMarkdown(results: BenchResults): string {
  const rows = summaryRows(results).map((row) => [row.measure, row.result, row.target, metText(row.met)]);
  return [
    '# Benchmarks',
    '',
    `Written by \`${results.command}\` (test/bench/run.ts), which generates its own data in a temporary folder, deletes it afterwards and rewrites this file. ` +
      'It takes a few minutes and needs code-server (test/vscode/setup-code-server.sh) and Chromium for step 4. It is not part of `npm test`.',
    '',
    '## Machine',
    '',
    machineSection(results),
    '',
    '## Results',
    '',
    markdownTable(['Measure', 'Result', 'Target', 'Met'], rows),
    '',
    'Runs of step 1:',
    '',
    csvRunsTable(results.csv),
    '',
    '## Method',
    '',
    methodSection(results),
    '',
  ].join('\n');
}
