import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const extensionId = 'canvas-sis-tools.canvas-sis-import-errors';

const expectedCommands = [
  'canvasSis.refresh',
  'canvasSis.addInstance',
  'canvasSis.setToken',
  'canvasSis.signOut',
  'canvasSis.showFailuresOnly',
  'canvasSis.showAllErrors',
  'canvasSis.openError',
  'canvasSis.loadMore',
];

describe('extension smoke test', () => {
  it('activates', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `extension ${extensionId} is not installed`);

    await extension.activate();

    assert.equal(extension.isActive, true);
  });

  it('registers its commands', async () => {
    await vscode.extensions.getExtension(extensionId)?.activate();
    const registered = new Set(await vscode.commands.getCommands(true));

    const missing = expectedCommands.filter((command) => !registered.has(command));
    assert.deepEqual(missing, []);
  });

  it('compiles the record kernel', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `extension ${extensionId} is not installed`);
    const bytes = await fs.readFile(path.join(extension.extensionPath, 'dist', 'recordKernel.wasm'));

    const kernel = new WebAssembly.Module(bytes);

    assert.ok(kernel instanceof WebAssembly.Module);
  });
});
