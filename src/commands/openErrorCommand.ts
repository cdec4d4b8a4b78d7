// `canvasSis.openError`: opens the local CSV at the record of an error node.
import * as vscode from 'vscode';

import { ErrorOpener, OpenErrorResult } from '../navigation/openError';
import { ErrorNode } from '../tree/errorNode';

/** Opens the error passed by the tree, or the error selected in the view when called from elsewhere. */
export async function openErrorCommand(opener: ErrorOpener, treeView: vscode.TreeView<unknown>, target?: unknown): Promise<OpenErrorResult | undefined> {
  const node = target instanceof ErrorNode ? target : treeView.selection.find((selected): selected is ErrorNode => selected instanceof ErrorNode);
  if (!node) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Select an error in the Canvas SIS view to open its record.'));
    return undefined;
  }

  const importNode = node.importNode;
  return opener.open({
    origin: importNode.instance.origin,
    importId: importNode.sisImport.id,
    error: node.error,
    loadImportErrors: (onProgress) => importNode.loadAllErrors(onProgress),
    isFailure: (error) => importNode.isFailure(error),
  });
}
