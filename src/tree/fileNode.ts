// One file of a SIS import that has errors, with its error count; its children are the errors.
import * as vscode from 'vscode';

import { SisImportError } from '../canvas/types';
import { ErrorNode } from './errorNode';
import { errorKey, fileBaseName } from './errorGroups';
import type { ImportNode } from './importNode';
import { LoadMoreTarget } from './pagedChildren';
import { loadMoreRow } from './statusNode';
import { TreeNode } from './treeNode';

export class FileNode extends TreeNode implements LoadMoreTarget {
  private fileErrors: SisImportError[] = [];
  /** The error rows shown so far, reused so that VS Code can re-render one row without relisting. */
  private readonly errorNodes = new Map<string, ErrorNode>();

  constructor(
    readonly importNode: ImportNode,
    readonly file: string,
  ) {
    super(importNode, `${importNode.id}/file/${file}`);
  }

  /** Replaces the errors shown under this file after a page was loaded. */
  setErrors(errors: SisImportError[]): void {
    this.fileErrors = errors;
  }

  get errors(): readonly SisImportError[] {
    return this.fileErrors;
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.file, vscode.TreeItemCollapsibleState.Collapsed);
    item.resourceUri = vscode.Uri.file(`/${fileBaseName(this.file)}`);
    item.iconPath = vscode.ThemeIcon.File;
    item.description = this.importNode.hasMoreErrors ? `${this.fileErrors.length}+` : `${this.fileErrors.length}`;
    item.tooltip = this.tooltip();
    item.contextValue = 'importFile';
    return item;
  }

  private tooltip(): string {
    const count = this.fileErrors.length;
    if (this.importNode.hasMoreErrors) {
      return count === 1
        ? vscode.l10n.t('{0}: 1 error or warning loaded; Canvas has more pages', this.file)
        : vscode.l10n.t('{0}: {1} errors and warnings loaded; Canvas has more pages', this.file, count);
    }

    return count === 1 ? vscode.l10n.t('{0}: 1 error or warning', this.file) : vscode.l10n.t('{0}: {1} errors and warnings', this.file, count);
  }

  async getChildren(): Promise<TreeNode[]> {
    const rows: TreeNode[] = this.fileErrors.map((error) => this.errorNodeFor(error));
    if (this.importNode.hasMoreErrors) {
      rows.push(loadMoreRow(this, this.importNode.isLoadingErrors));
    }

    return rows;
  }

  /** The error rows VS Code has been given, for re-rendering their icons. */
  get shownErrorNodes(): ErrorNode[] {
    return [...this.errorNodes.values()];
  }

  loadMore(): Promise<void> {
    return this.importNode.loadMore();
  }

  private errorNodeFor(error: SisImportError): ErrorNode {
    const key = errorKey(error);
    let node = this.errorNodes.get(key);
    if (!node) {
      node = new ErrorNode(this, this.importNode, error);
      this.errorNodes.set(key, node);
    }

    return node;
  }
}
