// GET /api/v1/accounts/:id/sis_imports, …/sis_imports/importing and …/sis_imports/:id.
import { SIS_IMPORT_STATES, SisImportRecord, SisImportState } from '../dataset';
import { paginateUncounted, parsePageRequest } from '../pagination';
import { ApiResponse, jsonResponse, notFound } from '../responses';
import { ApiContext, ApiRoute } from '../routeContext';
import { sisImportJson } from '../sisImportJson';
import { authorizeSisAccount, byCreatedAtDescending, findSisImport } from './sisAccount';

const RUNNING_STATES: SisImportState[] = ['importing', 'cleanup_batch'];

function toJson(context: ApiContext, sisImport: SisImportRecord): Record<string, unknown> {
  return sisImportJson(sisImport, {
    dataset: context.dataset,
    canvasOrigin: context.url.origin,
    viewerId: context.user.id,
    now: context.now,
    pendingErrorsAttachments: context.settings.pendingErrorsAttachments,
  });
}

/** Reads a date bound; Canvas ignores values it cannot parse. */
function parseDateParam(value: string | null): number | undefined {
  if (value === null) {
    return undefined;
  }
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

/** workflow_state[] (or a single workflow_state); unknown states are dropped, and none left means no filter. */
function parseStateFilter(query: URLSearchParams): Set<string> | undefined {
  const requested = [...query.getAll('workflow_state[]'), ...query.getAll('workflow_state')];
  const valid = requested.filter((state) => (SIS_IMPORT_STATES as readonly string[]).includes(state));
  return valid.length > 0 ? new Set(valid) : undefined;
}

function filterImports(imports: SisImportRecord[], query: URLSearchParams): SisImportRecord[] {
  const createdSince = parseDateParam(query.get('created_since'));
  const createdBefore = parseDateParam(query.get('created_before'));
  const states = parseStateFilter(query);

  return imports.filter((sisImport) => {
    const createdAt = Date.parse(sisImport.created_at);
    if (createdSince !== undefined && !(createdAt > createdSince)) {
      return false;
    }
    if (createdBefore !== undefined && !(createdAt < createdBefore)) {
      return false;
    }
    return !states || states.has(sisImport.workflow_state);
  });
}

function listSisImports(context: ApiContext): ApiResponse {
  const access = authorizeSisAccount(context, context.params[0]);
  if (access.response) {
    return access.response;
  }

  const pageRequest = parsePageRequest(context.url.searchParams);
  if (!pageRequest) {
    return notFound();
  }

  const ownImports = context.dataset.sisImports.filter((sisImport) => sisImport.account_id === access.account.id);
  const imports = filterImports(ownImports, context.url.searchParams).sort(byCreatedAtDescending);
  const page = paginateUncounted(imports, pageRequest);
  const body = { sis_imports: page.items.map((sisImport) => toJson(context, sisImport)) };
  return { ...jsonResponse(200, body), pageLinks: page.pageLinks };
}

/** Batches still running; not paginated. */
function listRunningSisImports(context: ApiContext): ApiResponse {
  const access = authorizeSisAccount(context, context.params[0]);
  if (access.response) {
    return access.response;
  }

  const running = context.dataset.sisImports
    .filter((sisImport) => sisImport.account_id === access.account.id && RUNNING_STATES.includes(sisImport.workflow_state))
    .sort(byCreatedAtDescending);
  return jsonResponse(200, { sis_imports: running.map((sisImport) => toJson(context, sisImport)) });
}

function showSisImport(context: ApiContext): ApiResponse {
  const access = authorizeSisAccount(context, context.params[0]);
  if (access.response) {
    return access.response;
  }

  const sisImport = findSisImport(context, access.account, context.params[1]);
  return sisImport ? jsonResponse(200, toJson(context, sisImport)) : notFound();
}

export const sisImportRoutes: ApiRoute[] = [
  { pattern: /^accounts\/([^/]+)\/sis_imports$/, handle: listSisImports },
  { pattern: /^accounts\/([^/]+)\/sis_imports\/importing$/, handle: listRunningSisImports },
  { pattern: /^accounts\/([^/]+)\/sis_imports\/([^/]+)$/, handle: showSisImport },
];
