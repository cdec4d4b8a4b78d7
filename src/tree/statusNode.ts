// One row that is not Canvas data: loading, empty, information, error, sign-in and "Load more…".
import * as vscode from 'vscode';

import { TreeNode } from './treeNode';

export type StatusKind = 'loading' | 'empty' | 'info' | 'error' | 'signIn' | 'loadMore' | 'waiting';

export interface StatusRow {
  kind: StatusKind;
  /** Distinguishes two rows of one kind under the same parent. */
  key?: string;
  label: string;
  description?: string;
  tooltip?: string;
  command?: vscode.Command;
}

const icons: Record<StatusKind, vscode.ThemeIcon> = {
  loading: new vscode.ThemeIcon('loading~spin'),
  waiting: new vscode.ThemeIcon('watch'),
  empty: new vscode.ThemeIcon('circle-slash'),
  info: new vscode.ThemeIcon('info'),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  signIn: new vscode.ThemeIcon('key', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  loadMore: new vscode.ThemeIcon('ellipsis'),
};

export class StatusNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly row: StatusRow,
  ) {
    super(parent, `${parent.id}/status/${row.key ?? row.kind}`);
  }

  get kind(): StatusKind {
    return this.row.kind;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.row.label, vscode.TreeItemCollapsibleState.None);
    item.description = this.row.description;
    item.tooltip = this.row.tooltip;
    item.iconPath = icons[this.row.kind];
    item.command = this.row.command;
    item.contextValue = `status ${this.row.kind}`;
    item.accessibilityInformation = { label: [this.row.label, this.row.description].filter(Boolean).join(', ') };
    return item;
  }
}

/** Returns the "Load more…" row of `owner`, or a loading row while its next page loads. */
export function loadMoreRow(owner: TreeNode, isLoading: boolean): StatusNode {
  if (isLoading) {
    return new StatusNode(owner, { kind: 'loading', label: vscode.l10n.t('Loading more…') });
  }

  return new StatusNode(owner, {
    kind: 'loadMore',
    label: vscode.l10n.t('Load more…'),
    tooltip: vscode.l10n.t('Canvas has more results. Select to load the next page.'),
    command: { command: 'canvasSis.loadMore', title: vscode.l10n.t('Load More'), arguments: [owner] },
  });
}
