// One SIS import. Its children are the files that have errors, then the errors without a
// file, then "Load more…" while Canvas has more pages of errors.
import * as vscode from 'vscode';

import { CanvasClient, RetryWait } from '../canvas/client';
import { PageSequence } from '../canvas/pageCursor';
import { InvalidTokenError } from '../canvas/errors';
import { getSisImport, listSisImportErrors, sisImportErrorPages } from '../canvas/sisApi';
import { SisImport, SisImportError } from '../canvas/types';
import { ErrorNode } from './errorNode';
import { errorKey, groupErrorsByFile, uniqueErrors } from './errorGroups';
import { FileNode } from './fileNode';
import { errorCount, importDescription, importIcon, importTooltip, runningStates, warningCount } from './importPresentation';
import { LoadMoreTarget, loadNextPageOf, pagedChildren } from './pagedChildren';
import { PagedList } from './pagedList';
import { StatusRow } from './statusNode';
import { TreeContext, TreeNode } from './treeNode';

/** The instance access an import uses: its origin, label and client. */
export interface InstanceAccess {
  readonly origin: string;
  readonly label: string;
  /** The client for the stored token; throws InvalidTokenError when the instance has none. */
  requireClient(): CanvasClient;
}

/** At most this many pages of `failure=true` errors are read to tell failures from warnings. */
const maxFailurePages = 20;

export class ImportNode extends TreeNode implements LoadMoreTarget {
  private readonly errors: PagedList<SisImportError>;
  private readonly fileNodes = new Map<string, FileNode>();
  private readonly fileLessErrorNodes = new Map<string, ErrorNode>();
  /** Error keys whose local record differs from the one Canvas imported, from the last check. */
  private readonly differingRecords = new Set<string>();
  private failureKeys?: Set<string>;
  private failureKeysLoad?: Promise<void>;
  /** Incremented by stopPolling, so a check in flight when polling stops does not schedule another. */
  private pollGeneration = 0;
  private waitText?: string;
  private pollTimer?: NodeJS.Timeout;

  constructor(
    parent: TreeNode,
    private readonly context: TreeContext,
    readonly instance: InstanceAccess,
    readonly accountId: number,
    public sisImport: SisImport,
    /** Called when polling finds a new state, so the owner reloads its stale copy of the import. */
    private readonly onStateChanged: () => void = () => undefined,
  ) {
    super(parent, `${parent.id}/import/${sisImport.id}`);
    this.errors = new PagedList((signal) => this.openErrorPages(signal));
  }

  get hasMoreErrors(): boolean {
    return this.errors.hasMore;
  }

  get isLoadingErrors(): boolean {
    return this.errors.isLoading;
  }

  /** The errors loaded so far, without repeats. */
  get loadedErrors(): SisImportError[] {
    return uniqueErrors(this.errors.items);
  }

  /** True when Canvas lists `error` among the errors that made the import fail. */
  isFailure(error: SisImportError): boolean {
    if (this.context.failuresOnly) {
      return true;
    }

    return this.failureKeys?.has(errorKey(error)) ?? false;
  }

  /** True when the last check found that the local record of `error` is not the one Canvas imported. */
  recordDiffers(error: SisImportError): boolean {
    return this.differingRecords.has(errorKey(error));
  }

  /** Stores which local records differ from Canvas's and re-renders the error rows whose state changed. */
  updateRecordChecks(checks: ReadonlyArray<{ error: SisImportError; state: 'matches' | 'differs' }>): void {
    const changedKeys = new Set<string>();
    for (const { error, state } of checks) {
      const key = errorKey(error);
      if ((state === 'differs') !== this.differingRecords.has(key)) {
        changedKeys.add(key);
        if (state === 'differs') {
          this.differingRecords.add(key);
        } else {
          this.differingRecords.delete(key);
        }
      }
    }

    this.context.changed(this.shownErrorNodes().filter((node) => changedKeys.has(errorKey(node.error))));
  }

