// Folders of this repository that the test and demo scripts use. The scripts run compiled from
// out/test/<area>/, three levels below the repository root.
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');

/** The folder opened in VS Code by the tests (as a copy) and by the demo (in place). */
export const fixturesWorkspace = path.join(repoRoot, 'test', 'fixtures', 'workspace');

export const screenshotsDir = path.join(repoRoot, 'test-results', 'screenshots');

export const setupScript = path.join(repoRoot, 'test', 'vscode', 'setup-code-server.sh');
