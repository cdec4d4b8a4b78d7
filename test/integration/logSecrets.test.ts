import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

import { DEMO_TOKEN } from '../fake-canvas/tokens';
import { childrenOf, descriptionOf, importNode, useSession, waitFor } from './treeHelpers';

describe('Canvas SIS log', function () {
  this.timeout(60_000);
  const session = useSession();

  it('never contains the token', async () => {
    const sisImport = await importNode(session.api, 4822);
    const [courses] = await childrenOf(session.api, sisImport);
    const errors = await childrenOf(session.api, courses);
    await vscode.commands.executeCommand('canvasSis.openError', errors.find((error) => descriptionOf(error) === 'row 6'));
    await vscode.commands.executeCommand('canvasSis.setToken', session.fake.baseUrl, 'wrong-token-for-log-test').then(
      () => assert.fail('an invalid token was accepted'),
      () => undefined,
    );
    const logFile = path.join(session.api.logUri.fsPath, 'Canvas SIS.log');

    await waitFor(async () => (await fs.readFile(logFile, 'utf8').catch(() => '')).includes('[diagnostics] Set 5 diagnostics'), 'the log file is written');
    const log = await fs.readFile(logFile, 'utf8');

    assert.ok(!log.includes(DEMO_TOKEN), 'the demo token appears in the log');
    assert.ok(!log.includes('wrong-token-for-log-test'), 'a rejected token appears in the log');
    assert.match(log, /\[http\] GET \/api\/v1\/accounts\/1\/sis_imports\/4822\/errors\?per_page=100 → 200/);
    assert.match(log, /\[http\] request headers: .*Bearer \*\*\*/);
    assert.match(log, /\[http\] response body: /);
    assert.ok(!log.includes('Welcome2026!'), 'a password from row_info appears in the log');
  });
});
