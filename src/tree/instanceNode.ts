// One Canvas instance: the top level of the tree. Lists the accounts its user administers,
// or a sign-in row when no usable token is stored.
import * as vscode from 'vscode';

import { CanvasClient } from '../canvas/client';
import { InvalidTokenError, PermissionError } from '../canvas/errors';
import { PageSequence } from '../canvas/pageCursor';
import { accountPages, getAccount } from '../canvas/sisApi';
import { CanvasAccount } from '../canvas/types';
import { ConfiguredInstance } from '../settings';
import { AccountNode } from './accountNode';
import { signInRow } from './canvasErrorRow';
import { InstanceAccess } from './importNode';
import { LoadMoreTarget, loadNextPageOf, pagedChildren } from './pagedChildren';
import { PagedList } from './pagedList';
import { StatusNode } from './statusNode';
import { TreeContext, TreeNode } from './treeNode';

/** Services an instance uses to reach Canvas. */
export interface InstanceServices {
  getToken(origin: string): Promise<string | undefined>;
  createClient(origin: string, token: string): CanvasClient;
}

type SignInState = 'unknown' | 'signedOut' | 'signedIn';

export class InstanceNode extends TreeNode implements LoadMoreTarget, InstanceAccess {
  private client?: CanvasClient;
  private clientToken?: string;
  private rejection?: InvalidTokenError;
  private state: SignInState = 'unknown';
  private accounts: PagedList<CanvasAccount>;
  private accountNodes = new Map<number, AccountNode>();

  constructor(
    private readonly context: TreeContext,
    readonly configured: ConfiguredInstance,
    private readonly services: InstanceServices,
  ) {
    super(undefined, `instance/${configured.origin ?? configured.setting.url}`);
    this.accounts = this.createAccountList();
  }

  get origin(): string {
    return this.configured.origin ?? this.configured.setting.url;
  }

  get label(): string {
    return this.configured.label;
  }

  get isSignedIn(): boolean {
    return this.state === 'signedIn';
  }

  requireClient(): CanvasClient {
    if (!this.client || this.rejection) {
      throw this.rejection ?? new InvalidTokenError('No API token is stored for this instance.', 'missing');
    }

    return this.client;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Expanded);
    const host = this.configured.origin ? new URL(this.configured.origin).host : undefined;
    const parts = [host !== this.label ? host : undefined, this.state === 'signedOut' ? vscode.l10n.t('signed out') : undefined];
    item.description = parts.filter((part) => part !== undefined).join(' · ');
    item.tooltip = this.configured.origin ?? this.configured.setting.url;
    item.accessibilityInformation = { label: [this.label, item.description].filter(Boolean).join(', ') };
    item.iconPath = new vscode.ThemeIcon(this.state === 'signedOut' ? 'debug-disconnect' : 'globe');
    item.contextValue = this.state === 'signedIn' ? 'instance signedIn' : 'instance signedOut';
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    if (this.configured.invalidReason || !this.configured.origin) {
      return [new StatusNode(this, {
        kind: 'error',
        label: this.configured.invalidReason ?? vscode.l10n.t('Invalid Canvas address'),
        tooltip: vscode.l10n.t('Fix the address in the canvasSis.instances setting.'),
        command: { command: 'workbench.action.openSettings', title: vscode.l10n.t('Open Settings'), arguments: ['canvasSis.instances'] },
      })];
    }

    const token = await this.services.getToken(this.configured.origin);
    if (!token) {
      this.setState('signedOut');
      return [new StatusNode(this, signInRow(undefined, this.configured.origin))];
    }

    this.useToken(token);
    if (this.rejection) {
      this.setState('signedOut');
      return [new StatusNode(this, signInRow(this.rejection, this.configured.origin))];
    }

    const children = await pagedChildren({
      node: this,
      list: this.accounts,
      context: this.context,
      origin: this.configured.origin,
      target: 'accounts',
      buildNodes: (items) => this.buildAccountNodes(items),
      emptyRow: {
        kind: 'info',
        label: vscode.l10n.t('No accounts to administer'),
        tooltip: vscode.l10n.t('The user of this token is not an administrator of any account on this Canvas instance.'),
      },
    });

