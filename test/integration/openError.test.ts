import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

import type { OpenErrorResult } from '../../src/navigation/openError';
import { childLabelled, childrenOf, descriptionOf, importNode, recordWarnings, useSession, waitFor, workspaceFolder } from './treeHelpers';


describe('Opening an error', function () {
  this.timeout(60_000);
  const session = useSession();

  async function errorOnRow(importId: number, file: string, row: number) {
    const sisImport = await importNode(session.api, importId);
    const fileNode = await childLabelled(session.api, sisImport, file);
    const errors = await childrenOf(session.api, fileNode);
    const error = errors.find((candidate) => new RegExp(`^row ${row}( ·|$)`).test(descriptionOf(candidate)));
    assert.ok(error, `no error on row ${row} of ${file}`);
    return error;
  }

  it('selects a record after a multi-line field and a blank line', async () => {
    const error = await errorOnRow(4822, 'courses.csv', 6);

    const result = await vscode.commands.executeCommand<OpenErrorResult>('canvasSis.openError', error);

    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(path.basename(editor.document.uri.fsPath), 'courses.csv');
    assert.equal(editor.selection.start.line, 7);
    assert.equal(editor.selection.end.line, 7);
    assert.equal(editor.selection.start.character, 0);
    assert.equal(editor.selection.end.character, editor.document.lineAt(7).text.length);
    assert.match(editor.document.lineAt(7).text, /^ENGR101-F26,/);
    assert.equal(result?.problem, undefined);
    assert.equal(result?.drift, undefined);
  });

  it('selects every line of a multi-line record', async () => {
    const error = await errorOnRow(4822, 'courses.csv', 4);

    await vscode.commands.executeCommand('canvasSis.openError', error);

    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.selection.start.line, 3);
    assert.equal(editor.selection.end.line, 4);
    assert.match(editor.document.lineAt(3).text, /^HIST490-F26,/);
  });

  it('sets diagnostics for all errors of the file', async () => {
    const error = await errorOnRow(4822, 'courses.csv', 6);
    await vscode.commands.executeCommand('canvasSis.openError', error);
    const uri = vscode.window.activeTextEditor!.document.uri;

    await waitFor(() => vscode.languages.getDiagnostics(uri).length === 5, 'five diagnostics on courses.csv');
    const diagnostics = vscode.languages.getDiagnostics(uri);

    const engineering = diagnostics.find((diagnostic) => diagnostic.message === 'Account not found "ENGR" for course ENGR101-F26');
    assert.ok(engineering, diagnostics.map((diagnostic) => diagnostic.message).join(' | '));
    assert.equal(engineering.source, 'Canvas SIS');
    assert.equal(engineering.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(engineering.range.start.line, 7);
    assert.match(String(engineering.code), /4822/);
  });

  it('finds a file named with a zip folder by base name', async () => {
    const error = await errorOnRow(4823, 'sis_upload/sections.csv', 4);

    await vscode.commands.executeCommand('canvasSis.openError', error);

    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(path.basename(editor.document.uri.fsPath), 'sections.csv');
  });

  it('opens a shortened file and says the row is past its end', async () => {
    const error = await errorOnRow(4822, 'sections.csv', 8);
    const sectionsPath = path.join(workspaceFolder(), 'sections.csv');
    const original = await fs.readFile(sectionsPath);
    await fs.writeFile(sectionsPath, original.toString('utf8').split(/\r?\n/).slice(0, 3).join('\n'));
    try {
      const result = await vscode.commands.executeCommand<OpenErrorResult>('canvasSis.openError', error);

      assert.match(result?.problem ?? '', /past the end/);
      assert.equal(path.basename(vscode.window.activeTextEditor?.document.uri.fsPath ?? ''), 'sections.csv');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await fs.writeFile(sectionsPath, original);
    }
  });

  it('opens a file with an unterminated quote and explains', async () => {
    const error = await errorOnRow(4822, 'sections.csv', 8);
    const sectionsPath = path.join(workspaceFolder(), 'sections.csv');
    const original = await fs.readFile(sectionsPath);
    const lines = original.toString('utf8').split(/\r?\n/);
    const withoutQuotes = lines.slice(3).map((line) => line.replace(/"/g, ''));
    await fs.writeFile(sectionsPath, [...lines.slice(0, 3), '"BROKEN-01,unterminated', ...withoutQuotes].join('\n'));
    try {
      const result = await vscode.commands.executeCommand<OpenErrorResult>('canvasSis.openError', error);

      assert.match(result?.problem ?? '', /Unterminated quoted field/);
      assert.equal(path.basename(vscode.window.activeTextEditor?.document.uri.fsPath ?? ''), 'sections.csv');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await fs.writeFile(sectionsPath, original);
    }
  });

  it('asks once which copy when several files match', async () => {
    const window = vscode.window as { showQuickPick: typeof vscode.window.showQuickPick };
    const original = window.showQuickPick;
    const offered: string[][] = [];
    window.showQuickPick = (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
      const files = (await items).map((item) => (item as { file?: string }).file).filter((file): file is string => file !== undefined);
      offered.push(files);
      return (await items).find((item) => (item as { file?: string }).file === files.find((file) => !file.includes('archive')));
    }) as unknown as typeof vscode.window.showQuickPick;
    try {
      await vscode.commands.executeCommand('canvasSis.openError', await errorOnRow(4822, 'users.csv', 17));
      const firstPath = vscode.window.activeTextEditor?.document.uri.fsPath ?? '';
      const firstLine = vscode.window.activeTextEditor?.selection.start.line;
      await vscode.commands.executeCommand('canvasSis.openError', await errorOnRow(4822, 'users.csv', 14));
      const secondPath = vscode.window.activeTextEditor?.document.uri.fsPath ?? '';

      assert.equal(offered.length, 1);
      assert.equal(offered[0].length, 2);
      assert.equal(path.relative(workspaceFolder(), firstPath), 'users.csv');
      assert.equal(firstLine, 16);
      assert.equal(path.relative(workspaceFolder(), secondPath), 'users.csv');
    } finally {
      window.showQuickPick = original;
    }
  });

  it('searches the csvFolders setting', async () => {
    const outside = await fs.mkdtemp(path.join(os.tmpdir(), 'csv-folder-'));
    const copy = path.join(outside, 'sections.csv');
    await fs.copyFile(path.join(workspaceFolder(), 'sections.csv'), copy);
    await vscode.workspace.getConfiguration('canvasSis').update('csvFolders', [outside], vscode.ConfigurationTarget.Global);
    const window = vscode.window as { showQuickPick: typeof vscode.window.showQuickPick };
    const original = window.showQuickPick;
    const offered: string[] = [];
    window.showQuickPick = (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
      const list = await items;
      offered.push(...list.map((item) => (item as { file?: string }).file).filter((file): file is string => file !== undefined));
      return list.find((item) => (item as { file?: string }).file === copy);
    }) as unknown as typeof vscode.window.showQuickPick;
    try {
      await vscode.commands.executeCommand('canvasSis.openError', await errorOnRow(4823, 'sis_upload/sections.csv', 6));

      assert.ok(offered.includes(copy), offered.join(' | '));
      assert.equal(offered.length, 2);
      assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, copy);
    } finally {
      window.showQuickPick = original;
      await vscode.workspace.getConfiguration('canvasSis').update('csvFolders', undefined, vscode.ConfigurationTarget.Global);
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('opens an error given as a descriptor', async () => {
    const error = {
      sis_import_id: 4822,
      file: 'courses.csv',
      message: 'Bad date format for course CS120-F26',
      row: 9,
      row_info: null,
    };

    await vscode.commands.executeCommand('canvasSis.openError', { instanceUrl: session.fake.baseUrl, error });

    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(path.basename(editor.document.uri.fsPath), 'courses.csv');
    assert.equal(editor.selection.start.line, 10);
    assert.match(editor.document.lineAt(10).text, /^CS120-F26,/);
  });

  it('detects a record that changed since the import', async () => {
    const coursesPath = path.join(workspaceFolder(), 'courses.csv');
    const original = await fs.readFile(coursesPath);
    const lines = original.toString('utf8').split('\r\n');
    lines.splice(5, 0, 'NEW100-F26,NEW 100,Added After The Import,CAS,FA2026,,,online,active');
    await fs.writeFile(coursesPath, lines.join('\r\n'));
    const warnings = recordWarnings();
    const messages = warnings.messages;
    try {
      const error = await errorOnRow(4822, 'courses.csv', 6);

      const result = await vscode.commands.executeCommand<OpenErrorResult>('canvasSis.openError', error);

      assert.deepEqual(result?.drift, { canvasRecordRow: 7, exact: true });
      assert.match(messages[0] ?? '', /Row 6 of courses\.csv differs from the record Canvas imported.*Row 7 has the values Canvas imported/);
      const uri = vscode.Uri.file(coursesPath);
      await waitFor(() => vscode.languages.getDiagnostics(uri).some((diagnostic) => /differs from the one Canvas imported/.test(diagnostic.message)), 'a drift diagnostic');
      await waitFor(() => descriptionOf(error) === 'row 6 · local record differs', 'the tree row shows the drift');
      assert.equal((error.getTreeItem().iconPath as vscode.ThemeIcon).id, 'diff-modified');
      await fs.writeFile(coursesPath, original);
      await waitFor(() => descriptionOf(error) === 'row 6', 'the tree row drops the drift after the file is restored');
      assert.ok(vscode.languages.getDiagnostics(uri).every((diagnostic) => !/differs/.test(diagnostic.message)));
    } finally {
      warnings.restore();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await fs.writeFile(coursesPath, original);
    }
  });

  it('choosing another copy moves the diagnostics', async () => {
    const window = vscode.window as { showQuickPick: typeof vscode.window.showQuickPick };
    const original = window.showQuickPick;
    const warnings = recordWarnings();
    let expectedCopy = 'archive';
    const offered: string[][] = [];
    window.showQuickPick = (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) => {
      const list = await items;
      offered.push(list.map((item) => (item as { file?: string }).file ?? ''));
      return list.find((item) => ((item as { file?: string }).file ?? '').includes(expectedCopy));
    }) as unknown as typeof vscode.window.showQuickPick;
    const rootCopy = vscode.Uri.file(path.join(workspaceFolder(), 'users.csv'));
    const archiveCopy = vscode.Uri.file(path.join(workspaceFolder(), 'archive', '2026-10', 'users.csv'));
    try {
      const error = await errorOnRow(4822, 'users.csv', 17);

      await vscode.commands.executeCommand('canvasSis.chooseLocalFile', error);
      await waitFor(() => vscode.languages.getDiagnostics(archiveCopy).length === 4, 'diagnostics on the archive copy');
      assert.equal(offered[0][0], rootCopy.fsPath, 'the copy that matches Canvas is offered first');
      assert.equal(vscode.languages.getDiagnostics(rootCopy).length, 0);

      expectedCopy = path.join(workspaceFolder(), 'users.csv');
      await vscode.commands.executeCommand('canvasSis.chooseLocalFile', error);
      await waitFor(() => vscode.languages.getDiagnostics(rootCopy).length === 4, 'diagnostics on the workspace copy');
      assert.equal(vscode.languages.getDiagnostics(archiveCopy).length, 0);
    } finally {
      window.showQuickPick = original;
      warnings.restore();
    }
  });
});
