import type { Page } from 'playwright-core';

/** What the UI test steps get: the workbench page with the extension running, and step helpers. */
export interface UiSession {
  /** The code-server workbench, loaded and showing the activity bar. */
  readonly page: Page;
  /** The open workspace folder: a temporary copy of test/fixtures/workspace. */
  readonly workspace: string;
  /** The fake Canvas origin listed in canvasSis.instances, or undefined when it is not available. */
  readonly fakeCanvasUrl: string | undefined;
  /**
   * Runs one named step and records whether it passed. A failing step saves a screenshot and
   * rethrows, which ends the click-through, because later steps depend on the earlier ones.
   */
  step(title: string, action: () => Promise<void>): Promise<void>;
  /** Saves the workbench as test-results/screenshots/<name>.png. */
  screenshot(name: string): Promise<void>;
}
