import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';

import { FakeCanvas, FakeCanvasOptions, loadSampleDataset, startFakeCanvas } from '../fake-canvas/server';
import {
  DEMO_TOKEN,
  EXPIRED_TOKEN,
  REVOKED_TOKEN,
  SIS_DISABLED_ADMIN_TOKEN,
  SUB_ACCOUNT_ADMIN_TOKEN,
  TEACHER_TOKEN,
} from '../fake-canvas/tokens';

const USER_AGENT = 'fake-canvas-unit-test';
const NOT_FOUND_BODY = { errors: [{ message: 'The specified resource does not exist.' }] };
const UNAUTHORIZED_BODY = { status: 'unauthorized', errors: [{ message: 'user not authorized to perform that action' }] };

interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json(): any;
}

async function get(canvas: FakeCanvas, pathAndQuery: string, token: string | null = DEMO_TOKEN, headers: Record<string, string> = {}): Promise<Reply> {
  const requestHeaders: Record<string, string> = { 'User-Agent': USER_AGENT, ...headers };
  if (token !== null) {
    requestHeaders.Authorization = `Bearer ${token}`;
  }
  const response = await fetch(`${canvas.baseUrl}${pathAndQuery}`, { headers: requestHeaders, redirect: 'manual' });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

/** Splits a Link header in Canvas's format into [rel, url] pairs, in order. */
function linkEntries(header: string | null): Array<[string, string]> {
  assert.ok(header, 'expected a Link header');
  return header.split(',<').map((entry, index) => {
    const match = /^<?([^>]+)>; rel="([a-z]+)"$/.exec(index === 0 ? entry : `<${entry}`);
    assert.ok(match, `malformed Link entry: ${entry}`);
    return [match[2], match[1]];
  });
}

function linkRels(header: string | null): string[] {
  return linkEntries(header).map(([rel]) => rel);
}

function linkUrl(header: string | null, rel: string): string | undefined {
  return linkEntries(header).find(([name]) => name === rel)?.[1];
}

function withCanvas(options: FakeCanvasOptions = {}): () => FakeCanvas {
  let canvas: FakeCanvas | undefined;
  before(async () => {
    canvas = await startFakeCanvas(options);
  });
  after(async () => {
    await canvas?.close();
  });
  return () => {
    assert.ok(canvas, 'fake Canvas not started');
    return canvas;
  };
}

describe('fake Canvas: pagination', () => {
  const canvas = withCanvas();

  it('counted list: exact Link header', async () => {
    const reply = await get(canvas(), '/api/v1/accounts/1/sis_imports/4822/errors?per_page=5&page=2');
    const base = `${canvas().baseUrl}/api/v1/accounts/1/sis_imports/4822/errors`;

    assert.equal(reply.status, 200);
    assert.equal(
      reply.headers.get('link'),
      `<${base}?page=2&per_page=5>; rel="current",` +
        `<${base}?page=3&per_page=5>; rel="next",` +
        `<${base}?page=1&per_page=5>; rel="prev",` +
        `<${base}?page=1&per_page=5>; rel="first",` +
        `<${base}?page=4&per_page=5>; rel="last"`,
    );
    assert.equal(reply.json().sis_import_errors.length, 5);
  });

  it('counted list: last page has no next', async () => {
    const reply = await get(canvas(), '/api/v1/accounts/1/sis_imports/4822/errors?per_page=5&page=4');

    assert.deepEqual(linkRels(reply.headers.get('link')), ['current', 'prev', 'first', 'last']);
  });

  it('counted list: page past the end is empty', async () => {
    const reply = await get(canvas(), '/api/v1/accounts/1/sis_imports/4822/errors?per_page=100&page=9');

    assert.equal(reply.status, 200);
    assert.deepEqual(reply.json(), { sis_import_errors: [] });
    assert.match(linkUrl(reply.headers.get('link'), 'last') ?? '', /page=1&per_page=100$/);
  });

  it('counted list: empty list still has last=1', async () => {
    const reply = await get(canvas(), '/api/v1/accounts/1/sis_imports/4819/errors');

    assert.deepEqual(reply.json(), { sis_import_errors: [] });
    assert.deepEqual(linkRels(reply.headers.get('link')), ['current', 'first', 'last']);
    assert.match(linkUrl(reply.headers.get('link'), 'last') ?? '', /page=1&per_page=10$/);
  });

  it('312 errors make 4 pages of 100', async () => {
    const pages: number[] = [];
    let next: string | undefined = `${canvas().baseUrl}/api/v1/accounts/1/sis_imports/4821/errors?per_page=100`;
    while (next) {
      const reply = await get(canvas(), next.slice(canvas().baseUrl.length));
      pages.push(reply.json().sis_import_errors.length);
      assert.match(linkUrl(reply.headers.get('link'), 'last') ?? '', /page=4&per_page=100$/);
      next = linkUrl(reply.headers.get('link'), 'next');
    }

    assert.deepEqual(pages, [100, 100, 100, 12]);
  });

  it('uncounted list: full page advertises next, no last', async () => {
    const reply = await get(canvas(), '/api/v1/accounts/1/sis_imports?per_page=4&page=2');

    assert.equal(reply.json().sis_imports.length, 4);
    assert.deepEqual(linkRels(reply.headers.get('link')), ['current', 'next', 'prev', 'first']);
  });

  it('uncounted list: empty page past the end still advertises next', async () => {
    const reply = await get(canvas(), '/api/v1/accounts/1/sis_imports?per_page=4&page=3');

    assert.deepEqual(reply.json(), { sis_imports: [] });
    assert.deepEqual(linkRels(reply.headers.get('link')), ['current', 'next', 'prev', 'first']);
  });

  it('uncounted list: short page ends with last=current', async () => {
    const reply = await get(canvas(), '/api/v1/accounts/1/sis_imports?per_page=3&page=3');

    assert.equal(reply.json().sis_imports.length, 2);
    assert.deepEqual(linkRels(reply.headers.get('link')), ['current', 'prev', 'first', 'last']);
    assert.match(linkUrl(reply.headers.get('link'), 'last') ?? '', /page=3&per_page=3$/);
  });

  it('imports are newest first', async () => {
    const reply = await get(canvas(), '/api/v1/accounts/1/sis_imports?per_page=100');
    const ids = reply.json().sis_imports.map((sisImport: { id: number }) => sisImport.id);

    assert.deepEqual(ids, [4825, 4824, 4823, 4822, 4821, 4820, 4819, 4818]);
  });

  it('Link URLs re-encode the query Rails-style', async () => {
    const query =
      'workflow_state[]=imported_with_messages&access_token=secret&created_since=2026-10-01T00:00:00Z' +
      '&workflow_state[]=aborted&api_key=k&per_page=2&page=1';
    const reply = await get(canvas(), `/api/v1/accounts/1/sis_imports?${query}`);
    const current = linkUrl(reply.headers.get('link'), 'current');

    assert.equal(
      current,
      `${canvas().baseUrl}/api/v1/accounts/1/sis_imports?created_since=2026-10-01T00%3A00%3A00Z` +
        '&workflow_state%5B%5D=imported_with_messages&workflow_state%5B%5D=aborted&page=1&per_page=2',
    );
  });

  it('per_page is clamped to 1..100', async () => {
    const cases: Array<[string, number]> = [['1000', 100], ['0', 1], ['abc', 1], ['-5', 1], ['25abc', 25], ['', 1]];
    for (const [perPage, expected] of cases) {
      const reply = await get(canvas(), `/api/v1/accounts/1/sis_imports/4821/errors?per_page=${perPage}`);

      assert.equal(reply.json().sis_import_errors.length, expected, `per_page=${perPage}`);
      assert.match(linkUrl(reply.headers.get('link'), 'current') ?? '', new RegExp(`per_page=${expected}$`));
    }
  });

  it('per_page defaults to 10', async () => {
    const reply = await get(canvas(), '/api/v1/accounts/1/sis_imports/4821/errors');

    assert.equal(reply.json().sis_import_errors.length, 10);
  });

  it('page 0 or garbage is 404', async () => {
    for (const page of ['0', '-1', 'abc', '2x']) {
      const reply = await get(canvas(), `/api/v1/accounts/1/sis_imports/4821/errors?page=${page}`);

      assert.equal(reply.status, 404, `page=${page}`);
      assert.deepEqual(reply.json(), NOT_FOUND_BODY);
    }
  });

  it('accounts list uses opaque bookmarks', async () => {
    const first = await get(canvas(), '/api/v1/accounts?per_page=1');
    const next = linkUrl(first.headers.get('link'), 'next');
    assert.ok(next);
    assert.match(next, /page=bookmark:/);

    const second = await get(canvas(), next.slice(canvas().baseUrl.length));

    assert.deepEqual(first.json().map((account: { id: number }) => account.id), [1]);
    assert.deepEqual(second.json().map((account: { id: number }) => account.id), [2]);
    assert.deepEqual(linkRels(second.headers.get('link')), ['current', 'first']);
  });

  it('direct sub-accounts are counted', async () => {
    const reply = await get(canvas(), '/api/v1/accounts/1/sub_accounts');

    assert.deepEqual(reply.json().map((account: { id: number }) => account.id), [2, 3]);
    assert.deepEqual(linkRels(reply.headers.get('link')), ['current', 'first', 'last']);
  });

  it('recursive sub-accounts are not counted', async () => {
    const reply = await get(canvas(), '/api/v1/accounts/1/sub_accounts?recursive=true&per_page=3');

    assert.deepEqual(reply.json().map((account: { id: number }) => account.id), [2, 3, 4]);
    assert.deepEqual(linkRels(reply.headers.get('link')), ['current', 'next', 'first']);
  });
});

describe('fake Canvas: SIS import errors', () => {
  const canvas = withCanvas();

  it('failure filter keeps only failures', async () => {
    for (const value of ['true', '1', 'yes', 't', 'on', 'TRUE', '2']) {
      const reply = await get(canvas(), `/api/v1/accounts/1/sis_imports/4823/errors?failure=${value}`);
      const errors = reply.json().sis_import_errors;

      assert.equal(errors.length, 3, `failure=${value}`);
      assert.ok(errors.every((error: { row: unknown }) => error.row === null));
    }
  });

  it('falsy failure values return everything', async () => {
    for (const value of ['false', '0', 'no', 'off', 'abc', '']) {
      const reply = await get(canvas(), `/api/v1/accounts/1/sis_imports/4823/errors?failure=${value}`);

      assert.equal(reply.json().sis_import_errors.length, 10, `failure=${value}`);
    }
  });

  it('error objects have Canvas keys and nulls', async () => {
    const reply = await get(canvas(), '/api/v1/accounts/1/sis_imports/4823/errors?per_page=100');
    const errors = reply.json().sis_import_errors;
    const batchLevel = errors.find((error: { file: unknown }) => error.file === null);

    assert.deepEqual(Object.keys(errors[0]), ['sis_import_id', 'file', 'message', 'row_info', 'row']);
    assert.deepEqual(batchLevel, {
      sis_import_id: 4823,
      file: null,
      message: 'Error while importing CSV. Please contact support. (Error report 48213)',
      row_info: null,
      row: null,
    });
  });

  it('errors are ordered created_at descending', async () => {
    const dataset = loadSampleDataset();
    const reply = await get(canvas(), '/api/v1/accounts/1/sis_imports/4822/errors?per_page=100');
    const messages = reply.json().sis_import_errors.map((error: { message: string }) => error.message);
    const expected = dataset.sisImportErrors
      .filter((error) => error.sis_import_id === 4822)
      .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at))
      .map((error) => error.message);

    assert.deepEqual(messages, expected);
  });

  it('account-wide errors skip expired rows', async () => {
    const reply = await get(canvas(), '/api/v1/accounts/1/sis_import_errors?per_page=100');
    const last = linkUrl(reply.headers.get('link'), 'last');
    const importIds = new Set(reply.json().sis_import_errors.map((error: { sis_import_id: number }) => error.sis_import_id));

    assert.match(last ?? '', /page=4&per_page=100$/);
    assert.ok(!importIds.has(4818));
  });

  it('expired errors vanish, the import keeps its counts', async () => {
    const errors = await get(canvas(), '/api/v1/accounts/1/sis_imports/4818/errors');
    const sisImport = (await get(canvas(), '/api/v1/accounts/1/sis_imports/4818')).json();

    assert.deepEqual(errors.json(), { sis_import_errors: [] });
    assert.equal(sisImport.data.counts.warning_count, 3);
    assert.equal(sisImport.processing_warnings.length, 3);
    assert.ok(sisImport.errors_attachment);
  });

  it('a later clock expires more errors', async () => {
    const later = await startFakeCanvas({ now: () => new Date('2026-12-17T00:00:00Z') });
    try {
      const reply = await get(later, '/api/v1/accounts/1/sis_imports/4822/errors');

      assert.deepEqual(reply.json(), { sis_import_errors: [] });
    } finally {
      await later.close();
    }
  });

  it('omitRowInfo drops the row_info key', async () => {
    const old = await startFakeCanvas({ omitRowInfo: true });
    try {
      const reply = await get(old, '/api/v1/accounts/1/sis_imports/4822/errors');

      assert.deepEqual(Object.keys(reply.json().sis_import_errors[0]), ['sis_import_id', 'file', 'message', 'row']);
    } finally {
      await old.close();
    }
  });
});

