import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';

import { screenshotsDir } from './repoPaths';

/**
 * Saves the page as test-results/screenshots/<name>.png and returns the file's path. The file is
 * written under another name and then renamed, so a test that waits for it never reads a partial file.
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const file = path.join(screenshotsDir, `${name}.png`);
  const partialFile = `${file}.partial`;

  fs.mkdirSync(screenshotsDir, { recursive: true });
  fs.writeFileSync(partialFile, await page.screenshot());
  fs.renameSync(partialFile, file);
  return file;
}
