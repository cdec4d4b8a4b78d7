// Commands of the view itself: refresh, the failures-only filter and "Load more…".
import * as vscode from 'vscode';

import { ImportsTreeProvider, importsViewId } from '../tree/importsTreeProvider';
import { isLoadMoreTarget } from '../tree/pagedChildren';
import { TreeNode } from '../tree/treeNode';

/** `canvasSis.refresh`: reloads one node, or the whole tree with progress shown in the view. */
export async function refreshCommand(provider: ImportsTreeProvider, target?: unknown): Promise<void> {
  if (target instanceof TreeNode) {
    provider.refresh(target);
    return;
  }

  await vscode.window.withProgress({ location: { viewId: importsViewId } }, async () => {
    provider.refresh();
    await Promise.all(provider.instances.map((instance) => provider.getChildren(instance)));
  });
}

/** `canvasSis.showFailuresOnly` and `canvasSis.showAllErrors`. */
export async function setFailuresOnlyCommand(provider: ImportsTreeProvider, failuresOnly: boolean): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'canvasSis.failuresOnly', failuresOnly);
  provider.setFailuresOnly(failuresOnly);
}

/** `canvasSis.loadMore`: loads the next page of the node that owns the "Load more…" row. */
export async function loadMoreCommand(target?: unknown): Promise<void> {
  if (isLoadMoreTarget(target)) {
    await target.loadMore();
  }
}
