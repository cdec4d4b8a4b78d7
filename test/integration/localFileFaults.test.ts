import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

import type { OpenErrorResult } from '../../src/navigation/openError';
import { recordWarnings, useSession, workspaceFolder } from './treeHelpers';



describe('fault matrix for local files', function () {
  this.timeout(60_000);
  const session = useSession();

  function openError(file: string | null, row: number | null, message = 'Test error'): Thenable<OpenErrorResult | undefined> {
    const error = { sis_import_id: 4822, file, row, message, row_info: null };
    return vscode.commands.executeCommand<OpenErrorResult>('canvasSis.openError', { instanceUrl: session.fake.baseUrl, error });
  }

  it('path traversal file name stays inside the workspace', async () => {
    const warnings = recordWarnings();
    try {
      const result = await openError('../../../../etc/passwd', 2);

      assert.equal(result?.problem, 'noLocalFile');
      assert.equal(result?.filePath, undefined);
      assert.match(warnings.messages[0] ?? '', /No local file named passwd/);
      assert.notEqual(vscode.window.activeTextEditor?.document.uri.fsPath, '/etc/passwd');
    } finally {
      warnings.restore();
    }
  });

  it('absolute file name matches by base name only', async () => {
    const warnings = recordWarnings();
    try {
      const result = await openError('/etc/hostname', 1);

      assert.equal(result?.problem, 'noLocalFile');
      assert.match(warnings.messages[0] ?? '', /No local file named hostname/);
    } finally {
      warnings.restore();
    }
  });

  it('missing local file offers a choice', async () => {
    const warnings = recordWarnings();
    try {
      const result = await openError('terms.csv', 3, 'No name given for term FA2026');

      assert.equal(result?.problem, 'noLocalFile');
      assert.match(warnings.messages[0] ?? '', /No local file named terms\.csv .* SIS import 4822/);
    } finally {
      warnings.restore();
    }
  });

  it('deleted file is looked up again', async () => {
    const coursesPath = path.join(workspaceFolder(), 'courses.csv');
    const original = await fs.readFile(coursesPath);
    const first = await openError('courses.csv', 6);
    assert.equal(first?.filePath, coursesPath);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    await fs.rm(coursesPath);
    const warnings = recordWarnings();
    try {
      const second = await openError('courses.csv', 6);

      assert.equal(second?.problem, 'noLocalFile');
      assert.match(warnings.messages[0] ?? '', /No local file named courses\.csv/);
    } finally {
      warnings.restore();
      await fs.writeFile(coursesPath, original);
    }
  });

  it('record that is not UTF-8 is reported', async () => {
    const sectionsPath = path.join(workspaceFolder(), 'sections.csv');
    const original = await fs.readFile(sectionsPath);
    const latin1 = Buffer.from('section_id,course_id,name,status\nS1,C1,M\xfasica del Mundo,active\n', 'latin1');
    await fs.writeFile(sectionsPath, latin1);
    const warnings = recordWarnings();
    try {
      const result = await openError('sections.csv', 2);

      assert.match(result?.problem ?? '', /not valid UTF-8/);
      assert.equal(vscode.window.activeTextEditor?.selection.start.line, 1);
      assert.match(warnings.messages[0] ?? '', /Row 2 of sections\.csv is not valid UTF-8/);
    } finally {
      warnings.restore();
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await fs.writeFile(sectionsPath, original);
    }
  });

  it('error without a file opens nothing', async () => {
    const before = vscode.window.activeTextEditor?.document.uri.toString();

    const result = await openError(null, null, 'Error while importing CSV. Please contact support. (Error report 48213)');

    assert.equal(result?.problem, 'noFile');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), before);
  });
});
