// GET /api/v1/accounts/:id/sis_imports/:id/errors and /accounts/:id/sis_import_errors.
import { AccountRecord, SisImportErrorRecord } from '../dataset';
import { paginateCounted, parsePageRequest } from '../pagination';
import { ApiResponse, jsonResponse, notFound } from '../responses';
import { ApiContext, ApiRoute } from '../routeContext';
import { rubyValueToBoolean } from '../rubyValues';
import { sisImportErrorJson } from '../serializers';
import { authorizeSisAccount, byCreatedAtDescending, findSisImport } from './sisAccount';

/** Canvas deletes error rows older than this; the batch and its errors CSV stay. */
export const ERROR_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

function isRetained(error: SisImportErrorRecord, now: Date): boolean {
  return Date.parse(error.created_at) >= now.getTime() - ERROR_RETENTION_MS;
}

function accountErrors(context: ApiContext, account: AccountRecord, sisImportId?: number): SisImportErrorRecord[] {
  const accountImportIds = new Set(
    context.dataset.sisImports.filter((sisImport) => sisImport.account_id === account.id).map((sisImport) => sisImport.id),
  );
  const failureParam = context.url.searchParams.get('failure');
  const failuresOnly = failureParam !== null && rubyValueToBoolean(failureParam);

  return context.dataset.sisImportErrors
    .filter((error) => accountImportIds.has(error.sis_import_id))
    .filter((error) => sisImportId === undefined || error.sis_import_id === sisImportId)
    .filter((error) => isRetained(error, context.now))
    .filter((error) => !failuresOnly || error.failure)
    .sort(byCreatedAtDescending);
}

function respondWithErrors(context: ApiContext, errors: SisImportErrorRecord[]): ApiResponse {
  const pageRequest = parsePageRequest(context.url.searchParams);
  if (!pageRequest) {
    return notFound();
  }

  const page = paginateCounted(errors, pageRequest);
  const includeRowInfo = !context.settings.omitRowInfo;
  const body = { sis_import_errors: page.items.map((error) => sisImportErrorJson(error, includeRowInfo)) };
  return { ...jsonResponse(200, body), pageLinks: page.pageLinks };
}

function listImportErrors(context: ApiContext): ApiResponse {
  const access = authorizeSisAccount(context, context.params[0]);
  if (access.response) {
    return access.response;
  }

  const sisImport = findSisImport(context, access.account, context.params[1]);
  if (!sisImport) {
    return notFound();
  }
  return respondWithErrors(context, accountErrors(context, access.account, sisImport.id));
}

function listAccountErrors(context: ApiContext): ApiResponse {
  const access = authorizeSisAccount(context, context.params[0]);
  if (access.response) {
    return access.response;
  }
  return respondWithErrors(context, accountErrors(context, access.account));
}

export const sisImportErrorRoutes: ApiRoute[] = [
  { pattern: /^accounts\/([^/]+)\/sis_imports\/([^/]+)\/errors$/, handle: listImportErrors },
  { pattern: /^accounts\/([^/]+)\/sis_import_errors$/, handle: listAccountErrors },
];
