// The base of every node in the SIS Imports tree, and what nodes need from the tree.
import * as vscode from 'vscode';

import { InvalidTokenError } from '../canvas/errors';
import { SisImport } from '../canvas/types';
import { Logger } from '../log';

/** The services a node uses from the tree that owns it. */
export interface TreeContext {
  readonly log: Logger;
  /** True while the view lists only errors that made an import fail (Canvas's `failure=true`). */
  readonly failuresOnly: boolean;
  /** Asks VS Code to render `node` (or each node of an array) again, or the whole tree when undefined. */
  changed(node?: TreeNode | TreeNode[]): void;
  /** Called by any node whose request Canvas rejected because of the token. */
  tokenRejected(origin: string, error: InvalidTokenError): void;
  /** Milliseconds between checks of a running import, or 0 for none. */
  readonly pollIntervalMs: number;
  /** Tells the user that a running import finished. */
  importFinished(sisImport: SisImport, instanceLabel: string): void;
}

export abstract class TreeNode {
  constructor(
    readonly parent: TreeNode | undefined,
    /**
     * A key for logs and caches. It is not given to VS Code as TreeItem.id: VS Code rejects an id
     * that a parallel listing of the same parent already registered, which refreshes during a load
     * cause. Without ids, VS Code keys rows by parent and label, which keeps expansion state too.
     */
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
