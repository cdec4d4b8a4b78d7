import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

import { childLabelled, childrenOf, demoInstanceName, importNode, useSession, waitFor, workspaceFolder } from './treeHelpers';

type PickStub = (items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined;

/** Runs `body` with the quick pick, warning and information messages replaced by the given functions. */
async function withDialogs(
  answers: {
    input?: () => string | undefined;
    pick?: PickStub;
    warning?: (message: string) => string | undefined;
    information?: (message: string) => void;
  },
  body: () => Promise<void>,
): Promise<void> {
  const window = vscode.window as {
    showInputBox: typeof vscode.window.showInputBox;
    showQuickPick: typeof vscode.window.showQuickPick;
    showWarningMessage: typeof vscode.window.showWarningMessage;
    showInformationMessage: typeof vscode.window.showInformationMessage;
  };
  const originals = { ...window };
  window.showInputBox = (async () => answers.input?.()) as unknown as typeof vscode.window.showInputBox;
  window.showQuickPick = (async (items: readonly vscode.QuickPickItem[] | Thenable<readonly vscode.QuickPickItem[]>) =>
    answers.pick?.(await items)) as unknown as typeof vscode.window.showQuickPick;
  window.showWarningMessage = (async (message: string) => answers.warning?.(message)) as unknown as typeof vscode.window.showWarningMessage;
  window.showInformationMessage = (async (message: string) => answers.information?.(message)) as unknown as typeof vscode.window.showInformationMessage;
  try {
    await body();
  } finally {
    window.showInputBox = originals.showInputBox;
    window.showQuickPick = originals.showQuickPick;
    window.showWarningMessage = originals.showWarningMessage;
    window.showInformationMessage = originals.showInformationMessage;
  }
}

describe('Adding and removing instances from the command palette', function () {
  this.timeout(60_000);
  const session = useSession();

  it('reports an instance that is already listed', async () => {
    const messages: string[] = [];

    await withDialogs({ input: () => `${session.fake.baseUrl}/`, information: (message) => messages.push(message) }, async () => {
      await vscode.commands.executeCommand('canvasSis.addInstance');
    });

    assert.deepEqual(messages, [`${session.fake.baseUrl} is already in the SIS Imports view.`]);
    const instances = vscode.workspace.getConfiguration('canvasSis').get<Array<{ url: string; name?: string }>>('instances') ?? [];
    assert.deepEqual(instances.map((instance) => instance.name), [demoInstanceName]);
  });

  it('picks the instance and clears its diagnostics', async () => {
    const sisImport = await importNode(session.api, 4822);
    const sections = await childLabelled(session.api, sisImport, 'sections.csv');
    const [firstError] = await childrenOf(session.api, sections);
    await vscode.commands.executeCommand('canvasSis.openError', firstError);
    const sectionsUri = vscode.Uri.file(path.join(workspaceFolder(), 'sections.csv'));
    await waitFor(() => vscode.languages.getDiagnostics(sectionsUri).length > 0, 'diagnostics on sections.csv');
    const offered: string[] = [];
    const warnings: string[] = [];

    await withDialogs(
      {
        pick: (items) => {
          offered.push(...items.map((item) => item.description ?? item.label));
          return items.find((item) => item.description === session.fake.baseUrl);
        },
        warning: (message) => {
          warnings.push(message);
          return 'Remove';
        },
      },
      async () => {
        await vscode.commands.executeCommand('canvasSis.removeInstance');
      },
    );

    assert.deepEqual(offered, [session.fake.baseUrl]);
    assert.equal(warnings.length, 1);
    assert.deepEqual(vscode.workspace.getConfiguration('canvasSis').get('instances') ?? [], []);
    await waitFor(() => vscode.languages.getDiagnostics(sectionsUri).length === 0, 'no diagnostics on sections.csv');
  });

  it('reports that no instance is configured', async () => {
    const messages: string[] = [];

    await withDialogs({ information: (message) => messages.push(message) }, async () => {
      await vscode.commands.executeCommand('canvasSis.removeInstance');
    });

    assert.deepEqual(messages, ['No Canvas instance is configured. Add one with "Canvas SIS: Add Canvas Instance".']);
  });
});
