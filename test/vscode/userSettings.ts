import * as fs from 'node:fs';
import * as path from 'node:path';

/** User settings that keep a test or demo window free of start pages, prompts and network checks. */
export const quietUserSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  // The demo workspace is inside this Git repository, and VS Code would offer to open the repository.
  'git.openRepositoryInParentFolders': 'never',
};

/** Writes the quiet settings, overridden by `settings`, as the user settings of a VS Code user data folder. */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown> = {}): void {
  const userDir = path.join(userDataDir, 'User');
  fs.mkdirSync(userDir, { recursive: true });
  fs.writeFileSync(path.join(userDir, 'settings.json'), JSON.stringify({ ...quietUserSettings, ...settings }, null, 2));
}
