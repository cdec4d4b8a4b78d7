import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

import type { OpenErrorResult } from '../../src/navigation/openError';
import { TestSession, childrenOf, endSession, importNode, startSession, waitFor } from './treeHelpers';

const targetBytes = 60 * 1024 * 1024;

/** Appends enrollment records to `filePath` until it is larger than `targetBytes`; the existing rows keep their numbers. */
async function growFile(filePath: string): Promise<void> {
  const line = 'MATH221-F26,MATH221-F26-01,S1099999,student,,,,active\n';
  const block = line.repeat(Math.ceil((4 * 1024 * 1024) / line.length));
  const handle = await fs.open(filePath, 'a');
  try {
    let size = (await handle.stat()).size;
    while (size <= targetBytes) {
      await handle.write(block);
      size += Buffer.byteLength(block);
    }
  } finally {
    await handle.close();
  }
}

describe('Opening an error in a file over 50 MB', function () {
  this.timeout(120_000);
  let session: TestSession;
  let bulkPath: string;
  let original: Buffer;

  before(async () => {
    session = await startSession();
    bulkPath = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'enrollments_bulk.csv');
    original = await fs.readFile(bulkPath);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await fs.writeFile(bulkPath, original);
    await endSession(session);
  });

  it('selects the record and sets diagnostics', async () => {
    const sisImport = await importNode(session.api, 4821);
    const [bulkFile] = await childrenOf(session.api, sisImport);
    const [firstError] = await childrenOf(session.api, bulkFile);
    const small = await vscode.commands.executeCommand<OpenErrorResult>('canvasSis.openError', firstError);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await growFile(bulkPath);
    assert.ok((await fs.stat(bulkPath)).size > targetBytes);

    const large = await vscode.commands.executeCommand<OpenErrorResult>('canvasSis.openError', firstError);

    assert.equal(large?.problem, undefined);
    assert.ok(large?.range, 'no range for the large file');
    assert.ok(small?.range, 'no range for the small file');
    assert.equal(large.range.start.line, small.range.start.line);
    assert.equal(large.range.end.line, small.range.end.line);
    const activeTab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(activeTab?.input instanceof vscode.TabInputText, 'no text tab is active');
    assert.equal(activeTab.input.uri.fsPath, bulkPath);
    await waitFor(() => vscode.languages.getDiagnostics(vscode.Uri.file(bulkPath)).length === 312, '312 diagnostics on the large file', 60_000);
  });
});
