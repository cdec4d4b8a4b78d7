// Typed access to the canvasSis.* settings.
import * as path from 'node:path';
import * as vscode from 'vscode';

import { normalizeInstanceUrl } from './canvas/instanceUrl';

const section = 'canvasSis';

/** One entry of `canvasSis.instances`, as the user wrote it. */
export interface InstanceSetting {
  url: string;
  name?: string;
}

/** A configured instance: its normalised origin, or the reason its URL is unusable. */
export interface ConfiguredInstance {
  setting: InstanceSetting;
  origin?: string;
  invalidReason?: string;
  label: string;
}

/** Reads `canvasSis.instances`, normalising each URL; duplicates of one origin are listed once. */
export function readInstances(): ConfiguredInstance[] {
  const entries = vscode.workspace.getConfiguration(section).get<unknown[]>('instances', []);
  const instances: ConfiguredInstance[] = [];
  const seenOrigins = new Set<string>();

  for (const entry of Array.isArray(entries) ? entries : []) {
    const setting = toInstanceSetting(entry);
    if (!setting) {
      continue;
    }

    try {
      const origin = normalizeInstanceUrl(setting.url);
      if (seenOrigins.has(origin)) {
        continue;
      }

      seenOrigins.add(origin);
      instances.push({ setting, origin, label: setting.name?.trim() || new URL(origin).host });
    } catch (error) {
      instances.push({ setting, invalidReason: (error as Error).message, label: setting.name?.trim() || setting.url });
    }
  }

  return instances;
}

/** Adds an instance to the user settings, or renames it when its origin is already listed. */
export async function addInstanceSetting(origin: string, name: string | undefined): Promise<void> {
  const configuration = vscode.workspace.getConfiguration(section);
  const current = (configuration.get<unknown[]>('instances', []) ?? []).map(toInstanceSetting).filter((entry): entry is InstanceSetting => entry !== undefined);
  const others = current.filter((entry) => originOrUndefined(entry.url) !== origin);
  const added: InstanceSetting = name ? { url: origin, name } : { url: origin };
  await configuration.update('instances', [...others, added], vscode.ConfigurationTarget.Global);
}

/** Removes every entry of `origin` from the user settings. */
export async function removeInstanceSetting(origin: string): Promise<void> {
  const configuration = vscode.workspace.getConfiguration(section);
  const inspected = configuration.inspect<unknown[]>('instances');
  const targets: Array<[unknown[] | undefined, vscode.ConfigurationTarget]> = [
    [inspected?.globalValue, vscode.ConfigurationTarget.Global],
    [inspected?.workspaceValue, vscode.ConfigurationTarget.Workspace],
  ];

  for (const [value, target] of targets) {
    if (!Array.isArray(value)) {
      continue;
    }

    const remainingEntries = value.filter((entry) => originOrUndefined(toInstanceSetting(entry)?.url) !== origin);
    if (remainingEntries.length !== value.length) {
      await configuration.update('instances', remainingEntries, target);
    }
  }
}

/**
 * Returns the absolute folders of `canvasSis.csvFolders`. Relative entries are resolved
 * against the first workspace folder and skipped when no folder is open.
 */
export function readCsvFolders(): string[] {
  const entries = vscode.workspace.getConfiguration(section).get<unknown[]>('csvFolders', []);
  const workspaceRoot = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const folders: string[] = [];

  for (const entry of Array.isArray(entries) ? entries : []) {
    if (typeof entry !== 'string' || entry.trim().length === 0) {
      continue;
    }

    const folder = expandHome(entry.trim());
    if (path.isAbsolute(folder)) {
      folders.push(path.normalize(folder));
    } else if (workspaceRoot) {
      folders.push(path.resolve(workspaceRoot, folder));
    }
  }

  return folders;
}

/** Request timeouts in milliseconds, from canvasSis.requestTimeoutSeconds and canvasSis.connectTimeoutSeconds. */
export interface RequestTimeouts {
  requestTimeoutMs: number;
  connectTimeoutMs: number;
}

export function readRequestTimeouts(): RequestTimeouts {
  const configuration = vscode.workspace.getConfiguration(section);
  return {
    requestTimeoutMs: secondsSetting(configuration.get<unknown>('requestTimeoutSeconds'), 60, 5, 600) * 1000,
    connectTimeoutMs: secondsSetting(configuration.get<unknown>('connectTimeoutSeconds'), 15, 1, 120) * 1000,
  };
}

/** Returns the interval of checks on running imports in milliseconds, or 0 when they are off. */
export function readPollIntervalMs(): number {
  const value = vscode.workspace.getConfiguration(section).get<unknown>('pollSeconds');
  return value === 0 ? 0 : secondsSetting(value, 30, 5, 3600) * 1000;
}

/** True when a change event touches a request timeout setting. */
export function affectsRequestTimeouts(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${section}.requestTimeoutSeconds`) || event.affectsConfiguration(`${section}.connectTimeoutSeconds`);
}

/** True when a change event touches the list of instances. */
export function affectsInstances(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${section}.instances`);
}

function toInstanceSetting(entry: unknown): InstanceSetting | undefined {
  if (typeof entry === 'string') {
    return { url: entry };
  }

  if (entry && typeof entry === 'object' && typeof (entry as InstanceSetting).url === 'string') {
    const { url, name } = entry as InstanceSetting;
    return typeof name === 'string' ? { url, name } : { url };
  }

  return undefined;
}

function originOrUndefined(url: string | undefined): string | undefined {
  if (!url) {
    return undefined;
  }

  try {
    return normalizeInstanceUrl(url);
  } catch {
    return undefined;
  }
}

function expandHome(folder: string): string {
  const home = process.env.HOME ?? process.env.USERPROFILE;
  return home && (folder === '~' || folder.startsWith('~/')) ? path.join(home, folder.slice(1)) : folder;
}

function secondsSetting(value: unknown, fallback: number, minimum: number, maximum: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return fallback;
  }

  return Math.min(maximum, Math.max(minimum, value));
}
