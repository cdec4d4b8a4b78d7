// Prints the workbench's log lines, which include the extension host's console output in extension
// development mode, and takes the screenshots that tests request through the console.
import * as path from 'node:path';
import { format } from 'node:util';
import type { ConsoleMessage, Page } from 'playwright-core';

import { saveScreenshot } from './screenshots';

/** A console line `SCREENSHOT <name>` saves `<name>.png`. Names are limited to file-safe characters. */
const screenshotRequest = /^SCREENSHOT ([\w.-]+)$/;

export interface WorkbenchConsoleOptions {
  /** Also print the browser's other console output (network errors, warnings). */
  verbose?: boolean;
}

export interface WorkbenchConsole {
  /** Resolves when every message received so far has been printed. */
  flush(): Promise<void>;
}

/**
 * Follows the page's console. VS Code logs each line as `('%c INFO', 'color: …', text, …args)`,
 * and in extension development mode the extension host's console.log and console.error arrive the
 * same way, so those lines are printed to stdout without the `%c` styling.
 *
 * A test that logs `SCREENSHOT <name>` gets the workbench saved to
 * test-results/screenshots/<name>.png, and can wait for that file to exist.
 */
export function followWorkbenchConsole(page: Page, options: WorkbenchConsoleOptions): WorkbenchConsole {
  // Reading a message's arguments is asynchronous, so a promise chain keeps the printed lines in order.
  let pending = Promise.resolve();

  page.on('console', (message) => {
    pending = pending
      .then(() => handleMessage(page, message, options))
      .catch((error: unknown) => console.error(`Could not read a workbench console message: ${String(error)}`));
  });

  return { flush: () => pending };
}

async function handleMessage(page: Page, message: ConsoleMessage, options: WorkbenchConsoleOptions): Promise<void> {
  const args = await readArguments(message);
  const isVsCodeLogLine = typeof args[0] === 'string' && args[0].startsWith('%c');

  if (!isVsCodeLogLine) {
    if (options.verbose) {
      console.log(`[browser ${message.type()}] ${message.text()}`);
    }
    return;
  }

  // The integration run logs at trace level; the workbench's own trace and debug lines are noise there.
  if (!options.verbose && /^%c\s*(TRACE|DEBUG)\b/.test(args[0] as string)) {
    return;
  }

  const text = format(...args.slice(2));
  const screenshot = screenshotRequest.exec(text.trim());
  if (screenshot) {
    await saveRequestedScreenshot(page, screenshot[1]);
    return;
  }
  console.log(text);
}

async function readArguments(message: ConsoleMessage): Promise<unknown[]> {
  try {
    return await Promise.all(message.args().map((handle) => handle.jsonValue()));
  } catch {
    // The page may have closed meanwhile; the message text is still known.
    return [message.text()];
  }
}

async function saveRequestedScreenshot(page: Page, name: string): Promise<void> {
  try {
    const file = await saveScreenshot(page, name);
    console.log(`Screenshot saved: ${path.relative(process.cwd(), file)}`);
  } catch (error) {
    console.error(`Screenshot ${name} failed: ${String(error)}`);
  }
}
