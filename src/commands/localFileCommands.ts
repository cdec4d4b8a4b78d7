// Commands on file and error rows: pick another local copy of a file, copy an error message.
import * as vscode from 'vscode';

import { LocalCsvResolver } from '../navigation/localCsvResolver';
import { ErrorNode } from '../tree/errorNode';
import { FileNode } from '../tree/fileNode';

/**
 * Runs `canvasSis.chooseLocalFile`: the user picks again which local file belongs to a file of an
 * import, and the error opens again when the command ran on an error row.
 */
export async function chooseLocalFileCommand(resolver: LocalCsvResolver, target?: unknown): Promise<void> {
  if (target instanceof FileNode) {
    const probe = target.errors.find((error) => error.row !== null && error.row_info);
    await resolver.choose({ origin: target.importNode.instance.origin, importId: target.importNode.sisImport.id, canvasFile: target.file, probe });
    return;
  }

  if (target instanceof ErrorNode && target.error.file) {
    const lookup = { origin: target.importNode.instance.origin, importId: target.importNode.sisImport.id, canvasFile: target.error.file, probe: target.error };
    if (await resolver.choose(lookup)) {
      await vscode.commands.executeCommand('canvasSis.openError', target);
    }
  }
}

/** `canvasSis.copyMessage`: copies an error's message, with its file and row, to the clipboard. */
export async function copyMessageCommand(target?: unknown): Promise<void> {
  if (!(target instanceof ErrorNode)) {
    return;
  }

  const { file, row, message } = target.error;
  const location = [file, row === null || row === undefined ? undefined : vscode.l10n.t('row {0}', row)].filter(Boolean).join(', ');
  await vscode.env.clipboard.writeText(location ? `${message} (${location})` : message);
}