  getTreeItem(): vscode.TreeItem {
    const noErrors = errorCount(this.sisImport) === 0 && warningCount(this.sisImport) === 0 && !runningStates.has(this.sisImport.workflow_state);
    const item = new vscode.TreeItem(
      vscode.l10n.t('Import {0}', this.sisImport.id),
      noErrors ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.description = this.waitText ?? importDescription(this.sisImport);
    item.tooltip = importTooltip(this.sisImport);
    item.iconPath = importIcon(this.sisImport.workflow_state);
    item.contextValue = `sisImport ${this.sisImport.workflow_state}`;
    return item;
  }

  async getChildren(): Promise<TreeNode[]> {
    const children = await pagedChildren({
      node: this,
      list: this.errors,
      context: this.context,
      origin: this.instance.origin,
      target: 'errors',
      buildNodes: (items) => this.buildErrorNodes(items),
      emptyRow: this.emptyRow(),
    });

    this.clearRetryWait();
    this.startLoadingFailureKeys();
    return children;
  }

  private emptyRow(): StatusRow {
    if (this.context.failuresOnly) {
      return {
        kind: 'empty',
        label: vscode.l10n.t('No failures; select to show all errors and warnings'),
        tooltip: vscode.l10n.t('Canvas lists no errors that made this import fail. Warnings may still explain what happened.'),
        command: { command: 'canvasSis.showAllErrors', title: vscode.l10n.t('Show All Errors and Warnings') },
      };
    }

    if (runningStates.has(this.sisImport.workflow_state)) {
      return {
        kind: 'empty',
        label: vscode.l10n.t('No errors yet; the import has not finished'),
        tooltip: vscode.l10n.t('Refresh to see errors that Canvas reports while the import runs.'),
        command: { command: 'canvasSis.refresh', title: vscode.l10n.t('Refresh'), arguments: [this.parent] },
      };
    }

    return {
      kind: 'empty',
      label: vscode.l10n.t('No errors'),
      tooltip: vscode.l10n.t('Canvas lists no errors for this import. Canvas deletes error details after 30 days.'),
    };
  }

  loadMore(): Promise<void> {
    return loadNextPageOf(this.errors, this, this.context);
  }

  /** Loads every page of errors, for the Problems panel, and the failure flags when they are not known yet. */
  async loadAllErrors(onProgress?: (loadedCount: number) => void): Promise<SisImportError[]> {
    const loadedBefore = this.errors.items.length;
    await this.errors.loadAll(onProgress);
    const knewFailures = this.failureKeys !== undefined;
    await this.loadFailureKeys();

    // Relisting the import while the user expands a row below it loses that row's children.
    // So the import is relisted only when new pages arrived, and otherwise only the error rows re-render.
    if (this.errors.items.length !== loadedBefore) {
      this.context.changed(this);
    } else if (!knewFailures) {
      this.context.changed(this.shownErrorNodes());
    }

    return this.loadedErrors;
  }

  invalidate(): void {
    this.errors.invalidate();
    this.failureKeys = undefined;
    this.stopPolling();
  }

  cancelLoads(): void {
    this.errors.cancel();
  }

  /** Checks the import again after the poll interval while Canvas is still working on it. */
  pollWhileRunning(): void {
    const interval = this.context.pollIntervalMs;
    if (this.pollTimer || interval <= 0 || !runningStates.has(this.sisImport.workflow_state)) {
      return;
    }

    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      void this.poll();
    }, interval);
  }

  stopPolling(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    this.pollGeneration++;
  }

  private async poll(): Promise<void> {
    const generation = this.pollGeneration;
    let latest: SisImport;
    try {
      latest = await getSisImport(this.instance.requireClient(), this.accountId, this.sisImport.id);
    } catch (error) {
      if (generation !== this.pollGeneration) {
        return;
      }

      if (error instanceof InvalidTokenError) {
        this.context.tokenRejected(this.instance.origin, error);
        return;
      }

      this.context.log.warn('tree', `Checking SIS import ${this.sisImport.id} failed: ${(error as Error).message}`);
      this.pollWhileRunning();
      return;
    }

    if (generation !== this.pollGeneration) {
      return;
    }

    const previous = this.sisImport;
    this.sisImport = latest;
    if (latest.workflow_state !== previous.workflow_state || latest.progress !== previous.progress) {
      // The account's list still contains the old state, so it reloads before it is listed again.
      this.onStateChanged();
    }

    if (runningStates.has(latest.workflow_state)) {
      if (latest.workflow_state !== previous.workflow_state || latest.progress !== previous.progress) {
        this.context.changed(this);
      }

      this.pollWhileRunning();
      return;
    }

    this.invalidate();
    this.context.changed(this);
    this.context.importFinished(latest, this.instance.label);
  }

  private openErrorPages(signal: AbortSignal): PageSequence<SisImportError> {
    const client = this.instance.requireClient();
    return sisImportErrorPages(client, this.accountId, {
      importId: this.sisImport.id,
      failure: this.context.failuresOnly,
      signal,
      onRetryWait: (wait) => this.showRetryWait(wait),
    });
  }

  private buildErrorNodes(items: readonly SisImportError[]): TreeNode[] {
    const groups = groupErrorsByFile(items);
    const nodes: TreeNode[] = [];

    for (const group of groups.files) {
      const node = this.fileNodes.get(group.file) ?? new FileNode(this, group.file);
      this.fileNodes.set(group.file, node);
      node.setErrors(group.errors);
      nodes.push(node);
    }

    for (const error of groups.withoutFile) {
      const key = errorKey(error);
      const node = this.fileLessErrorNodes.get(key) ?? new ErrorNode(this, this, error);
      this.fileLessErrorNodes.set(key, node);
      nodes.push(node);
    }

    return nodes;
  }

  /** Returns the error rows VS Code has been given under this import and its files. */
  private shownErrorNodes(): ErrorNode[] {
    const fileRows = [...this.fileNodes.values()].flatMap((fileNode) => fileNode.shownErrorNodes);
    return [...fileRows, ...this.fileLessErrorNodes.values()];
  }

  /** Reads which errors are failures in the background, so icons and severities can tell them apart. */
  private startLoadingFailureKeys(): void {
    if (this.failureKeys || this.failureKeysLoad || this.context.failuresOnly || !this.errors.hasLoaded || this.errors.items.length === 0) {
      return;
    }

    this.loadFailureKeys()
      .then(() => this.context.changed(this.shownErrorNodes()))
      .catch((error: unknown) => this.context.log.warn('tree', `Could not read the failures of SIS import ${this.sisImport.id}: ${(error as Error).message}`));
  }

  /** Loads the keys of the errors that made the import fail; concurrent callers share one load. */
  private loadFailureKeys(): Promise<void> {
    if (this.failureKeys || this.context.failuresOnly) {
      return Promise.resolve();
    }

    this.failureKeysLoad ??= this.readFailureKeys().finally(() => {
      this.failureKeysLoad = undefined;
    });
    return this.failureKeysLoad;
  }

  private async readFailureKeys(): Promise<void> {
    const keys = new Set<string>();
    let pages = 0;
    const client = this.instance.requireClient();
    for await (const page of listSisImportErrors(client, this.accountId, { importId: this.sisImport.id, failure: true })) {
      page.forEach((error) => keys.add(errorKey(error)));
      pages++;
      if (pages >= maxFailurePages) {
        this.context.log.warn('tree', `SIS import ${this.sisImport.id} has more than ${maxFailurePages} pages of failures; the rest are shown as warnings.`);
        break;
      }
    }

    this.failureKeys = keys;
  }


  private showRetryWait(wait: RetryWait): void {
    this.waitText = retryWaitText(wait);
    this.context.changed(this);
  }

  private clearRetryWait(): void {
    if (this.waitText !== undefined) {
      this.waitText = undefined;
      this.context.changed(this);
    }
  }
}

/** Returns the description a node shows while its load waits before a retry. */
export function retryWaitText(wait: RetryWait): string {
  const seconds = Math.max(1, Math.round(wait.delayMs / 1000));
  return wait.reason === 'throttled'
    ? vscode.l10n.t('waiting for Canvas rate limit ({0} s)…', seconds)
    : vscode.l10n.t('Canvas did not answer; retrying in {0} s…', seconds);
}
