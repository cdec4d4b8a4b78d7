// Every way a Canvas request can fail, tested against the fake Canvas. Each test checks the error
// or behaviour the client produces. It then checks that the same call succeeds once the fault has
// cleared, so that no SIS import error is lost or read twice.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

import { CanvasClient, CanvasClientOptions, RetryWait } from '../../src/canvas/client';
import {
  CanvasError,
  InvalidTokenError,
  NetworkError,
  PermissionError,
  ServerError,
  ThrottledError,
  UnexpectedResponseError,
} from '../../src/canvas/errors';
import { PageCursor } from '../../src/canvas/pageCursor';
import { RateLimitOptions } from '../../src/canvas/rateLimit';
import { SisImportErrorOptions, getCurrentUser, getSisImport, listSisImportErrors, sisImportErrorPages } from '../../src/canvas/sisApi';
import { SisImport, SisImportError } from '../../src/canvas/types';
import { FakeCanvas, FakeCanvasOptions, Fault, ThrottleOptions, loadSampleDataset, startFakeCanvas } from '../fake-canvas/server';
import { DEMO_TOKEN, EXPIRED_TOKEN, REVOKED_TOKEN } from '../fake-canvas/tokens';

/** Import 4821 of root account 1 has 312 errors with distinct row numbers: four pages of 100. */
const accountId = 1;
const importId = 4821;
const importErrorCount = 312;
const errorsPath = `/api/v1/accounts/${accountId}/sis_imports/${importId}/errors`;
const userPath = '/api/v1/users/self';

const quickRetries = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
const quickDrain: RateLimitOptions = { outflowPerSecond: 100_000, upFrontCost: 50, paceBelowRemaining: 100, maxWaitMs: 50 };

/**
 * Returns a bucket that every request overfills. One request costs 200 units against a
 * high-water mark of 100, so the request right after it is throttled until 100 units have drained (50 ms).
 */
function overfilledBucket(status: 403 | 429): ThrottleOptions {
  return { enabled: true, status, highWaterMark: 100, upFrontCost: 50, requestCost: 200, outflowPerSecond: 2000 };
}

/**
 * Returns the client's view of a bucket, with pacing turned off so that requests reach the
 * throttle and the retry path runs. Against overfilledBucket a throttled retry waits (50 + 200) / 2000 s = 125 ms.
 */
function unpacedClientBucket(throttle: ThrottleOptions, maxWaitMs: number): RateLimitOptions {
  return {
    outflowPerSecond: throttle.outflowPerSecond ?? 10,
    upFrontCost: throttle.upFrontCost ?? 50,
    paceBelowRemaining: Number.NEGATIVE_INFINITY,
    maxWaitMs,
  };
}

function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

/** Polls `condition` every 5 ms, failing after one second. */
async function waitUntil(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 1000;
  while (!condition()) {
    if (Date.now() > deadline) {
      assert.fail(`timed out waiting until ${what}`);
    }
    await sleep(5);
  }
}

async function readRemainingPages(cursor: PageCursor<SisImportError>): Promise<SisImportError[]> {
  const errors: SisImportError[] = [];
  for (let page = await cursor.nextPage(); page; page = await cursor.nextPage()) {
    errors.push(...page);
  }

  return errors;
}

/** Asserts that the list contains every error of the import exactly once. */
function assertCompleteList(errors: SisImportError[]): void {
  assert.equal(errors.length, importErrorCount);
  assert.equal(new Set(errors.map((error) => error.row)).size, importErrorCount, 'a page was read twice');
}

function errorsAttachmentUrl(sisImport: SisImport): string {
  const attachment = sisImport.errors_attachment as { url?: unknown } | undefined;
  assert.equal(typeof attachment?.url, 'string', 'the SIS import has no errors_attachment URL');
  return attachment!.url as string;
}

