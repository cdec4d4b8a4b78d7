import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

import { setupScript } from './repoPaths';

/**
 * Runs setup-code-server.sh, which installs code-server on the first run and only checks on later
 * runs (about 0.1 s), and returns the path of the code-server executable.
 */
export function installCodeServer(): string {
  const result = spawnSync('bash', [setupScript], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  if (result.error) {
    throw new Error(`Could not run ${setupScript}: ${result.error.message}`);
  }
  if (result.status !== 0) {
    throw new Error(`${setupScript} failed with exit code ${result.status}; see its output above.`);
  }

  const cacheDir = result.stdout.trim().split('\n').pop() ?? '';
  return path.join(cacheDir, 'cs', 'node_modules', '.bin', 'code-server');
}
