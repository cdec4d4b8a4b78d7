// A leaf row: one SIS import error. Selecting it opens the failing record of the local CSV.
import * as vscode from 'vscode';

import { SisImportError } from '../canvas/types';
import { canvasRecordFields, maskRowInfoPasswords } from '../csv/rowInfo';
import type { ImportNode } from './importNode';
import { errorKey } from './errorGroups';
import { TreeNode } from './treeNode';

export class ErrorNode extends TreeNode {
  constructor(
    parent: TreeNode,
    readonly importNode: ImportNode,
    readonly error: SisImportError,
  ) {
    super(parent, `${parent.id}/error/${errorKey(error)}`);
  }

  getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(singleLine(this.error.message), vscode.TreeItemCollapsibleState.None);
    const differs = this.importNode.recordDiffers(this.error);
    const row = this.error.row === null || this.error.row === undefined ? vscode.l10n.t('no row') : vscode.l10n.t('row {0}', this.error.row);
    item.description = differs ? vscode.l10n.t('{0} · local record differs', row) : row;
    item.tooltip = errorTooltip(this.error, this.importNode.sisImport.id, differs);
    item.iconPath = errorIcon(this.importNode.isFailure(this.error), differs);
    item.contextValue = 'importError';
    item.command = { command: 'canvasSis.openError', title: vscode.l10n.t('Open Failing Record'), arguments: [this] };
    return item;
  }
}

/**
 * Builds the hover text. Every value comes from Canvas and is untrusted: it is escaped as
 * text or placed in a code block, and the Markdown allows no commands and no HTML.
 */
export function errorTooltip(error: SisImportError, importId: number, recordDiffers = false): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;

  tooltip.appendText(error.message);
  tooltip.appendMarkdown('\n\n');
  tooltip.appendText(vscode.l10n.t('SIS import {0}', importId));
  if (error.file) {
    tooltip.appendText(` · ${error.file}`);
  }

  if (error.row !== null && error.row !== undefined) {
    tooltip.appendText(` · ${vscode.l10n.t('row {0}', error.row)}`);
  }

  if (recordDiffers) {
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(vscode.l10n.t('The local record on this row differs from the one Canvas imported: the local file may have changed since the import.'));
  }

  if (error.row_info) {
    tooltip.appendMarkdown('\n\n');
    tooltip.appendText(
      canvasRecordFields(error.row_info) === undefined
        ? vscode.l10n.t('Record as Canvas read it:')
        : vscode.l10n.t('Record as Canvas read it (Canvas adds its line number as the last field):'),
    );
    tooltip.appendCodeblock(maskRowInfoPasswords(error.row_info).replace(/\s+$/, ''), 'text');
  }

  return tooltip;
}

/** Returns a failure or a warning icon. A record that differs from Canvas's gets its own icon in the same color. */
function errorIcon(failure: boolean, recordDiffers: boolean): vscode.ThemeIcon {
  const color = new vscode.ThemeColor(failure ? 'problemsErrorIcon.foreground' : 'problemsWarningIcon.foreground');
  if (recordDiffers) {
    return new vscode.ThemeIcon('diff-modified', color);
  }

  return new vscode.ThemeIcon(failure ? 'error' : 'warning', color);
}

function singleLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
