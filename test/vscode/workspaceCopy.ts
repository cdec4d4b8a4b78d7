import * as fs from 'node:fs';
import * as path from 'node:path';

import { fixturesWorkspace } from './repoPaths';
import { makeShortTempDir } from './shortTempDir';

export interface WorkspaceCopy {
  /** The copy, named like the fixtures folder because the workbench shows that name in titles. */
  readonly folder: string;
  /** Removes the copy and its temporary parent folder. */
  remove(): void;
}

/**
 * Copies test/fixtures/workspace into a new temporary folder, so that tests may change files.
 * The copy is empty when the fixtures folder does not exist.
 */
export function copyFixturesWorkspace(): WorkspaceCopy {
  const parent = makeShortTempDir('ws-');
  const folder = path.join(parent, path.basename(fixturesWorkspace));
  fs.mkdirSync(folder);

  if (fs.existsSync(fixturesWorkspace)) {
    fs.cpSync(fixturesWorkspace, folder, { recursive: true });
  } else {
    console.warn(`${fixturesWorkspace} not found: the tests run on an empty workspace.`);
  }

  return {
    folder,
    remove: () => fs.rmSync(parent, { recursive: true, force: true }),
  };
}
