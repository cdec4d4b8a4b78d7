import * as assert from 'node:assert/strict';

import { CanvasClient, bodyForLog } from '../../src/canvas/client';
import {
  InvalidTokenError,
  NetworkError,
  NotFoundError,
  PermissionError,
  ServerError,
  SisDisabledError,
  SubAccountError,
  ThrottledError,
  UnexpectedResponseError,
} from '../../src/canvas/errors';
import { getAccount, getCurrentUser, listAccounts, listSisImportErrors, listSisImports } from '../../src/canvas/sisApi';
import { FakeCanvas, startFakeCanvas } from '../fake-canvas/server';
import { DEMO_TOKEN, EXPIRED_TOKEN, REVOKED_TOKEN, SIS_DISABLED_ADMIN_TOKEN, TEACHER_TOKEN } from '../fake-canvas/tokens';

const quickRetries = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
const quickDrain = { outflowPerSecond: 100_000, upFrontCost: 50, paceBelowRemaining: 100, maxWaitMs: 50 };

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[][]> {
  const collected: T[][] = [];
  for await (const page of pages) {
    collected.push(page);
  }

  return collected;
}

describe('CanvasClient against the fake Canvas', () => {
  let fake: FakeCanvas;
  const clients: CanvasClient[] = [];

  function client(token = DEMO_TOKEN): CanvasClient {
    const created = new CanvasClient({ baseUrl: fake.baseUrl, token, retryPolicy: quickRetries, rateLimit: quickDrain, requestTimeoutMs: 5000 });
    clients.push(created);
    return created;
  }

  beforeEach(async () => {
    fake = await startFakeCanvas();
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((created) => created.close()));
    await fake.close();
  });

  it('masks row_info in the trace log', async () => {
    const traces: string[] = [];
    const logger = { info: () => undefined, warn: () => undefined, debug: () => undefined, trace: (line: string) => traces.push(line) };
    const tracing = new CanvasClient({ baseUrl: fake.baseUrl, token: DEMO_TOKEN, retryPolicy: quickRetries, rateLimit: quickDrain, logger });
    clients.push(tracing);

    const pages = await collect(listSisImportErrors(tracing, 1, { importId: 4822 }));

    const body = traces.find((line) => line.includes('sis_import_id'));
    assert.ok(body, 'no response body was traced');
    assert.match(body, /"row_info":\s*"\*\*\*"/);
    for (const error of pages.flat()) {
      assert.ok(error.row_info === null || !body.includes(JSON.stringify(error.row_info)), `row_info of row ${error.row} was traced`);
    }
  });

  it('reads the current user', async () => {
    const user = await getCurrentUser(client());

    assert.equal(user.name, 'Dana Whitfield');
  });

  it('pages import errors to the end', async () => {
    const pages = await collect(listSisImportErrors(client(), 1, { importId: 4821 }));

    assert.deepEqual(pages.map((page) => page.length), [100, 100, 100, 12]);
    assert.ok(pages.flat().every((error) => error.sis_import_id === 4821 && error.file === 'enrollments_bulk.csv'));
  });

  it('yields the first page before requesting the next', async () => {
    const pages = listSisImportErrors(client(), 1, { importId: 4821 });

    const first = await pages.next();

    assert.equal(first.done, false);
    assert.equal(fake.requests.filter((request) => request.path.endsWith('/errors')).length, 1);
    await pages.return(undefined);
  });

  it('follows links with a lowercase header name', async () => {
    await fake.close();
    fake = await startFakeCanvas({ lowercaseLinkHeader: true });

    const pages = await collect(listSisImportErrors(client(), 1, { importId: 4821, perPage: 50 }));

    assert.equal(pages.flat().length, 312);
  });

  it('unwraps the SIS import list', async () => {
    const [first] = await collect(listSisImports(client(), 1));

    assert.equal(first[0].id, 4825);
    assert.equal(first[1].workflow_state, 'importing');
  });

  it('filters failures with failure=true', async () => {
    const errors = (await collect(listSisImportErrors(client(), 1, { importId: 4823, failure: true }))).flat();

    assert.equal(errors.length, 3);
    const failureRequest = fake.requests.find((request) => request.path.endsWith('/sis_imports/4823/errors'));
    assert.equal(failureRequest?.query.get('failure'), 'true');
  });

  it('lists accounts across bookmark pages', async () => {
    const accounts = (await collect(listAccounts(client(), { perPage: 1 }))).flat();

    assert.deepEqual(accounts.map((account) => account.id), [1, 2]);
  });

  it('sends the token only as a Bearer header', async () => {
    await collect(listSisImportErrors(client(), 1, { importId: 4821 }));

    assert.ok(fake.requests.length >= 4);
    for (const request of fake.requests) {
      assert.equal(request.headers.authorization, `Bearer ${DEMO_TOKEN}`);
      assert.ok(!request.path.includes(DEMO_TOKEN));
      assert.ok(![...request.query.values()].some((value) => value.includes(DEMO_TOKEN)));
      assert.ok(request.headers['user-agent']);
    }
  });

  it('maps an invalid token', async () => {
    await assert.rejects(getCurrentUser(client('1~not-a-token')), (error: unknown) => {
      assert.ok(error instanceof InvalidTokenError);
      assert.equal(error.reason, 'invalid');
      return true;
    });
  });

  it('maps expired and revoked tokens', async () => {
    await assert.rejects(getCurrentUser(client(EXPIRED_TOKEN)), (error: unknown) => error instanceof InvalidTokenError && error.reason === 'expired');
    await assert.rejects(getCurrentUser(client(REVOKED_TOKEN)), (error: unknown) => error instanceof InvalidTokenError && error.reason === 'revoked');
  });

  it('maps missing permission', async () => {
    await assert.rejects(getAccount(client(TEACHER_TOKEN), 'self'), PermissionError);
  });

  it('maps an unknown import to not found', async () => {
    await assert.rejects(collect(listSisImportErrors(client(), 1, { importId: 3120 })), NotFoundError);
  });

  it('maps a sub-account', async () => {
    await assert.rejects(collect(listSisImports(client(), 2)), SubAccountError);
  });

  it('maps SIS imports turned off', async () => {
    await assert.rejects(collect(listSisImports(client(SIS_DISABLED_ADMIN_TOKEN), 10)), SisDisabledError);
  });

  it('reports an HTML 500 page without retrying', async () => {
    fake.injectFault({ path: '/api/v1/users/self', status: 500, body: 'html', times: 5 });

    await assert.rejects(getCurrentUser(client()), (error: unknown) => {
      assert.ok(error instanceof ServerError);
      assert.equal(error.message, 'Canvas returned an HTML page (status 500) instead of JSON.');
      return true;
    });
    assert.equal(fake.requests.length, 1);
  });

  it('retries a 503 and then succeeds', async () => {
    fake.injectFault({ path: '/api/v1/users/self', status: 503, times: 1 });

    const user = await getCurrentUser(client());

    assert.equal(user.id, 101);
    assert.equal(fake.requests.length, 2);
  });

  it('retries a throttled request', async () => {
    fake.injectFault({ path: '/api/v1/users/self', status: 429, body: 'json', times: 1 });
    const waits: string[] = [];

    const response = await client().getJson('/api/v1/users/self', { onRetryWait: (wait) => waits.push(wait.reason) });

    assert.equal(response.status, 200);
    assert.deepEqual(waits, ['throttled']);
  });

  it('gives up after the retry limit', async () => {
    fake.injectFault({ path: '/api/v1/users/self', status: 502, times: 10 });

    await assert.rejects(getCurrentUser(client()), ServerError);
    assert.equal(fake.requests.length, quickRetries.maxAttempts);
  });

  it('maps an unreachable host', async () => {
    const address = fake.baseUrl;
    await fake.close();
    const unreachable = new CanvasClient({ baseUrl: address, token: DEMO_TOKEN, retryPolicy: { ...quickRetries, maxAttempts: 1 } });
    clients.push(unreachable);
    fake = await startFakeCanvas();

    await assert.rejects(getCurrentUser(unreachable), NetworkError);
  });

  it('refuses a next link to another origin', async () => {
    const response = client().getJson('http://127.0.0.2:9/api/v1/accounts');

    await assert.rejects(response, UnexpectedResponseError);
    assert.equal(fake.requests.length, 0);
  });

  it('reports a throttled error after retries', async () => {
    fake.injectFault({ path: '/api/v1/users/self', status: 429, times: 10 });

    await assert.rejects(getCurrentUser(client()), ThrottledError);
  });
});

describe('bodyForLog', () => {
  it('masks row_info strings with escapes', () => {
    const body = JSON.stringify([{ row: 2, row_info: 'a,"b ""quoted""",c\n2', message: 'Bad row' }]);

    const logged = bodyForLog(body);

    assert.equal(logged, '[{"row":2,"row_info":"***","message":"Bad row"}]');
  });

  it('keeps null row_info and other bodies', () => {
    const body = '{"row_info": null, "errors": [{"message": "Invalid access token."}]}';

    assert.equal(bodyForLog(body), body);
  });
});
