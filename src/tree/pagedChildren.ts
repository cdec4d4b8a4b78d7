// Builds the children of a node whose data is a PagedList: the items, then "Load more…",
// with a failure shown as a row and the last good items kept.
import * as vscode from 'vscode';

import { InvalidTokenError, isAbortError } from '../canvas/errors';
import { LoadTarget, canvasErrorRow, signInRow } from './canvasErrorRow';
import { PagedList } from './pagedList';
import { StatusNode, StatusRow, loadMoreRow } from './statusNode';
import { TreeContext, TreeNode } from './treeNode';

export interface PagedChildrenOptions<T> {
  node: TreeNode;
  list: PagedList<T>;
  context: TreeContext;
  origin: string;
  target: LoadTarget;
  buildNodes(items: readonly T[]): TreeNode[];
  emptyRow: StatusRow;
}

/** Loads the first page when needed and returns the rows to show under `options.node`. */
export async function pagedChildren<T>(options: PagedChildrenOptions<T>): Promise<TreeNode[]> {
  const { node, list, context, origin } = options;
  await list.ensureLoaded();

  const error = list.lastError;
  if (error instanceof InvalidTokenError) {
    context.tokenRejected(origin, error);
    return [new StatusNode(node, signInRow(error, origin))];
  }

  const rows: TreeNode[] = [];
  if (error !== undefined && !isAbortError(error)) {
    logOnce(context, error, `Loading ${options.target} for ${node.id} failed`);
    const errorRow = canvasErrorRow(error, node, options.target, origin);
    if (!list.hasLoaded) {
      return [new StatusNode(node, errorRow)];
    }

    rows.push(new StatusNode(node, {
      ...errorRow,
      key: 'lastLoadFailed',
      label: vscode.l10n.t('Last load failed; showing earlier results'),
      description: errorRow.label,
    }));
  }

  const items = options.buildNodes(list.items);
  if (items.length === 0 && list.hasLoaded && !list.hasMore) {
    rows.push(new StatusNode(node, options.emptyRow));
  }

  rows.push(...items);
  if (list.hasMore) {
    rows.push(loadMoreRow(node, list.isLoading));
  }

  return rows;
}

/** Errors already written to the log: a node renders its failure row many times. */
const loggedErrors = new WeakSet<object>();

function logOnce(context: TreeContext, error: unknown, message: string): void {
  if (typeof error === 'object' && error !== null) {
    if (loggedErrors.has(error)) {
      return;
    }

    loggedErrors.add(error);
  }

  context.log.error('tree', message, error);
}

/** Loads the next page of `list`, rendering `node` while the page loads (a loading row) and after it. */
export async function loadNextPageOf<T>(list: PagedList<T>, node: TreeNode, context: TreeContext): Promise<void> {
  const loading = list.loadNextPage();
  context.changed(node);
  await loading;
  context.changed(node);
}

/** A node that owns a paged list and can load its next page from a "Load more…" row. */
export interface LoadMoreTarget {
  loadMore(): Promise<void>;
}

export function isLoadMoreTarget(value: unknown): value is LoadMoreTarget {
  return value instanceof TreeNode && typeof (value as Partial<LoadMoreTarget>).loadMore === 'function';
}
