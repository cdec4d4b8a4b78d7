// One Canvas account. A root account lists its SIS imports, newest first; a sub-account
// shows why it has none.
import * as vscode from 'vscode';

import { sisImportPages } from '../canvas/sisApi';
import { CanvasAccount, SisImport } from '../canvas/types';
import { subAccountRow } from './canvasErrorRow';
import { ImportNode, InstanceAccess, retryWaitText } from './importNode';
import { LoadMoreTarget, loadNextPageOf, pagedChildren } from './pagedChildren';
import { PagedList } from './pagedList';
import { StatusNode } from './statusNode';
import { TreeContext, TreeNode } from './treeNode';

export class AccountNode extends TreeNode implements LoadMoreTarget {
  private readonly imports: PagedList<SisImport>;
  private readonly importNodes = new Map<number, ImportNode>();
  private waitText?: string;

  constructor(
    parent: TreeNode,
    private readonly context: TreeContext,
    readonly instance: InstanceAccess,
    public account: CanvasAccount,
  ) {
    super(parent, `${parent.id}/account/${account.id}`);
    this.imports = new PagedList((signal) =>
      sisImportPages(this.instance.requireClient(), this.account.id, {
        signal,
        onRetryWait: (wait) => {
          this.waitText = retryWaitText(wait);
          this.context.changed(this);
        },
      }),
    );
  }

  get isRootAccount(): boolean {
    return this.account.root_account_id === null || this.account.root_account_id === undefined;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.account.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.description = this.waitText ?? (this.isRootAccount ? vscode.l10n.t('root account') : vscode.l10n.t('sub-account'));
    item.tooltip = vscode.l10n.t('{0} (account {1})', this.account.name, this.account.id);
    item.iconPath = new vscode.ThemeIcon(this.isRootAccount ? 'organization' : 'type-hierarchy-sub');
    item.contextValue = this.isRootAccount ? 'account rootAccount' : 'account subAccount';
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    if (!this.isRootAccount) {
      return [new StatusNode(this, subAccountRow())];
    }

    const children = await pagedChildren({
      node: this,
      list: this.imports,
      context: this.context,
      origin: this.instance.origin,
      target: 'imports',
      buildNodes: (items) => this.buildImportNodes(items),
      emptyRow: {
        kind: 'empty',
        label: vscode.l10n.t('No SIS imports'),
        tooltip: vscode.l10n.t('Canvas lists no SIS imports for this account.'),
      },
    });

    if (this.waitText !== undefined) {
      this.waitText = undefined;
      this.context.changed(this);
    }

    return children;
  }

  loadMore(): Promise<void> {
    return loadNextPageOf(this.imports, this, this.context);
  }

  /** Returns the loaded import node with this id, if any. */
  findImport(importId: number): ImportNode | undefined {
    return this.importNodes.get(importId);
  }

  invalidate(): void {
    this.imports.invalidate();
    this.importNodes.forEach((node) => node.invalidate());
  }

  cancelLoads(): void {
    this.imports.cancel();
    this.importNodes.forEach((node) => node.cancelLoads());
  }

  /** Stops checking running imports, when this node is dropped from the tree. */
  stopPolling(): void {
    this.importNodes.forEach((node) => node.stopPolling());
  }

  private buildImportNodes(items: readonly SisImport[]): TreeNode[] {
    const seen = new Set<number>();
    const nodes: ImportNode[] = [];

    for (const sisImport of items) {
      if (seen.has(sisImport.id)) {
        continue;
      }

      seen.add(sisImport.id);
      let node = this.importNodes.get(sisImport.id);
      if (node) {
        node.sisImport = sisImport;
      } else {
        node = new ImportNode(this, this.context, this.instance, this.account.id, sisImport, () => this.imports.invalidate());
        this.importNodes.set(sisImport.id, node);
      }

      node.pollWhileRunning();
      nodes.push(node);
    }

    return nodes;
  }
}
