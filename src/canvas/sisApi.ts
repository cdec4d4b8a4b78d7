// The Canvas endpoints this extension reads: the current user, accounts, SIS imports and
// their errors. List endpoints are async iterables that yield one page at a time.
import { CanvasClient, RequestOptions } from './client';
import { PageCursor, iteratePages } from './pageCursor';
import { UnexpectedResponseError } from './errors';
import { CanvasAccount, CanvasUser, SisImport, SisImportError } from './types';

/** Canvas's largest page size; larger requests are clamped silently. */
export const maxPerPage = 100;

export interface PageOptions {
  signal?: AbortSignal;
  onRetryWait?: RequestOptions['onRetryWait'];
  perPage?: number;
}

export interface SisImportErrorOptions extends PageOptions {
  /** Only the errors of this SIS import; all imports of the account when absent. */
  importId?: number;
  /** Only errors that made the import fail (Canvas's `failure=true`). */
  failure?: boolean;
}

/** Returns the user the token belongs to; this is how a token is checked. */
export async function getCurrentUser(client: CanvasClient, options: PageOptions = {}): Promise<CanvasUser> {
  const response = await client.getJson<CanvasUser>('/api/v1/users/self', options);
  return response.body;
}

/** Returns one account; `accountId` may be a number, `self` or another Canvas id alias. */
export async function getAccount(client: CanvasClient, accountId: string | number, options: PageOptions = {}): Promise<CanvasAccount> {
  const response = await client.getJson<CanvasAccount>(`/api/v1/accounts/${encodeAccountId(accountId)}`, options);
  return response.body;
}

/** Pages through the accounts the user administers directly (not their sub-accounts). */
export function accountPages(client: CanvasClient, options: PageOptions = {}): PageCursor<CanvasAccount> {
  return cursor(client, '/api/v1/accounts', {}, (body) => expectArray<CanvasAccount>(body, 'accounts'), options);
}

/** Lists the accounts the user administers directly, one page at a time. */
export function listAccounts(client: CanvasClient, options: PageOptions = {}): AsyncGenerator<CanvasAccount[]> {
  return iteratePages(accountPages(client, options));
}

/** Pages through the SIS imports of a root account, newest first. */
export function sisImportPages(client: CanvasClient, accountId: string | number, options: PageOptions = {}): PageCursor<SisImport> {
  const path = `/api/v1/accounts/${encodeAccountId(accountId)}/sis_imports`;
  return cursor(client, path, {}, (body) => expectWrappedArray<SisImport>(body, 'sis_imports'), options);
}

/** Lists the SIS imports of a root account, newest first, one page at a time. */
export function listSisImports(client: CanvasClient, accountId: string | number, options: PageOptions = {}): AsyncGenerator<SisImport[]> {
  return iteratePages(sisImportPages(client, accountId, options));
}

/** Returns one SIS import with its current state and counts. */
export async function getSisImport(client: CanvasClient, accountId: string | number, importId: number, options: PageOptions = {}): Promise<SisImport> {
  const response = await client.getJson<SisImport>(`/api/v1/accounts/${encodeAccountId(accountId)}/sis_imports/${importId}`, options);
  return response.body;
}

/** Pages through the SIS import errors of one import (`importId`) or of all imports of the root account. */
export function sisImportErrorPages(client: CanvasClient, accountId: string | number, options: SisImportErrorOptions = {}): PageCursor<SisImportError> {
  const account = encodeAccountId(accountId);
  const path = options.importId === undefined
    ? `/api/v1/accounts/${account}/sis_import_errors`
    : `/api/v1/accounts/${account}/sis_imports/${options.importId}/errors`;
  const query: Record<string, string> = options.failure ? { failure: 'true' } : {};
  return cursor(client, path, query, (body) => expectWrappedArray<SisImportError>(body, 'sis_import_errors'), options);
}

/**
 * Lists SIS import errors of one import (`importId`) or of all imports of the root account,
 * yielding each page as Canvas sends it and following Link headers to the end.
 */
export function listSisImportErrors(
  client: CanvasClient,
  accountId: string | number,
  options: SisImportErrorOptions = {},
): AsyncGenerator<SisImportError[]> {
  return iteratePages(sisImportErrorPages(client, accountId, options));
}

function cursor<T>(
  client: CanvasClient,
  path: string,
  query: Record<string, string>,
  readPage: (body: unknown) => T[],
  options: PageOptions,
): PageCursor<T> {
  const requestOptions = { signal: options.signal, onRetryWait: options.onRetryWait };
  return new PageCursor(client, path, { ...query, per_page: options.perPage ?? maxPerPage }, readPage, requestOptions);
}

function encodeAccountId(accountId: string | number): string {
  return encodeURIComponent(String(accountId));
}

function expectArray<T>(body: unknown, listName: string): T[] {
  if (!Array.isArray(body)) {
    throw new UnexpectedResponseError(`Canvas returned an unexpected response for the ${listName} list: expected a JSON array.`);
  }

  return body as T[];
}

/** Reads a list wrapped in an object, such as `{"sis_imports": [...]}`. */
function expectWrappedArray<T>(body: unknown, key: string): T[] {
  const list = body && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
  if (!Array.isArray(list)) {
    throw new UnexpectedResponseError(`Canvas returned an unexpected response: expected a JSON object with a "${key}" list.`);
  }

  return list as T[];
}