describe('fake Canvas: SIS imports', () => {
  const canvas = withCanvas();

  it('import JSON has Canvas shape', async () => {
    const sisImport = (await get(canvas(), '/api/v1/accounts/1/sis_imports/4821')).json();

    assert.equal(sisImport.workflow_state, 'imported_with_messages');
    assert.equal(sisImport.progress, 100);
    assert.equal(sisImport.data.counts.warning_count, 312);
    assert.equal(sisImport.data.counts.error_count, 0);
    assert.equal(sisImport.processing_warnings.length, 25);
    assert.deepEqual(sisImport.processing_warnings[24], [
      'and 288 more warnings that were not included',
      'Download the error file to see all warnings.',
    ]);
    assert.equal(sisImport.processing_errors, undefined);
    assert.equal(sisImport.errors_attachment.display_name, 'sis_errors_attachment_4821.csv');
    assert.equal(sisImport.csv_attachments.length, 1);
  });

  it('running and queued imports lack optional keys', async () => {
    const importing = (await get(canvas(), '/api/v1/accounts/1/sis_imports/4824')).json();
    const created = (await get(canvas(), '/api/v1/accounts/1/sis_imports/4825')).json();

    assert.equal(importing.progress, 42);
    assert.equal(importing.data.counts, undefined);
    assert.equal(importing.errors_attachment, undefined);
    assert.equal(importing.processing_warnings, undefined);
    assert.equal(created.workflow_state, 'created');
    assert.equal(created.started_at, null);
  });

  it('importing endpoint lists running imports', async () => {
    const reply = await get(canvas(), '/api/v1/accounts/1/sis_imports/importing');

    assert.deepEqual(reply.json().sis_imports.map((sisImport: { id: number }) => sisImport.id), [4824]);
    assert.equal(reply.headers.get('link'), null);
  });

  it('filters: strict date bounds and states', async () => {
    const since = await get(canvas(), '/api/v1/accounts/1/sis_imports?created_since=2026-11-16T13:20:31Z');
    const states = await get(canvas(), '/api/v1/accounts/1/sis_imports?workflow_state[]=aborted&workflow_state[]=bogus');
    const allBogus = await get(canvas(), '/api/v1/accounts/1/sis_imports?workflow_state[]=bogus&per_page=100');

    assert.deepEqual(since.json().sis_imports.map((sisImport: { id: number }) => sisImport.id), [4825, 4824, 4823]);
    assert.deepEqual(states.json().sis_imports.map((sisImport: { id: number }) => sisImport.id), [4820]);
    assert.equal(allBogus.json().sis_imports.length, 8);
  });

  it('errors CSV downloads through another origin', async () => {
    const sisImport = (await get(canvas(), '/api/v1/accounts/1/sis_imports/4823')).json();
    const redirect = await fetch(sisImport.errors_attachment.url, { headers: { 'User-Agent': USER_AGENT }, redirect: 'manual' });
    const location = redirect.headers.get('location') ?? '';
    const download = await fetch(location, { headers: { 'User-Agent': USER_AGENT } });
    const csv = await download.text();

    assert.equal(redirect.status, 302);
    assert.ok(location.startsWith(canvas().storageBaseUrl));
    assert.notEqual(new URL(location).origin, canvas().baseUrl);
    assert.equal(download.status, 200);
    assert.equal(csv.split('\n')[0], 'sis_import_id,file,message,row');
    assert.match(csv, /^4823,sis_upload\/sections.csv,Section CHEM101-F26-L1 .*,6$/m);
    assert.equal(canvas().storageRequests.at(-1)?.headers.authorization, undefined);
  });

  it('expired verifier redirects to the login page', async () => {
    const sisImport = (await get(canvas(), '/api/v1/accounts/1/sis_imports/4823')).json();
    const later = await startFakeCanvas({ now: () => new Date(Date.parse('2026-11-20T16:00:00Z') + 2 * 3600 * 1000) });
    try {
      const url = sisImport.errors_attachment.url.replace(canvas().baseUrl, later.baseUrl);
      const reply = await fetch(url, { redirect: 'manual' });

      assert.equal(reply.status, 302);
      assert.equal(reply.headers.get('location'), `${later.baseUrl}/login/canvas`);
    } finally {
      await later.close();
    }
  });

  it('pending errors CSV omits errors_attachment', async () => {
    const pending = await startFakeCanvas({ pendingErrorsAttachments: [4822] });
    try {
      const sisImport = (await get(pending, '/api/v1/accounts/1/sis_imports/4822')).json();

      assert.equal(sisImport.workflow_state, 'imported_with_messages');
      assert.equal(sisImport.errors_attachment, undefined);
    } finally {
      await pending.close();
    }
  });
});

