// The base of every node in the SIS Imports tree, and what nodes need from the tree.
import * as vscode from 'vscode';

import { InvalidTokenError } from '../canvas/errors';
import { Logger } from '../log';

/** What nodes use from the tree that owns them. */
export interface TreeContext {
  readonly log: Logger;
  /** True while the view lists only errors that made an import fail (Canvas's `failure=true`). */
  readonly failuresOnly: boolean;
  /** Asks VS Code to render `node` again, or the whole tree when `node` is undefined. */
  changed(node?: TreeNode): void;
  /** Called by any node whose request Canvas rejected because of the token. */
  tokenRejected(origin: string, error: InvalidTokenError): void;
}

export abstract class TreeNode {
  constructor(
    readonly parent: TreeNode | undefined,
    /** A stable id, so VS Code keeps the expansion state across refreshes. */
    readonly id: string,
  ) {}

  abstract getTreeItem(): vscode.TreeItem;

  getChildren(): Promise<TreeNode[]> {
    return Promise.resolve([]);
  }

  /** Marks this node and its descendants for reloading on their next expansion. */
  invalidate(): void {}

  /** Aborts this node's loads in flight, for example when the user collapses it. */
  cancelLoads(): void {}
}
