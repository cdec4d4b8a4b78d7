// Size of the production bundle that the packaged extension ships (dist/extension.js).
import * as fs from 'node:fs';
import * as path from 'node:path';

import { runTimed } from './childProcess';
import { repoRoot } from '../vscode/repoPaths';

export const BUNDLE_PATH = path.join(repoRoot, 'dist', 'extension.js');

/** Builds the minified bundle with `node esbuild.js --production` and returns its size in bytes. */
export async function buildProductionBundle(): Promise<number> {
  await runTimed(process.execPath, ['esbuild.js', '--production'], repoRoot);
  return fs.statSync(BUNDLE_PATH).size;
}

/** Rebuilds the development bundle (with source map) that `npm run build` leaves in dist/. */
export async function restoreDevelopmentBundle(): Promise<void> {
  await runTimed(process.execPath, ['esbuild.js'], repoRoot);
}