describe('fake Canvas: authentication', () => {
  const canvas = withCanvas();

  it('missing token: 401 with challenge', async () => {
    const reply = await get(canvas(), '/api/v1/users/self', null);

    assert.equal(reply.status, 401);
    assert.equal(reply.headers.get('www-authenticate'), 'Bearer realm="canvas-lms"');
    assert.deepEqual(reply.json(), { status: 'unauthenticated', errors: [{ message: 'user authorization required' }] });
  });

  it('unknown token: Invalid access token', async () => {
    const reply = await get(canvas(), '/api/v1/users/self', '1~notARealToken');

    assert.equal(reply.status, 401);
    assert.equal(reply.headers.get('www-authenticate'), 'Bearer realm="canvas-lms"');
    assert.deepEqual(reply.json(), { errors: [{ message: 'Invalid access token.' }] });
  });

  it('expired token: message and expired_at', async () => {
    const reply = await get(canvas(), '/api/v1/accounts', EXPIRED_TOKEN);

    assert.equal(reply.status, 401);
    assert.equal(reply.headers.get('www-authenticate'), 'Bearer realm="canvas-lms"');
    assert.deepEqual(reply.json(), { errors: [{ message: 'Expired access token.', expired_at: '2026-11-13T00:00:00Z' }] });
  });

  it('revoked token: Revoked access token', async () => {
    const reply = await get(canvas(), '/api/v1/accounts', REVOKED_TOKEN);

    assert.equal(reply.status, 401);
    assert.deepEqual(reply.json(), { errors: [{ message: 'Revoked access token.' }] });
  });

  it('other Authorization schemes count as no token', async () => {
    const reply = await get(canvas(), '/api/v1/users/self', null, { Authorization: `Token ${DEMO_TOKEN}` });

    assert.equal(reply.status, 401);
    assert.equal(reply.json().status, 'unauthenticated');
  });

  it('users/self returns the token owner', async () => {
    const reply = await get(canvas(), '/api/v1/users/self');

    assert.equal(reply.json().name, 'Dana Whitfield');
    assert.equal(reply.json().id, 101);
  });

  it('teacher: no admin accounts, permission error', async () => {
    const accounts = await get(canvas(), '/api/v1/accounts', TEACHER_TOKEN);
    const self = await get(canvas(), '/api/v1/accounts/self', TEACHER_TOKEN);
    const imports = await get(canvas(), '/api/v1/accounts/1/sis_imports', TEACHER_TOKEN);

    assert.deepEqual(accounts.json(), []);
    assert.equal(self.status, 403);
    assert.deepEqual(self.json(), UNAUTHORIZED_BODY);
    assert.equal(self.headers.get('www-authenticate'), null);
    assert.equal(imports.status, 403);
    assert.deepEqual(imports.json(), UNAUTHORIZED_BODY);
  });

  it('permissionStatus 401 without challenge', async () => {
    const legacy = await startFakeCanvas({ permissionStatus: 401 });
    try {
      const reply = await get(legacy, '/api/v1/accounts/self', TEACHER_TOKEN);

      assert.equal(reply.status, 401);
      assert.deepEqual(reply.json(), UNAUTHORIZED_BODY);
      assert.equal(reply.headers.get('www-authenticate'), null);
    } finally {
      await legacy.close();
    }
  });

  it('missing User-Agent: 403', async () => {
    const reply = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${canvas().baseUrl}/api/v1/users/self`, { headers: { Authorization: `Bearer ${DEMO_TOKEN}` } }, resolve).on('error', reject);
    });
    reply.resume();

    assert.equal(reply.statusCode, 403);
  });

  it('records requests with headers and query', async () => {
    await get(canvas(), '/api/v1/accounts/1/sis_imports?per_page=7');
    const recorded = canvas().requests.at(-1);

    assert.equal(recorded?.path, '/api/v1/accounts/1/sis_imports');
    assert.equal(recorded?.query.get('per_page'), '7');
    assert.equal(recorded?.headers.authorization, `Bearer ${DEMO_TOKEN}`);
  });
});

describe('fake Canvas: accounts and SIS checks', () => {
  const canvas = withCanvas();

  it('resolves self, numeric and sis_account_id', async () => {
    const self = await get(canvas(), '/api/v1/accounts/self');
    const numeric = await get(canvas(), '/api/v1/accounts/2');
    const bySisId = await get(canvas(), '/api/v1/accounts/sis_account_id:CAS');

    assert.equal(self.json().name, 'Northwind University');
    assert.equal(self.json().root_account_id, null);
    assert.equal(self.json().sis_account_id, undefined);
    assert.equal(numeric.json().name, 'College of Arts and Sciences');
    assert.equal(numeric.json().parent_account_id, 1);
    assert.equal(bySisId.json().id, 2);
  });

  it('demo admin administers accounts 1 and 2', async () => {
    const reply = await get(canvas(), '/api/v1/accounts');

    assert.deepEqual(reply.json().map((account: { id: number }) => account.id), [1, 2]);
  });

  it('sub-account SIS endpoints: 400 before permissions', async () => {
    const paths = [
      '/api/v1/accounts/2/sis_imports',
      '/api/v1/accounts/sis_account_id:CAS/sis_import_errors',
      '/api/v1/accounts/2/sis_imports/4822/errors',
    ];
    for (const token of [DEMO_TOKEN, TEACHER_TOKEN, SUB_ACCOUNT_ADMIN_TOKEN]) {
      for (const requestPath of paths) {
        const reply = await get(canvas(), requestPath, token);

        assert.equal(reply.status, 400, requestPath);
        assert.deepEqual(reply.json(), { errors: ['SIS imports can only be executed on root accounts'] });
      }
    }
  });

  it('SIS disabled: 403 before permissions', async () => {
    for (const token of [SIS_DISABLED_ADMIN_TOKEN, DEMO_TOKEN]) {
      const reply = await get(canvas(), '/api/v1/accounts/10/sis_imports', token);

      assert.equal(reply.status, 403);
      assert.deepEqual(reply.json(), { errors: ['SIS imports are not enabled for this account'] });
    }
  });

  it('404 for unknown accounts, batches and routes', async () => {
    const paths = [
      '/api/v1/accounts/999',
      '/api/v1/accounts/5',
      '/api/v1/accounts/999/sis_imports',
      '/api/v1/accounts/1/sis_imports/3120',
      '/api/v1/accounts/1/sis_imports/3120/errors',
      '/api/v1/accounts/1/sis_imports/abc',
      '/api/v1/accounts/1/sis_imports/4822/sis_import_errors',
      '/api/v1/nothing/here',
    ];
    for (const requestPath of paths) {
      const reply = await get(canvas(), requestPath);

      assert.equal(reply.status, 404, requestPath);
      assert.deepEqual(reply.json(), NOT_FOUND_BODY);
    }
  });

  it('non-API paths answer with HTML', async () => {
    const reply = await get(canvas(), '/courses/1');

    assert.equal(reply.status, 404);
    assert.match(reply.headers.get('content-type') ?? '', /^text\/html/);
  });

  it('every response carries X-Request-Cost', async () => {
    const reply = await get(canvas(), '/api/v1/users/self');

    assert.match(reply.headers.get('x-request-cost') ?? '', /^\d+\.\d+$/);
    assert.match(reply.headers.get('x-rate-limit-remaining') ?? '', /^-?\d+\.\d+$/);
  });
});

describe('fake Canvas: options', () => {
  it('lowercaseLinkHeader sends `link`', async () => {
    const canvas = await startFakeCanvas({ lowercaseLinkHeader: true });
    try {
      const reply = await new Promise<http.IncomingMessage>((resolve, reject) => {
        const headers = { Authorization: `Bearer ${DEMO_TOKEN}`, 'User-Agent': USER_AGENT };
        http.get(`${canvas.baseUrl}/api/v1/accounts/1/sis_imports`, { headers }, resolve).on('error', reject);
      });
      reply.resume();
      const names = reply.rawHeaders.filter((_, index) => index % 2 === 0);

      assert.ok(names.includes('link'));
      assert.ok(!names.includes('Link'));
    } finally {
      await canvas.close();
    }
  });

  it('default header name is `Link`', async () => {
    const canvas = await startFakeCanvas();
    try {
      const reply = await new Promise<http.IncomingMessage>((resolve, reject) => {
        const headers = { Authorization: `Bearer ${DEMO_TOKEN}`, 'User-Agent': USER_AGENT };
        http.get(`${canvas.baseUrl}/api/v1/accounts/1/sis_imports`, { headers }, resolve).on('error', reject);
      });
      reply.resume();

      assert.ok(reply.rawHeaders.includes('Link'));
    } finally {
      await canvas.close();
    }
  });

  it('throttle answers 403 or 429 in plain text', async () => {
    for (const status of [403, 429] as const) {
      const canvas = await startFakeCanvas({
        throttle: { enabled: true, highWaterMark: 2.5, upFrontCost: 0, requestCost: 1, outflowPerSecond: 0.001, status },
      });
      try {
        const replies: Reply[] = [];
        for (let attempt = 0; attempt < 4; attempt++) {
          replies.push(await get(canvas, '/api/v1/users/self'));
        }
        const throttled = replies[3];

        assert.deepEqual(replies.slice(0, 3).map((reply) => reply.status), [200, 200, 200]);
        assert.equal(throttled.status, status);
        assert.match(throttled.text, /\(Rate Limit Exceeded\)\n$/);
        assert.equal(throttled.headers.get('x-rate-limit-remaining'), '0.0');
        assert.equal(throttled.headers.get('x-request-cost'), null);
        assert.equal(throttled.headers.get('retry-after'), null);
      } finally {
        await canvas.close();
      }
    }
  });

  it('injected faults apply once', async () => {
    const canvas = await startFakeCanvas();
    try {
      canvas.injectFault({ path: '/api/v1/users/self', status: 502 });
      canvas.injectFault({ path: /sis_imports$/, malformedLink: true });
      const failed = await get(canvas, '/api/v1/users/self');
      const recovered = await get(canvas, '/api/v1/users/self');
      const malformed = await get(canvas, '/api/v1/accounts/1/sis_imports');

      assert.equal(failed.status, 502);
      assert.match(failed.headers.get('content-type') ?? '', /^text\/html/);
      assert.equal(recovered.status, 200);
      assert.equal(malformed.status, 200);
      assert.doesNotMatch(malformed.headers.get('link') ?? '', /rel="current"/);
    } finally {
      await canvas.close();
    }
  });
});

// A reference CSV record splitter for checking the fixtures, written for this test
// alone: quote-aware, CR/LF/CRLF, BOM stripped, physically blank lines skipped.
interface CsvRecord {
  fields: string[];
  firstLine: number;
  lastLine: number;
}

function splitRecords(text: string): CsvRecord[] {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let sawContent = false;
  let line = 0;
  let firstLine = 0;

  const endRecord = (): void => {
    fields.push(field);
    if (sawContent) {
      records.push({ fields, firstLine, lastLine: line });
    }
    fields = [];
    field = '';
    sawContent = false;
  };

  for (let index = 0; index < source.length; index++) {
    const char = source[index];
    if (quoted) {
      if (char === '"' && source[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n' || (char === '\r' && source[index + 1] !== '\n')) {
          line++;
        }
        field += char;
      }
      continue;
    }

    if (char === '\r' || char === '\n') {
      if (char === '\r' && source[index + 1] === '\n') {
        index++;
      }
      endRecord();
      line++;
      firstLine = line;
      continue;
    }

    sawContent = true;
    if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  if (sawContent) {
    endRecord();
  }
  return records;
}

/** Reads one value of a Ruby inspect dump: a quoted string (with escapes), nil, or a literal. */
function rubyValue(raw: string): string | null {
  if (raw.startsWith('"')) {
    return raw.slice(1, -1).replace(/\\(.)/g, (_, escaped: string) => (escaped === 'n' ? '\n' : escaped));
  }

  return raw === 'nil' ? null : raw;
}

/** Reads `key: value` pairs of a Ruby Hash#inspect dump, in the Ruby 3.3 or 3.4 style. */
function parseRubyInspect(text: string): Map<string, string | null> {
  const values = new Map<string, string | null>();
  const pair = /(?::(\w+)=>|(\w+): )("(?:[^"\\]|\\.)*"|nil|true|false|-?\d+)/g;
  for (const match of text.matchAll(pair)) {
    values.set(match[1] ?? match[2], rubyValue(match[3]));
  }
  return values;
}

describe('sample data set: errors match local CSVs', () => {
  const dataset = loadSampleDataset();
  const recordsByPath = new Map<string, CsvRecord[]>();

  function recordsOf(localPath: string): CsvRecord[] {
    let records = recordsByPath.get(localPath);
    if (!records) {
      records = splitRecords(fs.readFileSync(path.join(dataset.workspaceDir, localPath), 'utf8'));
      recordsByPath.set(localPath, records);
    }
    return records;
  }

  function localPathOf(sisImportId: number, file: string): string {
    const sisImport = dataset.sisImports.find((candidate) => candidate.id === sisImportId);
    const localPath = sisImport?.local_files?.[file];
    assert.ok(localPath, `import ${sisImportId} has no local file for ${file}`);
    return localPath;
  }

  it('every row error matches its record', () => {
    const rowErrors = dataset.sisImportErrors.filter((error) => error.row !== null);
    assert.ok(rowErrors.length > 300);

    for (const error of rowErrors) {
      const label = `import ${error.sis_import_id} ${error.file} row ${error.row}`;
      const records = recordsOf(localPathOf(error.sis_import_id, error.file ?? ''));
      const header = records[0].fields.map((name) => name.trim().toLowerCase());
      const record = records[(error.row ?? 0) - 1];
      assert.ok(record, `${label}: no such record`);
      const values = record.fields.map((value) => value.trim());
      const rowInfo = error.row_info ?? '';

      if (rowInfo.startsWith('[{')) {
        const model = parseRubyInspect(rowInfo);
        header.forEach((name, index) => {
          if (model.has(name)) {
            assert.equal(model.get(name), values[index] === '' ? null : values[index], `${label}: ${name}`);
          }
        });
        assert.ok(model.size > 5, `${label}: unreadable row_info`);
      } else {
        assert.ok(rowInfo.endsWith('\n'), `${label}: row_info lacks the trailing newline`);
        const [reserialised] = splitRecords(rowInfo);
        assert.deepEqual(reserialised.fields, [...values, String(error.row)], label);
      }
    }
  });

  it('row-less errors have no row_info', () => {
    for (const error of dataset.sisImportErrors.filter((candidate) => candidate.row === null)) {
      assert.equal(error.row_info, null, error.message);
    }
  });

  it('failures are exactly the file-level errors', () => {
    for (const error of dataset.sisImportErrors.filter((candidate) => candidate.failure)) {
      assert.equal(error.row, null, error.message);
    }
  });

  it('row numbers skip blank lines and multi-line fields', () => {
    const cases: Array<[file: string, row: number, firstLine: number, lastLine: number]> = [
      ['courses.csv', 4, 3, 4],
      ['courses.csv', 6, 7, 7],
      ['sections.csv', 4, 3, 4],
      ['sections.csv', 8, 9, 9],
      ['enrollments.csv', 12, 12, 12],
      ['enrollments.csv', 16, 17, 17],
      ['users.csv', 17, 16, 16],
      ['archive/2026-10/users.csv', 11, 11, 11],
    ];
    for (const [file, row, firstLine, lastLine] of cases) {
      const record = recordsOf(file)[row - 1];

      assert.deepEqual([record.firstLine, record.lastLine], [firstLine, lastLine], `${file} row ${row}`);
    }
  });

  it('bulk import: 312 errors, one blank line', () => {
    const bulkErrors = dataset.sisImportErrors.filter((error) => error.sis_import_id === 4821);
    const records = recordsOf('enrollments_bulk.csv');

    assert.equal(bulkErrors.length, 312);
    assert.equal(records.length, 12_001);
    assert.equal(records[records.length - 1].lastLine, 12_001);
  });

  it('fixture files have the promised encodings', () => {
    const read = (file: string): Buffer => fs.readFileSync(path.join(dataset.workspaceDir, file));

    assert.deepEqual([...read('users.csv').subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.ok(read('courses.csv').toString('utf8').includes('\r\n'));
    assert.ok(!read('courses.csv').toString('utf8').replace(/\r\n/g, '').includes('\n'));
    assert.ok(!read('enrollments.csv').includes('\r'));
    assert.ok(fs.existsSync(path.join(dataset.workspaceDir, 'archive/2026-10/users.csv')));
  });

  it('token constants exist in the data set', () => {
    const tokens = [DEMO_TOKEN, EXPIRED_TOKEN, REVOKED_TOKEN, TEACHER_TOKEN, SIS_DISABLED_ADMIN_TOKEN, SUB_ACCOUNT_ADMIN_TOKEN];
    for (const token of tokens) {
      assert.ok(dataset.tokens.some((record) => record.token === token), token);
    }
  });
});
