// Turns a failed load into a tree row the user can act on: sign in, retry, or read why.
import * as vscode from 'vscode';

import { CanvasError, InvalidTokenError } from '../canvas/errors';
import { StatusRow } from './statusNode';
import { TreeNode } from './treeNode';

/** The kind of list that failed to load, for wording such as "Could not load the SIS imports". */
export type LoadTarget = 'accounts' | 'imports' | 'errors';

/** Returns the row for an error that stopped `owner` from loading its children. */
export function canvasErrorRow(error: unknown, owner: TreeNode, target: LoadTarget, origin: string): StatusRow {
  const host = new URL(origin).host;
  const retry: vscode.Command = { command: 'canvasSis.refresh', title: vscode.l10n.t('Retry'), arguments: [owner] };

  if (!(error instanceof CanvasError)) {
    const detail = error instanceof Error ? error.message : String(error);
    return { kind: 'error', label: vscode.l10n.t('Could not load {0}: {1}', targetName(target), detail), tooltip: detail, command: retry };
  }

  switch (error.kind) {
    case 'invalidToken':
      return signInRow(error as InvalidTokenError, origin);
    case 'permission':
      return {
        kind: 'error',
        label: vscode.l10n.t('No permission to read {0}', targetName(target)),
        tooltip: vscode.l10n.t(
          'Canvas says: {0}. Viewing SIS imports needs the "Import SIS data" or "Manage SIS data" permission on the root account.',
          error.message,
        ),
      };
    case 'notFound':
      return { kind: 'error', label: vscode.l10n.t('Not found on {0}', host), tooltip: error.message, command: retry };
    case 'subAccount':
      return subAccountRow();
    case 'sisDisabled':
      return {
        kind: 'info',
        label: vscode.l10n.t('SIS imports are not enabled for this account'),
        tooltip: vscode.l10n.t('Canvas says: {0}. A Canvas administrator can enable SIS imports in the account settings.', error.message),
      };
    case 'throttled':
      return {
        kind: 'error',
        label: vscode.l10n.t('Canvas rate limit reached; select to retry'),
        tooltip: vscode.l10n.t('{0} kept refusing requests because of its rate limit. Wait a minute, then retry.', host),
        command: retry,
      };
    case 'server':
      return { kind: 'error', label: vscode.l10n.t('Canvas server error; select to retry'), tooltip: error.message, command: retry };
    case 'network':
      return { kind: 'error', label: vscode.l10n.t('Cannot reach {0}; select to retry', host), tooltip: error.message, command: retry };
    case 'unexpectedResponse':
      return { kind: 'error', label: vscode.l10n.t('Unexpected response from Canvas; select to retry'), tooltip: error.message, command: retry };
    case 'insecureUrl':
      return { kind: 'error', label: error.message, tooltip: error.message };
  }
}

/** Returns the row of an instance without a usable token. `error` contains Canvas's reason when it rejected one. */
export function signInRow(error: InvalidTokenError | undefined, origin: string): StatusRow {
  const command: vscode.Command = { command: 'canvasSis.setToken', title: vscode.l10n.t('Set API Token'), arguments: [origin] };
  if (!error) {
    return {
      kind: 'signIn',
      label: vscode.l10n.t('Set API token…'),
      tooltip: vscode.l10n.t('No API token is stored for {0}. Select to enter one.', origin),
      command,
    };
  }

  return {
    kind: 'signIn',
    label: vscode.l10n.t('Canvas rejected the API token; select to set a new one'),
    description: error.message,
    tooltip: vscode.l10n.t('Canvas says: {0}', error.message),
    command,
  };
}

/** Returns the row under a sub-account, which has no SIS imports of its own. */
export function subAccountRow(): StatusRow {
  return {
    kind: 'info',
    label: vscode.l10n.t('SIS imports exist only on root accounts'),
    tooltip: vscode.l10n.t('This is a sub-account. Canvas keeps SIS imports and their errors on the root account; expand the root account instead.'),
  };
}

function targetName(target: LoadTarget): string {
  switch (target) {
    case 'accounts':
      return vscode.l10n.t('the accounts');
    case 'imports':
      return vscode.l10n.t('the SIS imports');
    case 'errors':
      return vscode.l10n.t('the import errors');
  }
}
