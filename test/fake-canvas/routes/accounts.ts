// GET /api/v1/accounts, /accounts/:id and /accounts/:id/sub_accounts.
import { administers, directAdminAccounts, resolveAccount, subAccounts } from '../accountAccess';
import { paginateByBookmark } from '../bookmarkPagination';
import { paginateCounted, paginateUncounted, parsePageRequest } from '../pagination';
import { ApiResponse, jsonResponse, notFound, unauthorized } from '../responses';
import { ApiContext, ApiRoute } from '../routeContext';
import { rubyValueToBoolean } from '../rubyValues';
import { accountJson } from '../serializers';

/** Accounts the caller directly administers: a bare array, empty for teachers and students. */
function listAdminAccounts(context: ApiContext): ApiResponse {
  const accounts = directAdminAccounts(context.dataset, context.user);
  const page = paginateByBookmark(accounts, context.url.searchParams);
  if (!page) {
    return notFound();
  }
  return { ...jsonResponse(200, page.items.map(accountJson)), pageLinks: page.pageLinks };
}

function showAccount(context: ApiContext): ApiResponse {
  const account = resolveAccount(context.dataset, context.params[0]);
  if (!account) {
    return notFound();
  }
  if (!administers(context.dataset, context.user, account)) {
    return unauthorized(context.settings.permissionStatus);
  }
  return jsonResponse(200, accountJson(account));
}

/** Direct children are counted (a `last` link); the recursive subtree is not. */
function listSubAccounts(context: ApiContext): ApiResponse {
  const account = resolveAccount(context.dataset, context.params[0]);
  if (!account) {
    return notFound();
  }
  if (!administers(context.dataset, context.user, account)) {
    return unauthorized(context.settings.permissionStatus);
  }

  const recursiveParam = context.url.searchParams.get('recursive');
  const recursive = recursiveParam !== null && rubyValueToBoolean(recursiveParam);
  const pageRequest = parsePageRequest(context.url.searchParams);
  if (!pageRequest) {
    return notFound();
  }

  const accounts = subAccounts(context.dataset, account, recursive);
  const page = recursive ? paginateUncounted(accounts, pageRequest) : paginateCounted(accounts, pageRequest);
  return { ...jsonResponse(200, page.items.map(accountJson)), pageLinks: page.pageLinks };
}

export const accountRoutes: ApiRoute[] = [
  { pattern: /^accounts$/, handle: listAdminAccounts },
  { pattern: /^accounts\/([^/]+)$/, handle: showAccount },
  { pattern: /^accounts\/([^/]+)\/sub_accounts$/, handle: listSubAccounts },
];
