// The entry point of the extension host tests. VS Code loads this module (as `extensionTestsPath`)
// and awaits run(). The test session exits with code 0 when run() resolves and 1 when it rejects.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

import { ResultsReporter, writeTestResults } from './resultsReporter';

/** Extension host tests start VS Code features and a fake Canvas, so they get more time than unit tests. */
const testTimeoutMs = 30_000;

/** Runs every out/test/integration/**\/*.test.js; resolves when all passed, rejects otherwise. */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: testTimeoutMs, reporter: ResultsReporter });
  for (const file of findTestFiles(__dirname)) {
    mocha.addFile(file);
  }

  let failures: number;
  try {
    failures = await new Promise<number>((resolve) => mocha.run(resolve));
  } catch (error) {
    // A test file that throws while loading stops mocha before any test runs or any report exists.
    // VS Code logs the stack trace of the rejection that follows.
    console.log(`Could not load the integration tests: ${error instanceof Error ? error.message : String(error)}`);
    writeTestResults({ passes: 0, failures: 1, failedTitles: ['loading the integration test files'] });
    throw error;
  }

  if (failures > 0) {
    throw new Error(`${failures} integration test(s) failed.`);
  }
}

function findTestFiles(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((relativePath) => relativePath.endsWith('.test.js'))
    .sort()
    .map((relativePath) => path.join(folder, relativePath));
}
