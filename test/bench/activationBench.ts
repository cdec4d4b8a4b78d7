// Activation time of the extension in a real VS Code (code-server in headless Chromium), as
// VS Code's own "Developer: Show Running Extensions" editor reports it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

import { launchBrowser } from '../vscode/browser';
import { startCodeServer } from '../vscode/codeServer';
import { installCodeServer } from '../vscode/installCodeServer';
import { repoRoot } from '../vscode/repoPaths';
import { makeShortTempDir } from '../vscode/shortTempDir';

const EXTENSION_ID = 'canvas-sis-tools.canvas-sis-import-errors';
const STEP_TIMEOUT_MS = 60_000;

/** Activations measured in one code-server, each in a newly loaded workbench. */
export interface ActivationBenchResult {
  /** codeLoadingTime + activateCallTime of each run, in milliseconds, as the editor shows them. */
  activationMs: number[];
  /** The activation events that the extension host log names for this extension. */
  activationEvents: string[];
  codeServerVersion: string;
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: STEP_TIMEOUT_MS });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.keyboard.press('Enter');
}

/**
 * Opens the Canvas SIS view, which activates the extension (activation event
 * `onView:canvasSis.imports`), and reads its activation time in the Running Extensions editor.
 */
async function measureOneActivation(page: Page): Promise<number> {
  await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.locator('.activitybar [aria-label^="Canvas SIS"]').first().click({ timeout: STEP_TIMEOUT_MS });
  await page.locator('.sidebar .title-label', { hasText: /SIS Imports/i }).waitFor({ timeout: STEP_TIMEOUT_MS });

  await runCommand(page, 'Developer: Show Running Extensions');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: EXTENSION_ID }).first();
  const activationTime = row.locator('.activation-time').filter({ hasText: /Activation: \d+ms/ });
  await activationTime.waitFor({ timeout: STEP_TIMEOUT_MS });
  const text = await activationTime.innerText();

  return Number(/Activation: (\d+)ms/.exec(text)?.[1]);
}

/**
 * Loads the workbench in a new browser profile, so that every run starts from the same layout
 * (the workbench keeps its layout in browser storage), and measures one activation. Each load
 * starts a new extension host.
 */
async function measureInNewBrowser(url: string): Promise<number> {
  const browser = await launchBrowser();
  try {
    await browser.page.goto(url, { timeout: STEP_TIMEOUT_MS });
    return await measureOneActivation(browser.page);
  } finally {
    await browser.close();
  }
}

/** Reads the activation events of this extension from every extension host log of the server. */
function readActivationEvents(stateDir: string): string[] {
  const logsDir = path.join(stateDir, 'data', 'logs');
  const logFiles = fs.existsSync(logsDir) ? (fs.readdirSync(logsDir, { recursive: true }) as string[]).filter((name) => name.endsWith('exthost.log')) : [];
  const pattern = new RegExp(`_doActivateExtension ${EXTENSION_ID.replace(/\./g, '\\.')}, startup: \\w+, activationEvent: '([^']+)'`, 'g');

  return logFiles.flatMap((name) => [...fs.readFileSync(path.join(logsDir, name), 'utf8').matchAll(pattern)].map((match) => match[1]));
}

function readCodeServerVersion(executable: string): string {
  const packageJson = path.join(path.dirname(executable), '..', 'code-server', 'package.json');
  return (JSON.parse(fs.readFileSync(packageJson, 'utf8')) as { version: string }).version;
}

/** Loads the workbench `runs` times with the extension in development mode and measures each activation. */
export async function runActivationBench(runs: number): Promise<ActivationBenchResult> {
  const executable = installCodeServer();
  const workspace = makeShortTempDir('bench-ws-');
  const server = await startCodeServer({ executable });

  try {
    const activationMs: number[] = [];
    const url = server.workbenchUrl({ folder: workspace, extensionDevelopmentPath: repoRoot });
    for (let run = 0; run < runs; run++) {
      activationMs.push(await measureInNewBrowser(url));
    }

    return { activationMs, activationEvents: readActivationEvents(server.stateDir), codeServerVersion: readCodeServerVersion(executable) };
  } finally {
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}
