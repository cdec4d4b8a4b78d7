// Composition root: creates the services, registers the view and the commands. No logic lives here.
import * as vscode from 'vscode';

import { TokenStore } from './auth/tokenStore';
import { CanvasClient } from './canvas/client';
import { addInstanceCommand, removeInstanceCommand } from './commands/instanceCommands';
import { chooseLocalFileCommand, copyMessageCommand } from './commands/localFileCommands';
import { openErrorCommand } from './commands/openErrorCommand';
import { setTokenCommand, signOutCommand } from './commands/tokenCommands';
import { loadMoreCommand, refreshCommand, setFailuresOnlyCommand } from './commands/viewCommands';
import { storeDevelopmentToken } from './developmentToken';
import { Logger } from './log';
import { ImportDiagnostics } from './navigation/importDiagnostics';
import { LocalCsvResolver } from './navigation/localCsvResolver';
import { ErrorOpener } from './navigation/openError';
import { affectsInstances, affectsRequestTimeouts, readInstances, readRequestTimeouts } from './settings';
import { ImportsTreeProvider, importsViewId } from './tree/importsTreeProvider';
import { TreeNode } from './tree/treeNode';

/** The API `activate` returns, for integration tests and other extensions. */
export interface CanvasSisApi {
  treeProvider: ImportsTreeProvider;
  treeView: vscode.TreeView<TreeNode>;
  diagnostics: ImportDiagnostics;
  /** The folder of the "Canvas SIS" log file. */
  logUri: vscode.Uri;
}

export async function activate(context: vscode.ExtensionContext): Promise<CanvasSisApi> {
  const log = new Logger();
  const tokens = new TokenStore(context.secrets);
  const userAgent = `canvas-sis-import-errors/${context.extension.packageJSON.version ?? '0'} (VS Code ${vscode.version})`;
  const createClient = (origin: string, token: string) => {
    log.registerSecret(token);
    return new CanvasClient({ baseUrl: origin, token, userAgent, logger: log.forCanvasClient(), ...readRequestTimeouts() });
  };

  const getToken = async (origin: string) => {
    const token = await tokens.get(origin);
    if (token) {
      log.registerSecret(token);
    }

    return token;
  };

  // Context keys first: when the welcome view's condition changes after the tree exists, VS Code
  // lists the restored tree twice in parallel and rejects the second listing's ids as duplicates.
  await updateInstanceContext();
  await vscode.commands.executeCommand('setContext', 'canvasSis.failuresOnly', false);

  const provider = new ImportsTreeProvider(log, { getToken, createClient }, readInstances);
  const treeView = vscode.window.createTreeView(importsViewId, { treeDataProvider: provider, showCollapseAll: true });
  const diagnostics = new ImportDiagnostics(log);
  const resolver = new LocalCsvResolver(context.workspaceState, log);
  const opener = new ErrorOpener(resolver, diagnostics, log);
  const tokenServices = { tokens, log, createClient };


  context.subscriptions.push(
    log,
    tokens,
    provider,
    treeView,
    diagnostics,
    treeView.onDidCollapseElement((event) => event.element.cancelLoads()),
    tokens.onDidChangeToken((origin) => provider.tokenChanged(origin)),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (affectsRequestTimeouts(event)) {
        provider.instances.forEach((instance) => instance.renewClient());
      }

      if (affectsInstances(event)) {
        diagnostics.keepInstances(new Set(readInstances().map((instance) => instance.origin).filter((origin): origin is string => origin !== undefined)));
      }

      if (affectsInstances(event) || event.affectsConfiguration('canvasSis.pollSeconds')) {
        await updateInstanceContext();
        provider.refresh();
      }
    }),
    vscode.commands.registerCommand('canvasSis.refresh', (target?: unknown) => refreshCommand(provider, target)),
    vscode.commands.registerCommand('canvasSis.addInstance', (url?: unknown, name?: unknown) => addInstanceCommand(url, name)),
    vscode.commands.registerCommand('canvasSis.removeInstance', (target?: unknown) => removeInstanceCommand(tokens, log, target)),
    vscode.commands.registerCommand('canvasSis.setToken', (target?: unknown, token?: unknown) => setTokenCommand(tokenServices, target, token)),
    vscode.commands.registerCommand('canvasSis.signOut', (target?: unknown) => signOutCommand(tokenServices, target)),
    vscode.commands.registerCommand('canvasSis.showFailuresOnly', () => setFailuresOnlyCommand(provider, true)),
    vscode.commands.registerCommand('canvasSis.showAllErrors', () => setFailuresOnlyCommand(provider, false)),
    vscode.commands.registerCommand('canvasSis.openError', (target?: unknown) => openErrorCommand(opener, provider, treeView, target)),
    vscode.commands.registerCommand('canvasSis.chooseLocalFile', (target?: unknown) => chooseLocalFileCommand(resolver, target)),
    vscode.commands.registerCommand('canvasSis.copyMessage', (target?: unknown) => copyMessageCommand(target)),
    vscode.commands.registerCommand('canvasSis.loadMore', (target?: unknown) => loadMoreCommand(target)),
    vscode.commands.registerCommand('canvasSis.showLog', () => log.show()),
  );

  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    await storeDevelopmentToken(tokens, log);
  }

  log.info('activation', `Activated. Configured Canvas instances: ${readInstances().length}.`);
  return { treeProvider: provider, treeView, diagnostics, logUri: context.logUri };
}

export function deactivate(): void {}

async function updateInstanceContext(): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'canvasSis.hasInstances', readInstances().length > 0);
}
