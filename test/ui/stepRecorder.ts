import { stripVTControlCharacters } from 'node:util';

/** The error that a failed step rethrows, after the failure has been counted and printed. */
export class StepFailedError extends Error {}

/** Runs UI steps, prints a ✓ or ✗ line for each and counts them. */
export class StepRecorder {
  passed = 0;
  failed = 0;

  constructor(private readonly saveScreenshot: (name: string) => Promise<unknown>) {}

  async run(title: string, action: () => Promise<void>): Promise<void> {
    const startedAt = Date.now();
    try {
      await action();
    } catch (error) {
      this.recordFailure(title, error);
      await this.saveScreenshot(`ui-failed-${fileNameOf(title)}`).catch(() => undefined);
      throw new StepFailedError(`UI step failed: ${title}`);
    }

    this.passed++;
    console.log(`  ✓ ${title} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
  }

  /** Counts and prints a failure: of a step, or outside the steps, such as a timeout. */
  recordFailure(title: string, error: unknown): void {
    this.failed++;
    console.log(`  ✗ ${title}`);
    // Playwright styles its call log with terminal escape codes even when stdout is a file.
    const message = error instanceof Error ? error.message : String(error);
    console.log(`      ${stripVTControlCharacters(message)}`);
  }
}

function fileNameOf(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
