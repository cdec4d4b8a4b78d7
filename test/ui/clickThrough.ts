// The UI steps that runUi.ts runs in the workbench, in order. Each step is what a user does with
// the mouse, checked by what the user would see.
import type { UiSession } from './uiSession';

const stepTimeoutMs = 30_000;

export async function clickThrough(ui: UiSession): Promise<void> {
  const { page } = ui;

  await ui.step('open the Canvas SIS view', async () => {
    await page.locator('.activitybar [aria-label^="Canvas SIS"]').first().click({ timeout: stepTimeoutMs });

    // A container with a single view hides the view's own header and shows "CANVAS SIS: SIS IMPORTS".
    await page.locator('.sidebar .title-label', { hasText: /SIS Imports/i }).waitFor({ timeout: stepTimeoutMs });

    // With the fake Canvas configured, the instance row appears once the extension has activated.
    // Without it, the view shows its welcome content.
    const expectedContent = ui.fakeCanvasUrl
      ? page.locator('.sidebar .monaco-list-row', { hasText: 'Northwind (demo)' })
      : page.locator('.sidebar .welcome-view-content');
    await expectedContent.first().waitFor({ timeout: stepTimeoutMs });

    await ui.screenshot('ui-01-view');
  });
}
