// Headless Chromium for driving code-server's workbench, through playwright-core.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

import { makeShortTempDir } from './shortTempDir';

/** The executable of Debian's chromium package. CHROMIUM_PATH selects another Chromium build. */
const defaultChromiumPath = '/usr/bin/chromium';

// Keep Chromium from contacting Google's services and from needing a GPU or a user namespace.
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-breakpad',
];

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Closes Chromium and removes its temporary profile. */
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<BrowserSession> {
  const profileDir = makeShortTempDir('chr-');
  const xdgDir = path.join(profileDir, 'xdg');

  const context = await chromium.launchPersistentContext(path.join(profileDir, 'profile'), {
    executablePath: process.env.CHROMIUM_PATH ?? defaultChromiumPath,
    headless: true,
    args: chromiumArgs,
    env: { ...process.env, XDG_CONFIG_HOME: xdgDir, XDG_CACHE_HOME: xdgDir },
    viewport: { width: 1400, height: 850 },
  });
  const page = context.pages()[0] ?? (await context.newPage());

  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      fs.rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
