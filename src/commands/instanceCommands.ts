// Commands that add and remove Canvas instances in the settings.
import * as vscode from 'vscode';

import { normalizeInstanceUrl } from '../canvas/instanceUrl';
import { TokenStore } from '../auth/tokenStore';
import { Logger } from '../log';
import { addInstanceSetting, readInstances, removeInstanceSetting } from '../settings';
import { InstanceNode } from '../tree/instanceNode';

/** Asks for a Canvas address and returns its origin, or undefined when cancelled. */
export async function promptForInstanceUrl(): Promise<string | undefined> {
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add Canvas Instance'),
    prompt: vscode.l10n.t('The address of your Canvas instance'),
    placeHolder: 'https://school.instructure.com',
    ignoreFocusOut: true,
    validateInput: (value) => {
      try {
        normalizeInstanceUrl(value);
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    },
  });
  if (typed === undefined) {
    return undefined;
  }

  const origin = normalizeInstanceUrl(typed);
  if (!readInstances().some((instance) => instance.origin === origin)) {
    await addInstanceSetting(origin, undefined);
  }

  return origin;
}

/**
 * Returns the instance origin named by a command argument, or the one the user picks. With
 * `offerToAdd`, the pick also lists "Add Canvas Instance…", and an empty list prompts for a URL.
 */
export async function chooseInstance(target: unknown, title: string, offerToAdd: boolean): Promise<string | undefined> {
  if (target instanceof InstanceNode) {
    return target.configured.origin;
  }

  if (typeof target === 'string') {
    return normalizeInstanceUrl(target);
  }

  const instances = readInstances().filter((instance) => instance.origin !== undefined);
  if (instances.length === 0) {
    if (offerToAdd) {
      return promptForInstanceUrl();
    }
    void vscode.window.showInformationMessage(vscode.l10n.t('No Canvas instance is configured. Add one with "Canvas SIS: Add Canvas Instance".'));
    return undefined;
  }

  const addInstance = { label: `$(add) ${vscode.l10n.t('Add Canvas Instance…')}`, origin: undefined };
  const items = [
    ...instances.map((instance) => ({ label: instance.label, description: instance.origin, origin: instance.origin })),
    ...(offerToAdd ? [addInstance] : []),
  ];
  const picked = await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true });
  if (picked === addInstance) {
    return promptForInstanceUrl();
  }

  return picked?.origin;
}

/** `canvasSis.addInstance`: adds an instance, then offers to set its token. */
export async function addInstanceCommand(url?: unknown, name?: unknown): Promise<string | undefined> {
  if (typeof url === 'string') {
    const origin = normalizeInstanceUrl(url);
    await addInstanceSetting(origin, typeof name === 'string' && name.trim() ? name.trim() : undefined);
    return origin;
  }

  const listedOrigins = new Set(readInstances().map((instance) => instance.origin));
  const origin = await promptForInstanceUrl();
  if (!origin) {
    return undefined;
  }

  if (listedOrigins.has(origin)) {
    const setToken = vscode.l10n.t('Set API Token');
    const answer = await vscode.window.showInformationMessage(vscode.l10n.t('{0} is already in the SIS Imports view.', origin), setToken);
    if (answer === setToken) {
      await vscode.commands.executeCommand('canvasSis.setToken', origin);
    }
    return origin;
  }

  const displayName = await vscode.window.showInputBox({
    title: vscode.l10n.t('Add Canvas Instance'),
    prompt: vscode.l10n.t('A display name for {0} (optional), for example "Production" or "Test"', origin),
    ignoreFocusOut: true,
  });
  if (displayName && displayName.trim()) {
    await addInstanceSetting(origin, displayName.trim());
  }

  await vscode.commands.executeCommand('canvasSis.setToken', origin);
  return origin;
}

/** `canvasSis.removeInstance`: removes an instance from the settings and deletes its token. */
export async function removeInstanceCommand(tokens: TokenStore, log: Logger, target?: unknown): Promise<void> {
  const origin = await chooseInstance(target, vscode.l10n.t('Remove which Canvas instance?'), false);
  if (!origin) {
    return;
  }

  const remove = vscode.l10n.t('Remove');
  const answer = await vscode.window.showWarningMessage(
    vscode.l10n.t('Remove {0} from the SIS Imports view and delete its API token?', origin),
    { modal: true },
    remove,
  );
  if (answer !== remove) {
    return;
  }

  await removeInstanceSetting(origin);
  await tokens.delete(origin);
  log.info('settings', `Removed the instance ${origin}.`);
}
