import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

import { DEMO_TOKEN, REVOKED_TOKEN } from '../fake-canvas/tokens';
import { childLabelled, childrenOf, demoInstanceName, descriptionOf, importNode, labelOf, useSession, waitFor } from './treeHelpers';

describe('SIS Imports tree', function () {
  this.timeout(60_000);
  const session = useSession();

  it('lists the instance and its accounts', async () => {
    const instances = await childrenOf(session.api);
    assert.deepEqual(instances.map(labelOf), [demoInstanceName]);

    const accounts = await childrenOf(session.api, instances[0]);
    assert.deepEqual(accounts.map(labelOf), ['Northwind University', 'College of Arts and Sciences']);
  });

  it('explains that sub-accounts have no imports', async () => {
    const instance = await childLabelled(session.api, undefined, demoInstanceName);
    const subAccount = await childLabelled(session.api, instance, 'College of Arts and Sciences');

    const rows = await childrenOf(session.api, subAccount);

    assert.equal(rows.length, 1);
    assert.match(labelOf(rows[0]), /only on root accounts/);
  });

  it('lists imports newest first with state and counts', async () => {
    const instance = await childLabelled(session.api, undefined, demoInstanceName);
    const account = await childLabelled(session.api, instance, 'Northwind University');

    const imports = await childrenOf(session.api, account);

    assert.deepEqual(imports.slice(0, 5).map(labelOf), ['Import 4825', 'Import 4824', 'Import 4823', 'Import 4822', 'Import 4821']);
    assert.match(descriptionOf(imports[3]), /^20 warnings · imported with messages · /);
    assert.match(descriptionOf(imports[2]), /^3 errors, 7 warnings · failed with messages · /);
  });

  it('groups errors by file with counts', async () => {
    const sisImport = await importNode(session.api, 4822);

    const files = await childrenOf(session.api, sisImport);

    assert.deepEqual(files.map(labelOf), ['courses.csv', 'enrollments.csv', 'sections.csv', 'users.csv']);
    assert.deepEqual(files.map(descriptionOf), ['5', '7', '4', '4']);
  });

  it('lists errors with message and row', async () => {
    const sisImport = await importNode(session.api, 4822);
    const courses = await childLabelled(session.api, sisImport, 'courses.csv');

    const errors = await childrenOf(session.api, courses);

    assert.equal(labelOf(errors[0]), 'Account not found "CAS-HIST" for course HIST490-F26');
    assert.equal(descriptionOf(errors[0]), 'row 4');
    assert.deepEqual(errors.map(descriptionOf), ['row 4', 'row 6', 'row 8', 'row 9', 'row 10']);
  });

  it('escapes Canvas text in tooltips', async () => {
    const sisImport = await importNode(session.api, 4822);
    const courses = await childLabelled(session.api, sisImport, 'courses.csv');
    const [first] = await childrenOf(session.api, courses);

    const tooltip = first.getTreeItem().tooltip as vscode.MarkdownString;

    assert.equal(tooltip.isTrusted, false);
    assert.equal(tooltip.supportHtml, false);
    assert.match(tooltip.value, /CAS\\-HIST/);
    assert.match(tooltip.value, /```text\n/);
    assert.match(tooltip.value, /4822/);
  });

  it('keeps file-less errors under the import', async () => {
    const sisImport = await importNode(session.api, 4823);

    const children = await childrenOf(session.api, sisImport);

    assert.ok(children.some((child) => /Error while importing CSV/.test(labelOf(child))), children.map(labelOf).join(' | '));
  });

  it('load more appends the next page', async () => {
    const sisImport = await importNode(session.api, 4821);
    const [bulkFile] = await childrenOf(session.api, sisImport);
    assert.equal(descriptionOf(bulkFile), '100+');

    const fileRows = await childrenOf(session.api, bulkFile);
    const loadMore = fileRows[fileRows.length - 1];
    assert.equal(loadMore.getTreeItem().contextValue, 'status loadMore');
    assert.equal(labelOf(loadMore), 'Load more…');
    assert.equal(fileRows.length, 101);

    await vscode.commands.executeCommand('canvasSis.loadMore', ...(loadMore.getTreeItem().command?.arguments ?? []));

    const [bulkAfter] = await childrenOf(session.api, sisImport);
    assert.equal(descriptionOf(bulkAfter), '200+');
    assert.equal((await childrenOf(session.api, bulkAfter)).length, 201);
  });

  it('failures-only toggle lists only failures', async () => {
    await vscode.commands.executeCommand('canvasSis.showFailuresOnly');
    try {
      const failedImport = await importNode(session.api, 4823);
      const failures = await childrenOf(session.api, failedImport);
      const labels = failures.map(labelOf);
      assert.ok(!labels.includes('sis_upload/sections.csv'), labels.join(' | '));
      assert.ok(labels.includes('sis_upload/xlists.csv'), labels.join(' | '));

      const warningsOnly = await importNode(session.api, 4822);
      const none = await childrenOf(session.api, warningsOnly);
      assert.deepEqual(none.map(labelOf), ['No failures; select to show all errors and warnings']);
      assert.equal(none[0].getTreeItem().command?.command, 'canvasSis.showAllErrors');
    } finally {
      await vscode.commands.executeCommand('canvasSis.showAllErrors');
    }

    const again = await childrenOf(session.api, await importNode(session.api, 4822));
    assert.deepEqual(again.map(labelOf), ['courses.csv', 'enrollments.csv', 'sections.csv', 'users.csv']);
  });

  it('keeps the last good imports when a refresh fails', async () => {
    const instance = await childLabelled(session.api, undefined, demoInstanceName);
    const account = await childLabelled(session.api, instance, 'Northwind University');
    const before = (await childrenOf(session.api, account)).map(labelOf);
    session.fake.injectFault({ path: /\/sis_imports$/, status: 500, body: 'html', times: 1 });

    await vscode.commands.executeCommand('canvasSis.refresh', account);
    const after = await childrenOf(session.api, account);

    assert.equal(labelOf(after[0]), 'Last load failed; showing earlier results');
    assert.match(descriptionOf(after[0]), /server error/i);
    assert.deepEqual(after.slice(1).map(labelOf), before);

    await vscode.commands.executeCommand('canvasSis.refresh', account);
    assert.deepEqual((await childrenOf(session.api, account)).map(labelOf), before);
  });

  it('notices when a running import finishes', async () => {
    const configuration = vscode.workspace.getConfiguration('canvasSis');
    await configuration.update('pollSeconds', 5, vscode.ConfigurationTarget.Global);
    const window = vscode.window as { showInformationMessage: typeof vscode.window.showInformationMessage };
    const original = window.showInformationMessage;
    const messages: string[] = [];
    window.showInformationMessage = (async (message: string) => {
      messages.push(message);
      return undefined;
    }) as unknown as typeof vscode.window.showInformationMessage;
    const running = session.fake.dataset.sisImports.find((sisImport) => sisImport.id === 4824)!;
    const before = { ...running, data: { ...running.data } };
    try {
      await vscode.commands.executeCommand('canvasSis.refresh');
      const sisImport = await importNode(session.api, 4824);
      assert.match(descriptionOf(sisImport), /importing 42%/);

      running.workflow_state = 'imported';
      running.progress = 100;
      running.ended_at = running.updated_at;
      await waitFor(() => /(^|· )imported · /.test(descriptionOf(sisImport)), 'the import shows its new state', 20_000);

      assert.ok(messages.some((message) => /SIS import 4824 .* finished: imported/.test(message)), messages.join(' | '));

      const instance = await childLabelled(session.api, undefined, demoInstanceName);
      const relisted = await childrenOf(session.api, await childLabelled(session.api, instance, 'Northwind University'));
      const again = relisted.find((node) => labelOf(node) === 'Import 4824');
      assert.ok(again);
      assert.match(descriptionOf(again), /(^|· )imported · /);
      assert.equal(messages.filter((message) => /SIS import 4824/.test(message)).length, 1);
    } finally {
      Object.assign(running, before);
      window.showInformationMessage = original;
      await configuration.update('pollSeconds', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('shows the sign-in row after the token is revoked', async () => {
    const token = session.fake.dataset.tokens.find((candidate) => candidate.token === DEMO_TOKEN);
    assert.ok(token);
    token.workflow_state = 'deleted';
    try {
      await vscode.commands.executeCommand('canvasSis.refresh');
      const instance = await childLabelled(session.api, undefined, demoInstanceName);

      const rows = await childrenOf(session.api, instance);

      assert.equal(rows.length, 1);
      assert.equal(rows[0].getTreeItem().contextValue, 'status signIn');
      assert.equal(rows[0].getTreeItem().command?.command, 'canvasSis.setToken');
      assert.match(descriptionOf(rows[0]), /Revoked access token/);
    } finally {
      token.workflow_state = 'active';
      await vscode.commands.executeCommand('canvasSis.setToken', session.fake.baseUrl, DEMO_TOKEN);
    }

    const accounts = await childrenOf(session.api, await childLabelled(session.api, undefined, demoInstanceName));
    assert.equal(labelOf(accounts[0]), 'Northwind University');
  });

  it('rejects an invalid token with the Canvas reason', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('canvasSis.setToken', session.fake.baseUrl, REVOKED_TOKEN)),
      /Revoked access token/,
    );
  });
});