    this.setState(this.rejection ? 'signedOut' : 'signedIn');
    return children;
  }

  loadMore(): Promise<void> {
    return loadNextPageOf(this.accounts, this, this.context);
  }

  /**
   * Reads whether a token is stored, so the first rendering shows the right state. Changing the
   * state later relists the instance, which loses a listing the user started below it meanwhile.
   */
  async readSignInState(): Promise<void> {
    if (this.state === 'unknown' && this.configured.origin) {
      this.state = (await this.services.getToken(this.configured.origin)) ? 'signedIn' : 'signedOut';
    }
  }

  /** Puts the instance into the signed-out state after Canvas rejected its token. */
  markTokenRejected(error: InvalidTokenError): void {
    if (this.rejection) {
      return;
    }

    this.rejection = error;
    this.cancelLoads();
    this.setState('signedOut');
  }

  /** Forgets everything loaded with the old token; called when the stored token changes. */
  resetForNewToken(): void {
    this.cancelLoads();
    this.accountNodes.forEach((node) => node.stopPolling());
    this.rejection = undefined;
    this.clientToken = undefined;
    void this.client?.close();
    this.client = undefined;
    this.accounts = this.createAccountList();
    this.accountNodes = new Map();
    this.state = 'unknown';
  }

  /** Closes the client so that the next load creates one with the current settings, keeping the tree. */
  renewClient(): void {
    if (this.client && this.clientToken && this.configured.origin) {
      void this.client.close();
      this.client = this.services.createClient(this.configured.origin, this.clientToken);

      // Page sequences opened earlier hold the closed client; reloading opens them on the new one.
      this.invalidate();
    }
  }

  /** The account nodes built from the loaded pages. */
  get loadedAccounts(): AccountNode[] {
    return [...this.accountNodes.values()];
  }

  /** Returns the loaded account node with this id, if any. */
  findAccount(accountId: number): AccountNode | undefined {
    return this.accountNodes.get(accountId);
  }

  invalidate(): void {
    // A refresh tries the stored token again: the problem may have been fixed in Canvas.
    this.rejection = undefined;
    this.accounts.invalidate();
    this.accountNodes.forEach((node) => node.invalidate());
  }

  cancelLoads(): void {
    this.accounts.cancel();
    this.accountNodes.forEach((node) => node.cancelLoads());
  }

  dispose(): void {
    this.cancelLoads();
    this.accountNodes.forEach((node) => node.stopPolling());
    void this.client?.close();
  }

  private useToken(token: string): void {
    if (this.clientToken === token && this.client) {
      return;
    }

    if (this.clientToken !== undefined) {
      this.resetForNewToken();
    }

    this.client = this.services.createClient(this.configured.origin!, token);
    this.clientToken = token;
  }

  private setState(state: SignInState): void {
    if (this.state !== state) {
      this.state = state;
      this.context.changed(this);
    }
  }

  private createAccountList(): PagedList<CanvasAccount> {
    return new PagedList((signal) => this.openAccountPages(signal));
  }

  /**
   * Lists the accounts the user administers. `GET /accounts` is empty for a user whose admin
   * role comes only through the root account of the domain, so `accounts/self` is tried then.
   */
  private openAccountPages(signal: AbortSignal): PageSequence<CanvasAccount> {
    const client = this.requireClient();
    const listed = accountPages(client, { signal });
    let listedAny = false;
    let fallbackDone = false;

    return {
      get hasMore() {
        return listed.hasMore || (!listedAny && !fallbackDone);
      },
      async nextPage() {
        if (listed.hasMore) {
          const page = await listed.nextPage();
          listedAny = listedAny || page !== undefined;
          if (page || listedAny) {
            return page;
          }
        }

        if (listedAny || fallbackDone) {
          return undefined;
        }

        fallbackDone = true;
        return selfAccountPage(client, signal);
      },
    };
  }

  private buildAccountNodes(items: readonly CanvasAccount[]): TreeNode[] {
    return items.map((account) => {
      let node = this.accountNodes.get(account.id);
      if (node) {
        node.account = account;
      } else {
        node = new AccountNode(this, this.context, this, account);
        this.accountNodes.set(account.id, node);
      }

      return node;
    });
  }
}

/** Returns `accounts/self` as a one-account page, or undefined when the user may not read it. */
async function selfAccountPage(client: CanvasClient, signal: AbortSignal): Promise<CanvasAccount[] | undefined> {
  try {
    return [await getAccount(client, 'self', { signal })];
  } catch (error) {
    if (error instanceof PermissionError) {
      return undefined;
    }

    throw error;
  }
}
