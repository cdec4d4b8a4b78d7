// Shows a located record in an editor, whole record selected and the cursor on its first line.
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';

import { RecordRange } from '../csv/recordLocator';
import { Logger } from '../log';
import { toEditorRange } from './recordRange';

/**
 * VS Code does not hand files larger than this to extensions, so `openTextDocument` fails for
 * them (VS Code 1.100 sets the limit at 50 MB). The workbench still opens them.
 */
export const maxFileSizeForExtensions = 50 * 1024 * 1024;

/** Opens `filePath` with `record` selected, or at its start without one, and returns the selected range. */
export async function showRecord(filePath: string, record: RecordRange | undefined, log: Logger): Promise<vscode.Range> {
  const uri = vscode.Uri.file(filePath);
  const range = record ? toEditorRange(record) : new vscode.Range(0, 0, 0, 0);
  const { size } = await fs.stat(filePath);

  if (size <= maxFileSizeForExtensions) {
    try {
      return await showInTextEditor(uri, range);
    } catch (error) {
      log.warn('navigation', `Opening ${filePath} as a text document failed (${(error as Error).message}); opening it through the workbench.`);
    }
  }

  // The workbench opens and selects what the extension API cannot hand over; no TextEditor is returned.
  await vscode.commands.executeCommand('vscode.open', uri, { preview: true, selection: range } satisfies vscode.TextDocumentShowOptions);
  return range;
}

async function showInTextEditor(uri: vscode.Uri, range: vscode.Range): Promise<vscode.Range> {
  const document = await vscode.workspace.openTextDocument(uri);
  const validRange = document.validateRange(range);
  const editor = await vscode.window.showTextDocument(document, { preview: true, selection: validRange });

  // showTextDocument selects from start to end; reversed, the cursor sits on the record's first line.
  editor.selection = new vscode.Selection(validRange.end, validRange.start);
  editor.revealRange(validRange, vscode.TextEditorRevealType.InCenter);
  return editor.selection;
}