/** Returns a validator for assert.rejects that checks the error class, kind and message. */
function failsWith<T extends CanvasError>(errorClass: abstract new (...args: never[]) => T, message: string | RegExp, check?: (error: T) => void) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof errorClass, `expected ${errorClass.name}, got ${String(error)}`);
    if (typeof message === 'string') {
      assert.equal(error.message, message);
    } else {
      assert.match(error.message, message);
    }
    check?.(error);
    return true;
  };
}

function isAbortRejection(error: unknown): boolean {
  assert.ok(error instanceof Error, `expected an Error, got ${String(error)}`);
  assert.equal(error.name, 'AbortError');
  return true;
}

/** Starts a server on another origin that records the requests it receives and serves an empty error list. */
async function startOtherOrigin(): Promise<{ origin: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const server = http.createServer((request, response) => {
    requests.push(request.url ?? '');
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end('{"sis_import_errors":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('fault matrix', () => {
  let fake: FakeCanvas;
  const clients: CanvasClient[] = [];
  const cleanups: Array<() => Promise<void>> = [];

  function client(options: Partial<CanvasClientOptions> = {}): CanvasClient {
    const created = new CanvasClient({
      baseUrl: fake.baseUrl,
      token: DEMO_TOKEN,
      retryPolicy: quickRetries,
      rateLimit: quickDrain,
      requestTimeoutMs: 5000,
      ...options,
    });
    clients.push(created);
    return created;
  }

  async function restartFake(options: FakeCanvasOptions): Promise<void> {
    await fake.close();
    fake = await startFakeCanvas(options);
  }

  async function listAllErrors(canvas: CanvasClient, options: SisImportErrorOptions = {}): Promise<SisImportError[]> {
    const errors: SisImportError[] = [];
    for await (const page of listSisImportErrors(canvas, accountId, { importId, ...options })) {
      errors.push(...page);
    }

    return errors;
  }

  /** Reads the first page of import 4821, then injects `fault` for the pages that follow. */
  async function firstPageThenFault(canvas: CanvasClient, fault: Fault, options: SisImportErrorOptions = {}) {
    const cursor = sisImportErrorPages(canvas, accountId, { importId, ...options });
    const firstPage = (await cursor.nextPage()) ?? [];
    fake.injectFault({ path: errorsPath, ...fault });
    return { cursor, firstPage };
  }

  function requestCount(path: string): number {
    return fake.requests.filter((request) => request.path === path).length;
  }

  beforeEach(async () => {
    fake = await startFakeCanvas();
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((created) => created.close()));
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
    await fake.close();
  });

  for (const status of [403, 429] as const) {
    it(`backs off from ${status} throttling`, async () => {
      const throttle = overfilledBucket(status);
      await restartFake({ throttle });
      const waits: RetryWait[] = [];
      const warnings: string[] = [];
      const logger = { info: () => undefined, warn: (line: string) => warnings.push(line), debug: () => undefined, trace: () => undefined };

      const errors = await listAllErrors(client({ rateLimit: unpacedClientBucket(throttle, 1000), logger }), { onRetryWait: (wait) => waits.push(wait) });

      assertCompleteList(errors);
      assert.ok(requestCount(errorsPath) > 4, 'no request was throttled, so the test did not exercise the back-off');
      assert.ok(waits.length > 0);
      assert.deepEqual(new Set(waits.map((wait) => wait.reason)), new Set(['throttled']));
      assert.ok(warnings.every((line) => line.includes('Canvas rate limit exceeded.')), warnings.join('\n'));
    });
  }

  for (const status of [403, 429] as const) {
    it(`gives up on ${status} throttling that persists`, async () => {
      // Each request costs 400 units: after one, the bucket needs 300 ms to fall below the
      // high-water mark, far longer than the client's three quick attempts.
      const throttle: ThrottleOptions = { enabled: true, status, highWaterMark: 100, upFrontCost: 50, requestCost: 400, outflowPerSecond: 1000 };
      await restartFake({ throttle });
      const canvas = client({ rateLimit: unpacedClientBucket(throttle, 10) });
      await getCurrentUser(canvas);

      await assert.rejects(
        getCurrentUser(canvas),
        failsWith(ThrottledError, 'Canvas rate limit exceeded.', (error) => {
          assert.ok(!(error instanceof PermissionError));
          assert.equal(error.kind, 'throttled');
          assert.equal(error.status, status);
        }),
      );
      assert.equal(requestCount(userPath), 1 + quickRetries.maxAttempts);

      await sleep(350);
      const user = await getCurrentUser(canvas);
      assert.equal(user.id, 101);
    });
  }

  it('paces requests when the rate limit runs low', async () => {
    // Each request leaves 20 or fewer units below the high-water mark, and the client keeps 60
    // in reserve, so it waits 80 to 160 ms before every page after the first and is never throttled.
    const throttle: ThrottleOptions = { enabled: true, highWaterMark: 100, upFrontCost: 50, requestCost: 80, outflowPerSecond: 500 };
    await restartFake({ throttle });
    const rateLimit: RateLimitOptions = { outflowPerSecond: 500, upFrontCost: 50, paceBelowRemaining: 60, maxWaitMs: 1000 };
    const waits: RetryWait[] = [];

    const errors = await listAllErrors(client({ rateLimit }), { onRetryWait: (wait) => waits.push(wait) });

    assertCompleteList(errors);
    assert.equal(requestCount(errorsPath), 4, 'a request was throttled although the client paced');
    assert.equal(waits.length, 3);
    for (const wait of waits) {
      assert.equal(wait.reason, 'throttled');
      assert.equal(wait.attempt, 1);
      assert.ok(wait.delayMs > 0, `pace delay ${wait.delayMs} ms is not positive`);
      assert.ok(wait.delayMs <= 200, `pace delay ${wait.delayMs} ms is longer than the bucket needs`);
    }
  });

  it('reports an HTML 500 page without retrying', async () => {
    const canvas = client();
    fake.injectFault({ path: errorsPath, status: 500, body: 'html', times: 1 });

    await assert.rejects(
      listAllErrors(canvas),
      failsWith(ServerError, 'Canvas returned an HTML page (status 500) instead of JSON.', (error) => assert.equal(error.status, 500)),
    );
    assert.equal(requestCount(errorsPath), 1);

    assertCompleteList(await listAllErrors(canvas));
  });

  for (const status of [502, 503, 504]) {
    it(`retries a ${status} mid-list`, async () => {
      const waits: RetryWait[] = [];
      const { cursor, firstPage } = await firstPageThenFault(client(), { status, times: 2 }, { onRetryWait: (wait) => waits.push(wait) });

      const rest = await readRemainingPages(cursor);

      assertCompleteList([...firstPage, ...rest]);
      assert.deepEqual(waits.map((wait) => wait.reason), ['server', 'server']);
      assert.equal(requestCount(errorsPath), 4 + 2);
    });
  }

  it('rejects an HTML page with status 200', async () => {
    const canvas = client();
    fake.injectFault({ path: errorsPath, status: 200, body: 'html', times: 1 });

    await assert.rejects(listAllErrors(canvas), failsWith(UnexpectedResponseError, 'Canvas returned an HTML page (status 200) instead of JSON.'));
    assert.equal(requestCount(errorsPath), 1);

    assertCompleteList(await listAllErrors(canvas));
  });

  it('retries a request that hangs past the timeout', async () => {
    const waits: RetryWait[] = [];
    const canvas = client({ requestTimeoutMs: 200 });
    const { cursor, firstPage } = await firstPageThenFault(canvas, { delayMs: 400, times: 1 }, { onRetryWait: (wait) => waits.push(wait) });

    const rest = await readRemainingPages(cursor);

    assertCompleteList([...firstPage, ...rest]);
    assert.deepEqual(waits.map((wait) => wait.reason), ['network']);
  });

  it('reports a request that keeps hanging as timed out', async () => {
    const canvas = client({ requestTimeoutMs: 200 });
    fake.injectFault({ path: errorsPath, delayMs: 400, times: quickRetries.maxAttempts });

    await assert.rejects(listAllErrors(canvas), failsWith(NetworkError, /^The request to 127\.0\.0\.1:\d+ timed out/));
    assert.equal(requestCount(errorsPath), quickRetries.maxAttempts);

    assertCompleteList(await listAllErrors(canvas));
  });

  it('retries a reset connection mid-list', async () => {
    const waits: RetryWait[] = [];
    const { cursor, firstPage } = await firstPageThenFault(client(), { resetConnection: true, times: 1 }, { onRetryWait: (wait) => waits.push(wait) });

    const rest = await readRemainingPages(cursor);

    assertCompleteList([...firstPage, ...rest]);
    assert.deepEqual(waits.map((wait) => wait.reason), ['network']);
  });

  it('reports a connection that keeps resetting', async () => {
    const canvas = client();
    fake.injectFault({ path: errorsPath, resetConnection: true, times: quickRetries.maxAttempts });

    await assert.rejects(listAllErrors(canvas), failsWith(NetworkError, /^Could not reach 127\.0\.0\.1:\d+: /));
    assert.equal(requestCount(errorsPath), quickRetries.maxAttempts);

    assertCompleteList(await listAllErrors(canvas));
  });

  it('rejects a malformed JSON body', async () => {
    const canvas = client();
    fake.injectFault({ path: errorsPath, status: 200, body: 'malformedJson', times: 1 });

    await assert.rejects(listAllErrors(canvas), failsWith(UnexpectedResponseError, 'Canvas returned malformed JSON (status 200).'));
    assert.equal(requestCount(errorsPath), 1);

    assertCompleteList(await listAllErrors(canvas));
  });

  it('rejects a malformed Link header mid-list', async () => {
    const canvas = client();
    const { cursor, firstPage } = await firstPageThenFault(canvas, { malformedLink: true, times: 1 });

    await assert.rejects(
      readRemainingPages(cursor),
      failsWith(UnexpectedResponseError, 'Canvas sent a malformed Link header, so the rest of the list cannot be loaded.'),
    );
    assert.equal(firstPage.length, 100);

    assertCompleteList(await listAllErrors(canvas));
  });

  it('never requests a next link to another origin', async () => {
    const otherOrigin = await startOtherOrigin();
    cleanups.push(otherOrigin.close);
    const canvas = client();
    const { cursor } = await firstPageThenFault(canvas, { linkOrigin: otherOrigin.origin, times: 1 });

    await assert.rejects(
      readRemainingPages(cursor),
      failsWith(UnexpectedResponseError, `Canvas sent a next-page link to another host (${otherOrigin.origin}); it was not followed.`),
    );
    assert.deepEqual(otherOrigin.requests, []);

    assertCompleteList(await listAllErrors(canvas));
    assert.deepEqual(otherOrigin.requests, []);
  });

  it('downloads the errors CSV without sending the token to storage', async () => {
    const canvas = client();
    const sisImport = await getSisImport(canvas, accountId, importId);

    const file = await canvas.download(errorsAttachmentUrl(sisImport));

    const lines = file.body.toString('utf8').split('\n');
    assert.equal(lines[0], 'sis_import_id,file,message,row');
    const storedErrorCount = fake.dataset.sisImportErrors.filter((error) => error.sis_import_id === importId).length;
    assert.equal(lines.filter((line) => line.startsWith(`${importId},`)).length, storedErrorCount);

    const canvasDownload = fake.requests.filter((request) => request.path.startsWith('/files/'));
    assert.equal(canvasDownload.length, 1);
    assert.equal(canvasDownload[0].headers.authorization, `Bearer ${DEMO_TOKEN}`);
    assert.equal(fake.storageRequests.length, 1);
    assert.equal(fake.storageRequests[0].headers.authorization, undefined);
  });

  it('rejects an expired download link', async () => {
    const dataset = loadSampleDataset();
    let clock = new Date(dataset.now);
    await restartFake({ dataset, now: () => clock });
    const canvas = client();
    const staleImport = await getSisImport(canvas, accountId, importId);
    clock = new Date(clock.getTime() + 61 * 60 * 1000);

    await assert.rejects(
      canvas.download(errorsAttachmentUrl(staleImport)),
      failsWith(UnexpectedResponseError, /^The download from 127\.0\.0\.1:\d+ returned an HTML page instead of the file; the link may have expired\.$/),
    );
    assert.equal(fake.storageRequests.length, 0);

    const freshImport = await getSisImport(canvas, accountId, importId);
    const file = await canvas.download(errorsAttachmentUrl(freshImport));
    assert.match(file.body.toString('utf8'), /^sis_import_id,file,message,row\n/);
  });

  const rejectedTokens = [
    { token: EXPIRED_TOKEN, reason: 'expired', title: 'an expired', message: 'Expired access token.' },
    { token: REVOKED_TOKEN, reason: 'revoked', title: 'a revoked', message: 'Revoked access token.' },
  ] as const;
  for (const rejected of rejectedTokens) {
    it(`reports ${rejected.title} token`, async () => {
      await assert.rejects(
        listAllErrors(client({ token: rejected.token })),
        failsWith(InvalidTokenError, rejected.message, (error) => {
          assert.equal(error.reason, rejected.reason);
          assert.equal(error.status, 401);
        }),
      );
      assert.equal(requestCount(errorsPath), 1);

      // The user enters a valid token.
      assertCompleteList(await listAllErrors(client({ token: DEMO_TOKEN })));
    });
  }

  it('cancels a page request in flight', async () => {
    const controller = new AbortController();
    const canvas = client();
    const { cursor } = await firstPageThenFault(canvas, { delayMs: 300, times: 1 }, { signal: controller.signal });

    const secondPage = cursor.nextPage();
    await waitUntil(() => requestCount(errorsPath) === 2, 'the second page is requested');
    controller.abort();

    await assert.rejects(secondPage, isAbortRejection);
    await assert.rejects(cursor.nextPage(), isAbortRejection);
    await sleep(50);
    assert.equal(requestCount(errorsPath), 2);

    assertCompleteList(await listAllErrors(canvas));
  });

  it('cancels during a retry wait', async () => {
    const controller = new AbortController();
    const canvas = client();
    const { cursor } = await firstPageThenFault(canvas, { status: 503, times: 1 }, { signal: controller.signal, onRetryWait: () => controller.abort() });

    await assert.rejects(readRemainingPages(cursor), isAbortRejection);
    await sleep(50);
    assert.equal(requestCount(errorsPath), 2);

    assertCompleteList(await listAllErrors(canvas));
  });

  it('storage refusal is not a permission error', async () => {
    const storage = http.createServer((_request, response) => {
      response.writeHead(403, { 'Content-Type': 'application/xml' });
      response.end('<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
    });
    await new Promise<void>((resolve) => storage.listen(0, '127.0.0.1', resolve));
    const storageOrigin = `http://127.0.0.1:${(storage.address() as AddressInfo).port}`;
    const canvas = http.createServer((_request, response) => {
      response.writeHead(302, { Location: `${storageOrigin}/objects/key/errors.csv` });
      response.end();
    });
    await new Promise<void>((resolve) => canvas.listen(0, '127.0.0.1', resolve));
    const canvasOrigin = `http://127.0.0.1:${(canvas.address() as AddressInfo).port}`;
    const client = new CanvasClient({ baseUrl: canvasOrigin, token: DEMO_TOKEN, retryPolicy: quickRetries, rateLimit: quickDrain });
    try {
      await assert.rejects(client.download(`${canvasOrigin}/files/1/download?download_frd=1&verifier=v`), (error: unknown) => {
        assert.ok(error instanceof UnexpectedResponseError, `got ${String(error)}`);
        assert.ok(!(error instanceof PermissionError));
        assert.match(error.message, /refused the download \(status 403\); the link may have expired/);
        return true;
      });
    } finally {
      await client.close();
      storage.closeAllConnections();
      canvas.closeAllConnections();
      await new Promise<void>((resolve) => storage.close(() => resolve()));
      await new Promise<void>((resolve) => canvas.close(() => resolve()));
    }
  });
});
