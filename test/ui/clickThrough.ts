// The UI steps that runUi.ts runs in the workbench, in order. Each step is what a user does with
// the mouse, checked by what the user would see.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';

import type { UiSession } from './uiSession';

const stepTimeoutMs = 30_000;

/** The error the click-through opens: row 6 of courses.csv comes after a two-line record and a blank line. */
const engineeringError = 'Account not found "ENGR" for course ENGR101-F26';

function treeRow(page: Page, text: string | RegExp): Locator {
  return page.locator('.sidebar .monaco-list-row', { hasText: text }).first();
}

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

  if (!ui.fakeCanvasUrl) {
    return;
  }

  await ui.step('expand the account and an import', async () => {
    await treeRow(page, 'Northwind University').click({ timeout: stepTimeoutMs });
    await treeRow(page, 'Import 4822').waitFor({ timeout: stepTimeoutMs });
    await treeRow(page, 'Import 4822').click();
    await treeRow(page, 'courses.csv').waitFor({ timeout: stepTimeoutMs });

    const coursesText = await treeRow(page, 'courses.csv').innerText();
    assert.match(coursesText, /courses\.csv\s*5$/);

    await treeRow(page, 'courses.csv').click();
    await treeRow(page, engineeringError).waitFor({ timeout: stepTimeoutMs });
    await ui.screenshot('ui-02-tree');
  });

  await ui.step('open an error at its record', async () => {
    await treeRow(page, engineeringError).click();
    await page.locator('.tabs-container .tab', { hasText: 'courses.csv' }).first().waitFor({ timeout: stepTimeoutMs });

    const status = page.locator('[id="status.editor.selection"]');
    await status.filter({ hasText: /Ln 8, Col 1/ }).waitFor({ timeout: stepTimeoutMs });
    const statusText = (await status.innerText()).trim();
    assert.match(statusText, /^Ln 8, Col 1 \(\d+ selected\)$/);

    await page.waitForTimeout(500);
    await ui.screenshot('ui-03-error-opened');
  });

  await ui.step('read the Problems panel', async () => {
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await problems.waitFor({ timeout: stepTimeoutMs });
    await problems.locator('.monaco-list-row', { hasText: engineeringError }).first().waitFor({ timeout: stepTimeoutMs });

    const panelText = await problems.innerText();
    assert.match(panelText, /courses\.csv/);
    assert.match(panelText, /Canvas SIS/);
    assert.match(panelText, /Bad date format for course CS120-F26/);

    const badge = await page.locator('.panel .composite-bar [aria-label^="Problems"] .badge-content').first().innerText().catch(() => '');
    assert.equal(badge.trim(), '5');

    await ui.screenshot('ui-04-problems');
  });

  await ui.step('reload the window and list again', async () => {
    await page.keyboard.press('F1');
    await page.keyboard.type('Developer: Reload Window');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Developer: Reload Window' }).first().waitFor({ timeout: stepTimeoutMs });
    await page.keyboard.press('Enter');

    await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: stepTimeoutMs });
    await treeRow(page, 'Northwind University').waitFor({ timeout: stepTimeoutMs });
    if (!(await treeRow(page, 'Import 4822').isVisible())) {
      await treeRow(page, 'Northwind University').click();
    }

    await treeRow(page, 'Import 4822').waitFor({ timeout: stepTimeoutMs });
    await page.waitForTimeout(1000);

    const toasts = await page.locator('.notifications-toasts').allInnerTexts();
    assert.ok(!toasts.join('\n').includes('already registered'), `a notification reports a tree error: ${toasts.join(' | ')}`);
    await ui.screenshot('ui-05-after-reload');
  });
}
