// Starts and stops code-server, a real VS Code whose workbench runs in a browser and whose extension
// host is a Node process on this machine.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import { makeShortTempDir } from './shortTempDir';
import { writeUserSettings } from './userSettings';

const host = '127.0.0.1';
const startTimeoutMs = 60_000;
const stopTimeoutMs = 5_000;

export interface CodeServerOptions {
  /** The code-server executable, as returned by installCodeServer(). */
  executable: string;
  /** A free port is chosen when omitted. */
  port?: number;
  /** Written to the user settings.json, over quietUserSettings. */
  userSettings?: Record<string, unknown>;
  /** Added to code-server's environment, which the extension host inherits. */
  env?: Record<string, string>;
  /** The level of every log, extension logs included: `trace`, `debug`, `info`, `warn` or `error`. */
  logLevel?: string;
}

export interface WorkbenchUrlOptions {
  /** The folder to open, as an absolute path. */
  folder: string;
  /** The root of an extension to run in development mode, as an absolute path. */
  extensionDevelopmentPath?: string;
  /** A module whose `run()` the extension host awaits before the workbench reports the exit code. */
  extensionTestsPath?: string;
}

export interface CodeServer {
  /** For example `http://127.0.0.1:40123`. */
  readonly origin: string;
  /** The per-run folder with the user data, extensions, TMPDIR, XDG folders and server.log. */
  readonly stateDir: string;
  readonly logFile: string;
  /** Resolves when the code-server process exits, whether stop() ended it or not. */
  readonly exited: Promise<void>;
  workbenchUrl(options: WorkbenchUrlOptions): string;
  /** Stops the server's whole process group, and removes the state folder unless `keepState`. */
  stop(options?: { keepState?: boolean }): Promise<void>;
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const port = options.port ?? (await findFreePort());
  const stateDir = makeShortTempDir('vcs-');
  const logFile = path.join(stateDir, 'server.log');
  const userDataDir = path.join(stateDir, 'data');

  writeUserSettings(userDataDir, options.userSettings);
  const child = spawnCodeServer(options, port, stateDir, logFile);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origin = `http://${host}:${port}`;

  try {
    await waitUntilHealthy(origin, child, logFile);
  } catch (error) {
    await stopProcessGroup(child);
    throw error;
  }

  return {
    origin,
    stateDir,
    logFile,
    exited,
    workbenchUrl: (urlOptions) => buildWorkbenchUrl(origin, urlOptions),
    stop: async (stopOptions) => {
      await stopProcessGroup(child);
      if (!stopOptions?.keepState) {
        fs.rmSync(stateDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * Builds the workbench address. code-server rejects `--extensionDevelopmentPath`, so the extension
 * and test paths travel in the `payload` query that VS Code's web workbench reads, as
 * `vscode-remote://` URIs whose authority must equal the page's host and port.
 */
export function buildWorkbenchUrl(origin: string, options: WorkbenchUrlOptions): string {
  const authority = new URL(origin).host;
  const remoteUri = (absolutePath: string) => `vscode-remote://${authority}${pathToFileURL(absolutePath).pathname}`;

  const payload: [string, string][] = [];
  if (options.extensionDevelopmentPath) {
    payload.push(['extensionDevelopmentPath', remoteUri(options.extensionDevelopmentPath)]);
  }
  if (options.extensionTestsPath) {
    payload.push(['extensionTestsPath', remoteUri(options.extensionTestsPath)]);
  }

  const url = new URL('/', origin);
  url.searchParams.set('folder', options.folder);
  if (payload.length > 0) {
    url.searchParams.set('payload', JSON.stringify(payload));
  }
  return url.toString();
}

function spawnCodeServer(options: CodeServerOptions, port: number, stateDir: string, logFile: string): ChildProcess {
  const xdgDir = path.join(stateDir, 'xdg');
  const tmpDir = path.join(stateDir, 'tmp');
  fs.mkdirSync(xdgDir, { recursive: true });
  fs.mkdirSync(tmpDir, { recursive: true });

  const args = [
    '--auth', 'none',
    '--bind-addr', `${host}:${port}`,
    '--user-data-dir', path.join(stateDir, 'data'),
    '--extensions-dir', path.join(stateDir, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (options.logLevel) {
    args.push('--log', options.logLevel);
  }

  // EXTENSIONS_GALLERY={} turns off the extension marketplace (open-vsx.org by default), which
  // code-server otherwise queries at start-up. The folders keep code-server, VS Code and their child
  // processes from writing into the home folder and /tmp.
  const env = {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    ...options.env,
    TMPDIR: tmpDir,
    XDG_CONFIG_HOME: xdgDir,
    XDG_DATA_HOME: xdgDir,
    XDG_CACHE_HOME: xdgDir,
  };

  // `detached` makes the server the leader of a new process group, so that stop() can end the
  // extension host and the other processes it starts along with it.
  const logFd = fs.openSync(logFile, 'a');
  try {
    const child = spawn(options.executable, args, { detached: true, env, stdio: ['ignore', logFd, logFd] });
    child.on('error', (error) => fs.appendFileSync(logFile, `Could not start ${options.executable}: ${error.message}\n`));
    return child;
  } finally {
    fs.closeSync(logFd);
  }
}

async function waitUntilHealthy(origin: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + startTimeoutMs;

  while (Date.now() < deadline) {
    if (await isHealthy(origin)) {
      return;
    }
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited during start-up. Its log (${logFile}):\n${readLogTail(logFile)}`);
    }
    await delay(250);
  }

  throw new Error(`code-server did not answer ${origin}/healthz within ${startTimeoutMs / 1000} s. Its log (${logFile}):\n${readLogTail(logFile)}`);
}

async function isHealthy(origin: string): Promise<boolean> {
  try {
    const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(2_000) });
    return response.ok;
  } catch {
    return false;
  }
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  const groupId = child.pid;
  if (groupId === undefined) {
    return;
  }

  signalGroup(groupId, 'SIGTERM');
  const deadline = Date.now() + stopTimeoutMs;
  while (Date.now() < deadline && signalGroup(groupId, 0)) {
    await delay(100);
  }
  signalGroup(groupId, 'SIGKILL');
}

/** Sends a signal to a process group. Returns false when the group no longer exists. */
function signalGroup(groupId: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-groupId, signal);
    return true;
  } catch {
    return false;
  }
}

async function findFreePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function readLogTail(logFile: string): string {
  try {
    return fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log written)';
  }
}

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
