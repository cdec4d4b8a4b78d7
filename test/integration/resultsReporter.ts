// A mocha reporter for the extension host. It prints through console.log, because that output
// reaches the test driver: through the page console under code-server, on stdout under desktop
// VS Code. It also writes a summary file for the driver, since the exit code alone cannot tell
// "all tests passed" from "no test ran". scripts/test.js reads the `✓` and `✗` lines, which carry
// full titles, to count the fault matrix tests.
import * as fs from 'node:fs';
import Mocha from 'mocha';

const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;

/** The environment variable with the path of the summary file. */
export const resultsFileVariable = 'CANVAS_SIS_TEST_RESULTS';

export interface TestResults {
  passes: number;
  failures: number;
  failedTitles: string[];
}

/** Writes the summary to the file named by CANVAS_SIS_TEST_RESULTS, if that variable is set. */
export function writeTestResults(results: TestResults): void {
  const resultsFile = process.env[resultsFileVariable];
  if (resultsFile) {
    fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
  }
}

export class ResultsReporter extends Mocha.reporters.Base {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const failedTitles: string[] = [];

    runner.on(EVENT_TEST_PASS, (test) => {
      console.log(`  ✓ ${test.fullTitle()}`);
    });

    runner.on(EVENT_TEST_PENDING, (test) => {
      console.log(`  - ${test.fullTitle()} (pending)`);
    });

    runner.on(EVENT_TEST_FAIL, (test, error: Error) => {
      failedTitles.push(test.fullTitle());
      console.log(`  ✗ ${test.fullTitle()}`);
      console.log(indent(error.stack ?? String(error)));
    });

    runner.once(EVENT_RUN_END, () => {
      const passes = this.stats.passes;
      const failures = this.stats.failures;
      console.log(`${passes} passing, ${failures} failing`);
      writeTestResults({ passes, failures, failedTitles });
    });
  }
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}
