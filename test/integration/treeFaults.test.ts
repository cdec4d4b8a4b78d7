import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

import type { TreeNode } from '../../src/tree/treeNode';
import { FakeCanvas, startFakeCanvas } from '../fake-canvas/server';
import { DEMO_TOKEN } from '../fake-canvas/tokens';
import { childLabelled, childrenOf, demoInstanceName, descriptionOf, importNode, labelOf, useSession, waitFor } from './treeHelpers';

const errorsPath = /\/sis_imports\/4822\/errors$/;

function contextValueOf(node: TreeNode): string {
  return node.getTreeItem().contextValue ?? '';
}

function tooltipOf(node: TreeNode): string {
  const tooltip = node.getTreeItem().tooltip;
  return typeof tooltip === 'string' ? tooltip : tooltip?.value ?? '';
}

describe('fault matrix in the tree', function () {
  this.timeout(90_000);
  const session = useSession();

  async function reloadedImport(): Promise<TreeNode> {
    const sisImport = await importNode(session.api, 4822);
    await vscode.commands.executeCommand('canvasSis.refresh', sisImport);
    return sisImport;
  }

  it('throttling shows a waiting row, then loads', async () => {
    session.fake.injectFault({ path: errorsPath, status: 429, times: 1 });
    const sisImport = await reloadedImport();

    const loading = childrenOf(session.api, sisImport);
    await waitFor(() => /waiting for Canvas rate limit/.test(descriptionOf(sisImport)), 'the import says it waits for the rate limit');
    const children = await loading;

    assert.deepEqual(children.map(labelOf), ['courses.csv', 'enrollments.csv', 'sections.csv', 'users.csv']);
    assert.doesNotMatch(descriptionOf(sisImport), /waiting/);
  });

  it('HTML error page becomes a retry row', async () => {
    session.fake.injectFault({ path: /\/sis_imports\/4823\/errors$/, status: 500, body: 'html', times: 1 });

    const rows = await childrenOf(session.api, await importNode(session.api, 4823));

    assert.equal(rows.length, 1);
    assert.equal(labelOf(rows[0]), 'Canvas server error; select to retry');
    assert.equal(tooltipOf(rows[0]), 'Canvas returned an HTML page (status 500) instead of JSON.');
    assert.equal(rows[0].getTreeItem().command?.command, 'canvasSis.refresh');

    await vscode.commands.executeCommand('canvasSis.refresh', ...(rows[0].getTreeItem().command?.arguments ?? []));
    const retried = await childrenOf(session.api, await importNode(session.api, 4823));
    assert.ok(retried.some((row) => labelOf(row) === 'sis_upload/sections.csv'), retried.map(labelOf).join(' | '));
  });

  it('malformed Link header is an error, not a short list', async () => {
    session.fake.injectFault({ path: errorsPath, malformedLink: true, times: 1 });
    const sisImport = await reloadedImport();

    const rows = await childrenOf(session.api, sisImport);

    assert.equal(labelOf(rows[0]), 'Last load failed; showing earlier results');
    assert.match(tooltipOf(rows[0]), /malformed Link header/);
    assert.equal(rows.length, 5);
  });

  it('revoked token signs out one instance only', async () => {
    const second: FakeCanvas = await startFakeCanvas();
    const secondName = 'Second instance';
    const configuration = vscode.workspace.getConfiguration('canvasSis');
    await configuration.update('instances', [
      { url: session.fake.baseUrl, name: demoInstanceName },
      { url: second.baseUrl, name: secondName },
    ], vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('canvasSis.setToken', second.baseUrl, DEMO_TOKEN);
    const secondToken = second.dataset.tokens.find((token) => token.token === DEMO_TOKEN)!;
    try {
      const secondInstance = await childLabelled(session.api, undefined, secondName);
      assert.equal(labelOf((await childrenOf(session.api, secondInstance))[0]), 'Northwind University');

      secondToken.workflow_state = 'deleted';
      await vscode.commands.executeCommand('canvasSis.refresh');

      const signedOut = await childrenOf(session.api, await childLabelled(session.api, undefined, secondName));
      const stillSignedIn = await childrenOf(session.api, await childLabelled(session.api, undefined, demoInstanceName));
      assert.equal(contextValueOf(signedOut[0]), 'status signIn');
      assert.equal(labelOf(stillSignedIn[0]), 'Northwind University');
    } finally {
      await configuration.update('instances', [{ url: session.fake.baseUrl, name: demoInstanceName }], vscode.ConfigurationTarget.Global);
      await second.close();
    }
  });

  it('unreachable host becomes a retry row', async () => {
    const closed = await startFakeCanvas();
    const unreachableUrl = closed.baseUrl;
    await closed.close();
    const configuration = vscode.workspace.getConfiguration('canvasSis');
    await configuration.update('instances', [
      { url: session.fake.baseUrl, name: demoInstanceName },
      { url: unreachableUrl, name: 'Unreachable' },
    ], vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('canvasSis.setToken', unreachableUrl, DEMO_TOKEN);

      const rows = await childrenOf(session.api, await childLabelled(session.api, undefined, 'Unreachable'));

      assert.equal(rows.length, 1);
      assert.match(labelOf(rows[0]), /^Cannot reach 127\.0\.0\.1:\d+; select to retry$/);
      assert.equal(rows[0].getTreeItem().command?.command, 'canvasSis.refresh');
      const other = await childrenOf(session.api, await childLabelled(session.api, undefined, demoInstanceName));
      assert.equal(labelOf(other[0]), 'Northwind University');
    } finally {
      await configuration.update('instances', [{ url: session.fake.baseUrl, name: demoInstanceName }], vscode.ConfigurationTarget.Global);
    }
  });
});
