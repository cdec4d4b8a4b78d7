// Helpers for integration tests: start the fake Canvas, point the extension at it, and walk
// the SIS Imports tree through the extension's exported API, as VS Code's tree view does.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

import type { CanvasSisApi } from '../../src/extension';
import type { TreeNode } from '../../src/tree/treeNode';
import { FakeCanvas, startFakeCanvas } from '../fake-canvas/server';
import { DEMO_TOKEN } from '../fake-canvas/tokens';

export const extensionId = 'canvas-sis-tools.canvas-sis-import-errors';
export const demoInstanceName = 'Northwind (fake Canvas)';

export interface TestSession {
  fake: FakeCanvas;
  api: CanvasSisApi;
}

/** Starts the fake Canvas, configures it as the only instance and stores the demo token. */
export async function startSession(): Promise<TestSession> {
  const extension = vscode.extensions.getExtension<CanvasSisApi>(extensionId);
  assert.ok(extension, `extension ${extensionId} is not installed`);
  const api = await extension.activate();

  const fake = await startFakeCanvas();
  await vscode.workspace.getConfiguration('canvasSis').update('instances', [{ url: fake.baseUrl, name: demoInstanceName }], vscode.ConfigurationTarget.Global);
  await vscode.commands.executeCommand('canvasSis.setToken', fake.baseUrl, DEMO_TOKEN);
  return { fake, api };
}

/** Removes the instance and its token, and stops the fake Canvas. */
export async function endSession(session: TestSession | undefined): Promise<void> {
  if (!session) {
    return;
  }

  await vscode.commands.executeCommand('canvasSis.showAllErrors');
  await vscode.workspace.getConfiguration('canvasSis').update('instances', undefined, vscode.ConfigurationTarget.Global);
  session.api.diagnostics.clear();
  await session.fake.close();
}

/**
 * Starts a session before the suite's tests, and closes all editors and ends the session after
 * them. Call it in a `describe` body. The returned object is filled in by the `before` hook.
 */
export function useSession(): TestSession {
  const session = {} as TestSession;

  before(async () => {
    Object.assign(session, await startSession());
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await endSession(session.fake === undefined ? undefined : session);
  });

  return session;
}

export function labelOf(node: TreeNode): string {
  const label = node.getTreeItem().label;
  return typeof label === 'string' ? label : label?.label ?? '';
}

export function descriptionOf(node: TreeNode): string {
  const description = node.getTreeItem().description;
  return typeof description === 'string' ? description : '';
}

export async function childrenOf(api: CanvasSisApi, node?: TreeNode): Promise<TreeNode[]> {
  return api.treeProvider.getChildren(node);
}

/** Returns the child whose label matches, failing with the labels that were there. */
export async function childLabelled(api: CanvasSisApi, node: TreeNode | undefined, label: string | RegExp): Promise<TreeNode> {
  const children = await childrenOf(api, node);
  const found = children.find((child) => (typeof label === 'string' ? labelOf(child) === label : label.test(labelOf(child))));
  assert.ok(found, `no child labelled ${label}; children: ${children.map(labelOf).join(' | ')}`);
  return found;
}

/** Walks instance → account → import and returns the import node. */
export async function importNode(api: CanvasSisApi, importId: number): Promise<TreeNode> {
  const instance = await childLabelled(api, undefined, demoInstanceName);
  const account = await childLabelled(api, instance, 'Northwind University');
  return childLabelled(api, account, `Import ${importId}`);
}

/** Waits until `condition` holds, polling; fails with `message` after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, message: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      assert.fail(`timed out: ${message}`);
    }

    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Returns the open workspace folder: a copy of test/fixtures/workspace that tests may change. */
export function workspaceFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  assert.ok(folder, 'the integration tests need a workspace folder');
  return folder;
}

/** Replaces vscode.window.showWarningMessage, which would wait for a click, and records its messages. */
export function recordWarnings(): { messages: string[]; restore(): void } {
  const window = vscode.window as { showWarningMessage: typeof vscode.window.showWarningMessage };
  const original = window.showWarningMessage;
  const messages: string[] = [];
  window.showWarningMessage = (async (message: string) => {
    messages.push(message);
    return undefined;
  }) as unknown as typeof vscode.window.showWarningMessage;
  return { messages, restore: () => (window.showWarningMessage = original) };
}
