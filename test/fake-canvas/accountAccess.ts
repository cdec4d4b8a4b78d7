// Account lookup by any of Canvas's id forms, admin permissions, and the checks that
// SIS endpoints run before permissions.
import { AccountRecord, Dataset, UserRecord } from './dataset';
import { ApiResponse, sisDisabled, sisNotRootAccount } from './responses';

/**
 * Resolves `:account_id`: `self` (the domain root account), a numeric id, or
 * `sis_account_id:X` within the domain root account. Deleted accounts are not found.
 */
export function resolveAccount(dataset: Dataset, idParam: string): AccountRecord | undefined {
  const active = dataset.accounts.filter((account) => account.workflow_state === 'active');

  if (idParam === 'self') {
    return active.find((account) => account.id === dataset.domainRootAccountId);
  }
  if (/^\d+$/.test(idParam)) {
    return active.find((account) => account.id === Number(idParam));
  }
  const sisPrefix = 'sis_account_id:';
  if (idParam.startsWith(sisPrefix)) {
    const sisId = idParam.slice(sisPrefix.length);
    return active.find(
      (account) => account.root_account_id === dataset.domainRootAccountId && account.sis_account_id === sisId,
    );
  }
  return undefined;
}

function parentOf(dataset: Dataset, account: AccountRecord): AccountRecord | undefined {
  return dataset.accounts.find((candidate) => candidate.id === account.parent_account_id);
}

/** True when the user is an admin of the account or of one of its ancestors. */
export function administers(dataset: Dataset, user: UserRecord, account: AccountRecord): boolean {
  for (let current: AccountRecord | undefined = account; current; current = parentOf(dataset, current)) {
    const accountId = current.id;
    if (dataset.admins.some((admin) => admin.user_id === user.id && admin.account_id === accountId)) {
      return true;
    }
  }
  return false;
}

/** Accounts the user is directly an admin of, ordered by id (not their sub-accounts). */
export function directAdminAccounts(dataset: Dataset, user: UserRecord): AccountRecord[] {
  const ids = new Set(dataset.admins.filter((admin) => admin.user_id === user.id).map((admin) => admin.account_id));
  return dataset.accounts
    .filter((account) => ids.has(account.id) && account.workflow_state === 'active')
    .sort((a, b) => a.id - b.id);
}

/** Active children of an account, or its whole active subtree, ordered by id. */
export function subAccounts(dataset: Dataset, account: AccountRecord, recursive: boolean): AccountRecord[] {
  const children = dataset.accounts
    .filter((candidate) => candidate.parent_account_id === account.id && candidate.workflow_state === 'active')
    .sort((a, b) => a.id - b.id);
  if (!recursive) {
    return children;
  }
  const descendants = children.flatMap((child) => [child, ...subAccounts(dataset, child, true)]);
  return descendants.sort((a, b) => a.id - b.id);
}

/** Runs the checks that SIS endpoints make before permissions, returning the error response if one fails. */
export function checkSisAccount(account: AccountRecord): ApiResponse | undefined {
  if (account.root_account_id !== null) {
    return sisNotRootAccount();
  }
  if (!account.sis_enabled) {
    return sisDisabled();
  }
  return undefined;
}
