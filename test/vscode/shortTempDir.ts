import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// VS Code and Chromium create unix sockets below their state folders, and a socket path may have at
// most 107 bytes on Linux. A long TMPDIR (macOS uses /var/folders/...) would exceed it.
const maxTempRootLength = 32;

/** Creates a new empty folder with a short path, for state that may contain sockets. */
export function makeShortTempDir(prefix: string): string {
  const systemTemp = os.tmpdir();
  const root = systemTemp.length <= maxTempRootLength ? systemTemp : '/tmp';
  return fs.mkdtempSync(path.join(root, prefix));
}
