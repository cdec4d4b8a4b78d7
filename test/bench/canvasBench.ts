// Loading the errors of a large SIS import from the fake Canvas with added latency: the time
// and requests until the first page is available, and until all errors are.
import { performance } from 'node:perf_hooks';

import { CanvasClient } from '../../src/canvas/client';
import { sisImportErrorPages } from '../../src/canvas/sisApi';
import { Dataset, SisImportErrorRecord, SisImportRecord } from '../fake-canvas/dataset';
import { deriveBatchSummary } from '../fake-canvas/sampleDataset';
import { FakeCanvas, loadSampleDataset, startFakeCanvas } from '../fake-canvas/server';
import { DEMO_TOKEN } from '../fake-canvas/tokens';

export const BENCH_IMPORT_ID = 4900;
const ROOT_ACCOUNT_ID = 1;

/** Settings of the import error benchmark. */
export interface CanvasBenchOptions {
  errorCount: number;
  /** Latency the fake Canvas adds to every request, in milliseconds. */
  latencyMs: number;
}

/** Timings in milliseconds, and the requests that the fake Canvas received for each load. */
export interface CanvasBenchResult {
  firstPageMs: number;
  firstPageRequests: number;
  firstPageErrors: number;
  allErrorsMs: number;
  allErrorsRequests: number;
  allErrorsLoaded: number;
  pages: number;
}

/** Returns the sample data set plus a finished enrollments import with `errorCount` row errors. */
export function datasetWithLargeImport(errorCount: number): Dataset {
  const dataset = loadSampleDataset();
  const finishedAt = new Date(Date.parse(dataset.now) - 60 * 60 * 1000).toISOString();

  const sisImport: SisImportRecord = {
    id: BENCH_IMPORT_ID,
    account_id: ROOT_ACCOUNT_ID,
    user_id: 100,
    created_at: finishedAt,
    started_at: finishedAt,
    ended_at: finishedAt,
    updated_at: finishedAt,
    progress: 100,
    workflow_state: 'imported_with_messages',
    data: { import_type: 'instructure_csv', supplied_batches: ['enrollment'], counts: { enrollments: errorCount } },
    batch_mode: false,
  };

  const firstId = dataset.sisImportErrors.length + 1;
  const errors: SisImportErrorRecord[] = [];
  for (let i = 0; i < errorCount; i++) {
    errors.push({
      id: firstId + i,
      sis_import_id: BENCH_IMPORT_ID,
      file: 'enrollments.csv',
      message: `User not found for enrollment (User ID: U${i + 1}, Course ID: C100-F26, Section ID: C100-F26-01)`,
      row: i + 2,
      row_info: `C100-F26,C100-F26-01,U${i + 1},student,active,,,,${i + 2}\n`,
      failure: false,
      created_at: finishedAt,
    });
  }

  dataset.sisImports.unshift(sisImport);
  dataset.sisImportErrors.push(...errors);
  deriveBatchSummary(sisImport, dataset.sisImportErrors);
  return dataset;
}

function createClient(canvas: FakeCanvas): CanvasClient {
  return new CanvasClient({ baseUrl: canvas.baseUrl, token: DEMO_TOKEN, userAgent: 'canvas-sis-import-errors-bench' });
}

async function measureFirstPage(canvas: FakeCanvas): Promise<Pick<CanvasBenchResult, 'firstPageMs' | 'firstPageRequests' | 'firstPageErrors'>> {
  const client = createClient(canvas);
  const requestsBefore = canvas.requests.length;

  const startedAt = performance.now();
  const page = await sisImportErrorPages(client, ROOT_ACCOUNT_ID, { importId: BENCH_IMPORT_ID }).nextPage();
  const firstPageMs = performance.now() - startedAt;

  return { firstPageMs, firstPageRequests: canvas.requests.length - requestsBefore, firstPageErrors: page?.length ?? 0 };
}

async function measureAllErrors(canvas: FakeCanvas): Promise<Pick<CanvasBenchResult, 'allErrorsMs' | 'allErrorsRequests' | 'allErrorsLoaded' | 'pages'>> {
  const client = createClient(canvas);
  const requestsBefore = canvas.requests.length;
  const cursor = sisImportErrorPages(client, ROOT_ACCOUNT_ID, { importId: BENCH_IMPORT_ID });

  const startedAt = performance.now();
  let allErrorsLoaded = 0;
  let pages = 0;
  for (let page = await cursor.nextPage(); page !== undefined; page = await cursor.nextPage()) {
    allErrorsLoaded += page.length;
    pages++;
  }
  const allErrorsMs = performance.now() - startedAt;

  return { allErrorsMs, allErrorsRequests: canvas.requests.length - requestsBefore, allErrorsLoaded, pages };
}

/** Starts a fake Canvas with the large import, delays every request, and times both loads. */
export async function runCanvasBench(options: CanvasBenchOptions): Promise<CanvasBenchResult> {
  const canvas = await startFakeCanvas({ dataset: datasetWithLargeImport(options.errorCount) });
  try {
    canvas.injectFault({ delayMs: options.latencyMs, times: Number.MAX_SAFE_INTEGER });
    const firstPage = await measureFirstPage(canvas);
    const allErrors = await measureAllErrors(canvas);
    return { ...firstPage, ...allErrors };
  } finally {
    await canvas.close();
  }
}
