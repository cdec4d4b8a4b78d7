// The access checks shared by all SIS endpoints, in Canvas's order: account lookup,
// root account, SIS enabled, then the caller's permission.
import { administers, checkSisAccount, resolveAccount } from '../accountAccess';
import { AccountRecord, SisImportRecord } from '../dataset';
import { ApiResponse, notFound, unauthorized } from '../responses';
import { ApiContext } from '../routeContext';

export type SisAccess = { account: AccountRecord; response?: undefined } | { response: ApiResponse };

export function authorizeSisAccount(context: ApiContext, accountParam: string): SisAccess {
  const account = resolveAccount(context.dataset, accountParam);
  if (!account) {
    return { response: notFound() };
  }

  const sisProblem = checkSisAccount(account);
  if (sisProblem) {
    return { response: sisProblem };
  }

  if (!administers(context.dataset, context.user, account)) {
    return { response: unauthorized(context.settings.permissionStatus) };
  }
  return { account };
}

/** Finds the batch with this id in this account. Batches of other accounts are not found. */
export function findSisImport(context: ApiContext, account: AccountRecord, idParam: string): SisImportRecord | undefined {
  if (!/^\d+$/.test(idParam)) {
    return undefined;
  }
  const id = Number(idParam);
  return context.dataset.sisImports.find((sisImport) => sisImport.id === id && sisImport.account_id === account.id);
}

/** Newest first. Canvas orders by created_at only; the id tie-breaker keeps the fake deterministic. */
export function byCreatedAtDescending<T extends { created_at: string; id: number }>(a: T, b: T): number {
  return Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id;
}
