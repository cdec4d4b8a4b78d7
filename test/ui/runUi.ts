// Runs the UI click-through (clickThrough.ts) in code-server's workbench in headless Chromium, with
// the extension at the repository root loaded in development mode, a temporary copy of
// test/fixtures/workspace open and the fake Canvas listed as the only instance.
// Prints `UI: N passed, N failed`, one count per step; exits 0 only if at least one step ran and
// none failed. Options: CANVAS_SIS_TEST_TIMEOUT (seconds, default 300), CANVAS_SIS_TEST_VERBOSE=1,
// CHROMIUM_PATH.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { launchBrowser } from '../vscode/browser';
import { addCleanup, runCleanup } from '../vscode/cleanup';
import { startCodeServer } from '../vscode/codeServer';
import { startDemoCanvas } from '../vscode/demoCanvas';
import { installCodeServer } from '../vscode/installCodeServer';
import { repoRoot } from '../vscode/repoPaths';
import { saveScreenshot } from '../vscode/screenshots';
import { readTimeoutSeconds, withTimeout } from '../vscode/timeout';
import { followWorkbenchConsole } from '../vscode/workbenchConsole';
import { copyFixturesWorkspace } from '../vscode/workspaceCopy';
import { clickThrough } from './clickThrough';
import { StepFailedError, StepRecorder } from './stepRecorder';
import type { UiSession } from './uiSession';

const bundledExtension = path.join(repoRoot, 'dist', 'extension.js');
const workbenchLoadTimeoutMs = 60_000;

async function main(): Promise<number> {
  if (!fs.existsSync(bundledExtension)) {
    throw new Error(`${bundledExtension} is missing: run \`npm run bundle\` first.`);
  }
  const timeoutSeconds = readTimeoutSeconds(300);

  const workspace = copyFixturesWorkspace();
  addCleanup(workspace.remove);

  const canvas = await startDemoCanvas();
  if (canvas) {
    addCleanup(() => canvas.close());
  }

  const server = await startCodeServer({
    executable: installCodeServer(),
    userSettings: canvas?.userSettings,
    env: canvas?.extensionHostEnv,
  });
  let keepServerState = false;
  addCleanup(() => server.stop({ keepState: keepServerState }));

  const browser = await launchBrowser();
  addCleanup(() => browser.close());
  const workbenchConsole = followWorkbenchConsole(browser.page, { verbose: process.env.CANVAS_SIS_TEST_VERBOSE === '1' });

  const steps = new StepRecorder((name) => saveScreenshot(browser.page, name));
  const session: UiSession = {
    page: browser.page,
    workspace: workspace.folder,
    fakeCanvasUrl: canvas?.baseUrl,
    step: (title, action) => steps.run(title, action),
    screenshot: async (name) => {
      await saveScreenshot(browser.page, name);
    },
  };

  const url = server.workbenchUrl({ folder: workspace.folder, extensionDevelopmentPath: repoRoot });
  const outcome = await withTimeout(openWorkbenchAndClickThrough(session, url), timeoutSeconds);
  await workbenchConsole.flush();

  if (outcome === 'timeout') {
    steps.recordFailure('UI click-through', new Error(`did not finish within ${timeoutSeconds} s (CANVAS_SIS_TEST_TIMEOUT)`));
    await saveScreenshot(browser.page, 'ui-timeout').catch(() => undefined);
  } else if (outcome instanceof Error && !(outcome instanceof StepFailedError)) {
    steps.recordFailure('UI click-through', outcome);
  }
  if (steps.passed + steps.failed === 0) {
    steps.recordFailure('UI click-through', new Error('no UI step ran'));
  }

  if (steps.failed > 0) {
    keepServerState = true;
    console.log(`code-server's state is kept for debugging in ${server.stateDir} (server.log, data/logs/).`);
  }
  console.log(`UI: ${steps.passed} passed, ${steps.failed} failed`);
  return steps.failed === 0 ? 0 : 1;
}

/** Resolves with undefined when the click-through completed, or with the error that ended it. */
async function openWorkbenchAndClickThrough(session: UiSession, url: string): Promise<Error | undefined> {
  try {
    await session.page.goto(url, { timeout: workbenchLoadTimeoutMs });
    await session.page.locator('.monaco-workbench .activitybar').waitFor({ timeout: workbenchLoadTimeoutMs });
    await clickThrough(session);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    console.log('UI: 0 passed, 1 failed');
    return 1;
  })
  .then(async (exitCode) => {
    await runCleanup();
    process.exit(exitCode);
  });
