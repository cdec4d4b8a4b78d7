// Commands that store, check and delete API tokens.
import * as vscode from 'vscode';

import { CanvasClient } from '../canvas/client';
import { CanvasError, InvalidTokenError } from '../canvas/errors';
import { normalizeInstanceUrl } from '../canvas/instanceUrl';
import { getCurrentUser } from '../canvas/sisApi';
import { CanvasUser } from '../canvas/types';
import { TokenStore } from '../auth/tokenStore';
import { Logger } from '../log';
import { addInstanceSetting, readInstances } from '../settings';
import { chooseInstance } from './instanceCommands';

export interface TokenCommandServices {
  tokens: TokenStore;
  log: Logger;
  createClient(origin: string, token: string): CanvasClient;
}

/**
 * Runs `canvasSis.setToken`. Scripts pass `(instanceUrl, token)`: the token is checked and
 * stored without prompting, and the instance is added to the settings when it is missing.
 * A token that Canvas rejects makes the command fail. Without arguments, the user picks the
 * instance and enters the token.
 */
export async function setTokenCommand(services: TokenCommandServices, target?: unknown, scriptedToken?: unknown): Promise<boolean> {
  if (typeof target === 'string' && typeof scriptedToken === 'string') {
    return setTokenFromScript(services, target, scriptedToken);
  }

  const origin = await chooseInstance(target, vscode.l10n.t('Set the API token of which Canvas instance?'), true);
  if (!origin) {
    return false;
  }

  for (;;) {
    const token = await vscode.window.showInputBox({
      title: vscode.l10n.t('Canvas API token for {0}', new URL(origin).host),
      prompt: vscode.l10n.t('Paste a Canvas access token (in Canvas: Account → Settings → New Access Token). It is kept in VS Code secret storage.'),
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim().length === 0 ? vscode.l10n.t('Enter a token.') : undefined),
    });
    if (token === undefined) {
      return false;
    }

    const outcome = await checkAndStore(services, origin, token.trim(), true);
    if (outcome.status !== 'rejected') {
      return outcome.status === 'stored';
    }

    const tryAgain = vscode.l10n.t('Try Again');
    const answer = await vscode.window.showErrorMessage(outcome.rejection, tryAgain);
    if (answer !== tryAgain) {
      return false;
    }
  }
}

/** `canvasSis.signOut`: deletes the token of one instance. */
export async function signOutCommand(services: TokenCommandServices, target?: unknown): Promise<void> {
  const origin = await chooseInstance(target, vscode.l10n.t('Sign out of which Canvas instance?'), false);
  if (!origin) {
    return;
  }

  await services.tokens.delete(origin);
  services.log.info('auth', `Deleted the API token of ${origin}.`);
  void vscode.window.showInformationMessage(vscode.l10n.t('Signed out of {0}. The API token was deleted from secret storage.', new URL(origin).host));
}

type StoreOutcome = { status: 'stored' | 'cancelled' } | { status: 'rejected'; rejection: string };

async function setTokenFromScript(services: TokenCommandServices, instanceUrl: string, token: string): Promise<boolean> {
  const origin = normalizeInstanceUrl(instanceUrl);
  if (!readInstances().some((instance) => instance.origin === origin)) {
    await addInstanceSetting(origin, undefined);
  }

  const outcome = await checkAndStore(services, origin, token.trim(), false);
  if (outcome.status === 'rejected') {
    throw new Error(outcome.rejection);
  }

  return outcome.status === 'stored';
}

/** Checks the token with `GET /api/v1/users/self` and stores it unless Canvas rejects it. */
async function checkAndStore(services: TokenCommandServices, origin: string, token: string, interactive: boolean): Promise<StoreOutcome> {
  services.log.registerSecret(token);
  const host = new URL(origin).host;
  let user: CanvasUser | undefined;
  let checkFailure: CanvasError | undefined;

  try {
    user = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking the API token with {0}…', host) },
      () => withClient(services, origin, token, (client) => getCurrentUser(client)),
    );
  } catch (error) {
    if (error instanceof InvalidTokenError) {
      services.log.warn('auth', `Canvas rejected a new token for ${origin}: ${error.message}`);
      return { status: 'rejected', rejection: vscode.l10n.t('Canvas rejected the API token for {0}: {1}', host, error.message) };
    }

    if (!(error instanceof CanvasError)) {
      throw error;
    }

    checkFailure = error;
  }

  if (checkFailure) {
    services.log.warn('auth', `Could not check the token for ${origin}: ${checkFailure.message}`);
    if (interactive) {
      const storeAnyway = vscode.l10n.t('Store Anyway');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Could not check the token with {0}: {1}', host, checkFailure.message),
        storeAnyway,
      );
      if (answer !== storeAnyway) {
        return { status: 'cancelled' };
      }
    }
  }

  await services.tokens.store(origin, token);
  services.log.info('auth', user ? `Stored the API token of ${origin} for user ${user.id}.` : `Stored the API token of ${origin} without checking it.`);
  if (user && interactive) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Signed in to {0} as {1}.', host, user.name));
  }

  return { status: 'stored' };
}

async function withClient<T>(services: TokenCommandServices, origin: string, token: string, use: (client: CanvasClient) => Promise<T>): Promise<T> {
  const client = services.createClient(origin, token);
  try {
    return await use(client);
  } finally {
    await client.close();
  }
}
