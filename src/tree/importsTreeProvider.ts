// The TreeDataProvider of the canvasSis.imports view. Nodes load their own children; this
// class owns the instance nodes, the change events and the failures-only filter.
import * as vscode from 'vscode';

import { InvalidTokenError } from '../canvas/errors';
import { Logger } from '../log';
import { SisImport } from '../canvas/types';
import { ConfiguredInstance, readPollIntervalMs } from '../settings';
import { countsText, errorCount, stateText, warningCount } from './importPresentation';
import { InstanceNode, InstanceServices } from './instanceNode';
import { TreeContext, TreeNode } from './treeNode';

export const importsViewId = 'canvasSis.imports';

export class ImportsTreeProvider implements vscode.TreeDataProvider<TreeNode>, TreeContext, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | TreeNode[] | undefined>();
  private instanceNodes: InstanceNode[] = [];
  private showFailuresOnly = false;

  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(
    readonly log: Logger,
    private readonly services: InstanceServices,
    private readonly readInstances: () => ConfiguredInstance[],
  ) {
    this.rebuildInstances();
  }

  get failuresOnly(): boolean {
    return this.showFailuresOnly;
  }

  get pollIntervalMs(): number {
    return readPollIntervalMs();
  }

  importFinished(sisImport: SisImport, instanceLabel: string): void {
    const counts = countsText(errorCount(sisImport), warningCount(sisImport));
    const message = vscode.l10n.t('SIS import {0} on {1} finished: {2}.', sisImport.id, instanceLabel, [stateText(sisImport), counts].filter(Boolean).join(', '));
    this.log.info('tree', `SIS import ${sisImport.id} on ${instanceLabel} finished: ${sisImport.workflow_state}.`);
    if (/failed|aborted/.test(sisImport.workflow_state)) {
      void vscode.window.showWarningMessage(message);
    } else {
      void vscode.window.showInformationMessage(message);
    }
  }

  get instances(): readonly InstanceNode[] {
    return this.instanceNodes;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) {
      await Promise.all(this.instanceNodes.map((instance) => instance.readSignInState()));
      return this.instanceNodes;
    }

    try {
      return await node.getChildren();
    } catch (error) {
      // Nodes turn failures into rows; this is the last guard so that the view never breaks.
      this.log.error('tree', `Listing the children of ${node.id} failed`, error);
      return [];
    }
  }

  changed(node?: TreeNode | TreeNode[]): void {
    if (Array.isArray(node) && node.length === 0) {
      return;
    }

    this.changeEmitter.fire(node);
  }

  tokenRejected(origin: string, error: InvalidTokenError): void {
    const instance = this.findInstance(origin);
    if (instance) {
      this.log.warn('auth', `Canvas rejected the token of ${origin}: ${error.message}`);
      instance.markTokenRejected(error);
      this.changed(instance);
    }
  }

  /** Reloads `node` and what is expanded below it, or the whole tree. Items stay until new ones arrive. */
  refresh(node?: TreeNode): void {
    if (node) {
      node.invalidate();
      this.changed(node);
      return;
    }

    this.rebuildInstances();
    this.instanceNodes.forEach((instance) => instance.invalidate());
    this.changed(undefined);
  }

  /** Shows only failures, or all errors and warnings, and reloads the imports' errors. */
  setFailuresOnly(failuresOnly: boolean): void {
    if (this.showFailuresOnly === failuresOnly) {
      return;
    }

    this.showFailuresOnly = failuresOnly;
    this.instanceNodes.forEach((instance) => instance.invalidate());
    this.changed(undefined);
  }

  /** Called when the stored token of `origin` changed in this window or another one. */
  tokenChanged(origin: string): void {
    const instance = this.findInstance(origin);
    if (instance) {
      instance.resetForNewToken();
      this.changed(instance);
    }
  }

  findInstance(origin: string): InstanceNode | undefined {
    return this.instanceNodes.find((instance) => instance.configured.origin === origin);
  }

  dispose(): void {
    this.instanceNodes.forEach((instance) => instance.dispose());
    this.changeEmitter.dispose();
  }

  /** Creates nodes for new instances and keeps the nodes of instances that are still configured. */
  private rebuildInstances(): void {
    const configured = this.readInstances();
    const previous = new Map(this.instanceNodes.map((node) => [node.id, node]));
    const next: InstanceNode[] = [];

    for (const instance of configured) {
      const id = `instance/${instance.origin ?? instance.setting.url}`;
      const existing = previous.get(id);
      if (existing && existing.configured.label === instance.label) {
        next.push(existing);
        previous.delete(id);
      } else {
        next.push(new InstanceNode(this, instance, this.services));
      }
    }

    previous.forEach((node) => node.dispose());
    this.instanceNodes = next;
  }
}
