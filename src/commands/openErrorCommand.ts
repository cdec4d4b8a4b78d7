// `canvasSis.openError`: opens the local CSV at the record of an error.
import * as vscode from 'vscode';

import { normalizeInstanceUrl } from '../canvas/instanceUrl';
import { SisImportError } from '../canvas/types';
import { ErrorOpener, ErrorToOpen, OpenErrorResult } from '../navigation/openError';
import { readInstances } from '../settings';
import { ErrorNode } from '../tree/errorNode';
import { ImportsTreeProvider } from '../tree/importsTreeProvider';

/**
 * An error named by a script or another extension instead of a tree node. `instanceUrl` may be
 * left out when one instance is configured; `importId` defaults to the error's `sis_import_id`.
 */
export interface ErrorDescriptor {
  instanceUrl?: string;
  accountId?: number;
  importId?: number;
  error: SisImportError;
}

/**
 * Opens the error passed as a tree node or an ErrorDescriptor, or the error selected in the
 * view when the command runs without an argument.
 */
export async function openErrorCommand(
  opener: ErrorOpener,
  provider: ImportsTreeProvider,
  treeView: vscode.TreeView<unknown>,
  target?: unknown,
): Promise<OpenErrorResult | undefined> {
  let errorToOpen: ErrorToOpen | undefined;
  if (target instanceof ErrorNode) {
    errorToOpen = fromNode(target);
  } else if (isErrorDescriptor(target)) {
    errorToOpen = await fromDescriptor(provider, target);
  } else {
    const selected = treeView.selection.find((candidate): candidate is ErrorNode => candidate instanceof ErrorNode);
    errorToOpen = selected ? fromNode(selected) : undefined;
  }

  if (!errorToOpen) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select an error in the Canvas SIS view to open its record.'));
    return undefined;
  }

  return opener.open(errorToOpen);
}

function fromNode(node: ErrorNode): ErrorToOpen {
  const importNode = node.importNode;
  return {
    origin: importNode.instance.origin,
    importId: importNode.sisImport.id,
    error: node.error,
    loadImportErrors: (onProgress) => importNode.loadAllErrors(onProgress),
    isFailure: (error) => importNode.isFailure(error),
    reportRecordChecks: (checks) => importNode.updateRecordChecks(checks),
  };
}

/** Finds the import of a descriptor in the tree, loading the tree levels above it when needed. */
async function fromDescriptor(provider: ImportsTreeProvider, descriptor: ErrorDescriptor): Promise<ErrorToOpen | undefined> {
  const origin = descriptor.instanceUrl ? normalizeInstanceUrl(descriptor.instanceUrl) : singleInstanceOrigin();
  const instance = origin ? provider.findInstance(origin) : undefined;
  const importId = descriptor.importId ?? descriptor.error.sis_import_id;
  if (!instance) {
    return undefined;
  }

  await provider.getChildren(instance);
  const accounts = descriptor.accountId !== undefined ? [instance.findAccount(descriptor.accountId)] : instance.loadedAccounts;
  for (const account of accounts) {
    if (!account || !account.isRootAccount) {
      continue;
    }

    await provider.getChildren(account);
    const importNode = account.findImport(importId);
    if (importNode) {
      return {
        origin: instance.origin,
        importId,
        error: descriptor.error,
        loadImportErrors: (onProgress) => importNode.loadAllErrors(onProgress),
        isFailure: (error) => importNode.isFailure(error),
        reportRecordChecks: (checks) => importNode.updateRecordChecks(checks),
      };
    }
  }

  return undefined;
}

function singleInstanceOrigin(): string | undefined {
  const instances = readInstances().filter((instance) => instance.origin !== undefined);
  return instances.length === 1 ? instances[0].origin : undefined;
}

function isErrorDescriptor(value: unknown): value is ErrorDescriptor {
  if (!value || typeof value !== 'object') {
    return false;
  }

  const error = (value as { error?: unknown }).error;
  return !!error && typeof error === 'object' && typeof (error as SisImportError).message === 'string';
}
