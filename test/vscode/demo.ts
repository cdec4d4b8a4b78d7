// `npm run demo`: starts the fake Canvas on 127.0.0.1:8910 with its sample data and opens VS Code on
// test/fixtures/workspace with this extension in development mode and the fake Canvas configured.
//
// With a desktop `code` on PATH, that VS Code opens, with a temporary user data folder. Otherwise,
// or with `npm run demo -- --web`, code-server starts on 127.0.0.1:8911 (installed first if needed)
// and the address to open in a browser is printed. Runs until Ctrl+C.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { addCleanup, isCleaningUp, runCleanup } from './cleanup';
import { startCodeServer } from './codeServer';
import { startDemoCanvas, type DemoCanvas } from './demoCanvas';
import { installCodeServer } from './installCodeServer';
import { fixturesWorkspace, repoRoot } from './repoPaths';
import { makeShortTempDir } from './shortTempDir';
import { writeUserSettings } from './userSettings';

const fakeCanvasPort = 8910;
const codeServerPort = 8911;

async function main(): Promise<void> {
  if (!fs.existsSync(fixturesWorkspace)) {
    throw new Error(`${fixturesWorkspace} is missing, so there is no workspace to open.`);
  }

  const canvas = await startDemoCanvas(fakeCanvasPort);
  if (!canvas) {
    throw new Error('The fake Canvas server (test/fake-canvas/server.ts) is missing, so the demo cannot run.');
  }
  addCleanup(() => canvas.close());
  console.log(`Fake Canvas: ${canvas.baseUrl} (demo API token: ${canvas.token})`);

  const desktopCode = process.argv.includes('--web') ? undefined : findOnPath('code');
  if (desktopCode) {
    await runDesktopVsCode(desktopCode, canvas);
  } else {
    await runCodeServer(canvas);
  }
}

/** Opens a desktop VS Code window and resolves when the window is closed. */
async function runDesktopVsCode(executable: string, canvas: DemoCanvas): Promise<void> {
  // A separate user data folder starts a new VS Code instance, which is what makes the demo
  // settings and the CANVAS_SIS_DEMO_* variables reach the extension host.
  const stateDir = makeShortTempDir('demo-');
  addCleanup(() => fs.rmSync(stateDir, { recursive: true, force: true }));
  const userDataDir = path.join(stateDir, 'data');
  writeUserSettings(userDataDir, canvas.userSettings);

  const args = [
    `--user-data-dir=${userDataDir}`,
    `--extensionDevelopmentPath=${repoRoot}`,
    '--new-window',
    '--wait',
    fixturesWorkspace,
  ];
  const child = spawn(executable, args, { stdio: 'inherit', env: { ...process.env, ...canvas.extensionHostEnv } });
  // NOTE: this stops the `code` command-line process, which waits for the window. The window is
  // VS Code's own process and stays open until the user closes it.
  addCleanup(() => {
    if (child.exitCode === null) {
      child.kill();
    }
  });

  console.log(`VS Code opened ${fixturesWorkspace}. Close its window or press Ctrl+C to stop the demo.`);
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', () => resolve());
  });
}

/** Starts code-server, prints the address to open and resolves when code-server exits. */
async function runCodeServer(canvas: DemoCanvas): Promise<void> {
  const server = await startCodeServer({
    executable: installCodeServer(),
    port: codeServerPort,
    userSettings: canvas.userSettings,
    env: canvas.extensionHostEnv,
  });
  addCleanup(() => server.stop());

  const url = server.workbenchUrl({ folder: fixturesWorkspace, extensionDevelopmentPath: repoRoot });
  console.log('');
  console.log('Open this address in a browser on this machine (from another machine, forward the port');
  console.log(`first: ssh -L ${codeServerPort}:127.0.0.1:${codeServerPort} <this host>):`);
  console.log('');
  console.log(`  ${url}`);
  console.log('');
  console.log(`code-server log: ${server.logFile}`);
  console.log('Press Ctrl+C to stop the demo.');

  // Ctrl+C runs the cleanup steps, which stop code-server, and ends the process.
  await server.exited;
  if (!isCleaningUp()) {
    throw new Error(`code-server exited unexpectedly; see ${server.logFile}`);
  }
}

function findOnPath(command: string): string | undefined {
  for (const folder of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(folder, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder.
    }
  }
  return undefined;
}

main()
  .then(() => 0)
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  })
  .then(async (exitCode) => {
    await runCleanup();
    process.exit(exitCode);
  });
