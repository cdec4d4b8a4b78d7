// Runs the extension host test suite (out/test/integration/index.js) in a real VS Code with the
// extension at the repository root (dist/extension.js, built by `npm run bundle`).
//
// VSCODE_EXECUTABLE=<path of a desktop VS Code> runs it with @vscode/test-electron. Otherwise it runs
// in code-server, driven by headless Chromium, because test-electron downloads VS Code from
// Microsoft's servers. Prints `Integration: N passed, N failed`; exits 0 only if every test passed.
//
// The extension host gets these environment variables:
//   CANVAS_SIS_TEST_RESULTS      where the test runner writes its {passes, failures, failedTitles}
//   CANVAS_SIS_TEST_WORKSPACE    the open workspace folder: a copy of test/fixtures/workspace
//   CANVAS_SIS_SCREENSHOTS_DIR   where `SCREENSHOT <name>` console lines save <name>.png (code-server only)
// Options: CANVAS_SIS_TEST_TIMEOUT (seconds, default 600), CANVAS_SIS_TEST_VERBOSE=1 (print all
// browser console output), CHROMIUM_PATH.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import type { Page } from 'playwright-core';

import type { TestResults } from '../integration/resultsReporter';
import { launchBrowser } from './browser';
import { addCleanup, runCleanup } from './cleanup';
import { startCodeServer } from './codeServer';
import { installCodeServer } from './installCodeServer';
import { repoRoot, screenshotsDir } from './repoPaths';
import { saveScreenshot } from './screenshots';
import { makeShortTempDir } from './shortTempDir';
import { readTimeoutSeconds, withTimeout } from './timeout';
import { followWorkbenchConsole } from './workbenchConsole';
import { copyFixturesWorkspace } from './workspaceCopy';

const extensionTestsPath = path.join(repoRoot, 'out', 'test', 'integration', 'index.js');
const bundledExtension = path.join(repoRoot, 'dist', 'extension.js');

async function main(): Promise<number> {
  for (const required of [bundledExtension, extensionTestsPath]) {
    if (!fs.existsSync(required)) {
      throw new Error(`${required} is missing: run \`npm run build\` first.`);
    }
  }

  const runDir = makeShortTempDir('it-');
  addCleanup(() => fs.rmSync(runDir, { recursive: true, force: true }));
  const workspace = copyFixturesWorkspace();
  addCleanup(workspace.remove);

  const resultsFile = path.join(runDir, 'results.json');
  const extensionHostEnv = {
    CANVAS_SIS_TEST_RESULTS: resultsFile,
    CANVAS_SIS_TEST_WORKSPACE: workspace.folder,
    CANVAS_SIS_SCREENSHOTS_DIR: screenshotsDir,
  };
  const timeoutSeconds = readTimeoutSeconds(600);

  const desktopExecutable = process.env.VSCODE_EXECUTABLE;
  const exitCode = desktopExecutable
    ? await runInDesktopVsCode(desktopExecutable, workspace.folder, runDir, extensionHostEnv, timeoutSeconds)
    : await runInCodeServer(workspace.folder, extensionHostEnv, timeoutSeconds);

  return reportResults(exitCode, resultsFile);
}

async function runInDesktopVsCode(
  executable: string,
  workspace: string,
  runDir: string,
  env: Record<string, string>,
  timeoutSeconds: number,
): Promise<number> {
  // A short user data folder, because VS Code creates unix sockets below it.
  const testRun = runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath,
    extensionTestsEnv: env,
    launchArgs: [
      workspace,
      '--disable-extensions',
      `--user-data-dir=${path.join(runDir, 'data')}`,
      `--extensions-dir=${path.join(runDir, 'extensions')}`,
    ],
  }).catch((error: unknown) => {
    console.error(String(error));
    return 1;
  });

  // NOTE: test-electron does not expose the VS Code process, so after a timeout it keeps running
  // until this script exits. This path has not been run on this project's CI machines, which
  // cannot download VS Code.
  const outcome = await withTimeout(testRun, timeoutSeconds);
  return outcome === 'timeout' ? reportTimeout(timeoutSeconds) : outcome;
}

async function runInCodeServer(workspace: string, env: Record<string, string>, timeoutSeconds: number): Promise<number> {
  // Trace level writes request headers and bodies to the extension's log, which a test scans for the token.
  const server = await startCodeServer({ executable: installCodeServer(), env, logLevel: 'trace' });
  let keepServerState = false;
  addCleanup(() => server.stop({ keepState: keepServerState }));

  const browser = await launchBrowser();
  addCleanup(() => browser.close());
  const workbenchConsole = followWorkbenchConsole(browser.page, { verbose: process.env.CANVAS_SIS_TEST_VERBOSE === '1' });

  const automationExit = waitForAutomationExit(browser.page);
  const url = server.workbenchUrl({ folder: workspace, extensionDevelopmentPath: repoRoot, extensionTestsPath });
  await browser.page.goto(url, { timeout: 60_000 });

  const outcome = await withTimeout(automationExit, timeoutSeconds);
  await workbenchConsole.flush();

  let exitCode: number;
  if (outcome === 'timeout') {
    await saveScreenshot(browser.page, 'integration-timeout').catch(() => undefined);
    exitCode = reportTimeout(timeoutSeconds);
  } else {
    exitCode = outcome;
  }

  if (exitCode !== 0) {
    keepServerState = true;
    console.log(`code-server's state is kept for debugging in ${server.stateDir} (server.log, data/logs/).`);
  }
  return exitCode;
}

/**
 * Resolves with the exit code that the workbench reports once the test runner's run() settles:
 * 0 when it resolved, 1 when it rejected or could not be loaded.
 */
function waitForAutomationExit(page: Page): Promise<number> {
  return new Promise((resolve, reject) => {
    page.exposeFunction('codeAutomationExit', (code: number) => resolve(code)).catch(reject);
  });
}

function reportResults(exitCode: number, resultsFile: string): number {
  const results = readResults(resultsFile);
  if (!results) {
    console.log('The test runner wrote no results file, so the tests did not run to the end.');
    console.log('Integration: 0 passed, 1 failed');
    return 1;
  }

  if (exitCode !== 0 && results.failures === 0) {
    console.log(`VS Code reported exit code ${exitCode} although no test failed.`);
  }
  console.log(`Integration: ${results.passes} passed, ${results.failures} failed`);
  return exitCode === 0 && results.failures === 0 ? 0 : 1;
}

function readResults(resultsFile: string): TestResults | undefined {
  try {
    return JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as TestResults;
  } catch {
    return undefined;
  }
}

function reportTimeout(timeoutSeconds: number): number {
  console.log(`The integration tests did not finish within ${timeoutSeconds} s (CANVAS_SIS_TEST_TIMEOUT).`);
  return 1;
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    console.log('Integration: 0 passed, 1 failed');
    return 1;
  })
  .then(async (exitCode) => {
    await runCleanup();
    process.exit(exitCode);
  });
