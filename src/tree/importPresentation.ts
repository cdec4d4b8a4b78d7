// The presentation of a SIS import in the tree: icon by workflow state, description and hover text.
import * as vscode from 'vscode';

import { SisImport } from '../canvas/types';

/** The states in which Canvas is still working on the import. */
export const runningStates = new Set(['initializing', 'created', 'importing', 'cleanup_batch', 'restoring']);

export function importIcon(state: string): vscode.ThemeIcon {
  switch (state) {
    case 'imported':
      return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
    case 'imported_with_messages':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    case 'failed':
    case 'failed_with_messages':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case 'aborted':
      return new vscode.ThemeIcon('circle-slash');
    case 'restored':
    case 'partially_restored':
      return new vscode.ThemeIcon('history');
    default:
      return runningStates.has(state) ? new vscode.ThemeIcon('sync~spin') : new vscode.ThemeIcon('circle-outline');
  }
}

/** Returns the state as words: `imported_with_messages` → "imported with messages". */
export function stateText(sisImport: SisImport): string {
  const words = sisImport.workflow_state.replace(/_/g, ' ');
  const progress = sisImport.progress;
  const showsProgress = runningStates.has(sisImport.workflow_state) && sisImport.workflow_state !== 'created' && sisImport.workflow_state !== 'initializing';
  return showsProgress && typeof progress === 'number' ? `${words} ${progress}%` : words;
}

export function errorCount(sisImport: SisImport): number | undefined {
  return sisImport.data?.counts?.error_count;
}

export function warningCount(sisImport: SisImport): number | undefined {
  return sisImport.data?.counts?.warning_count;
}

/**
 * Returns the counts, the state and the date, most useful first because a narrow sidebar cuts
 * the end off: for example "3 errors, 12 warnings · imported with messages · Nov 30, 2026, 2:05 PM".
 */
export function importDescription(sisImport: SisImport): string {
  const parts: string[] = [];
  const counts = countsText(errorCount(sisImport), warningCount(sisImport));
  if (counts) {
    parts.push(counts);
  }

  parts.push(stateText(sisImport), formatDate(sisImport.created_at));
  return parts.join(' · ');
}

/** Returns "3 errors, 1 warning", "no errors", or undefined when Canvas sent no counts. */
export function countsText(errors: number | undefined, warnings: number | undefined): string | undefined {
  if (errors === undefined && warnings === undefined) {
    return undefined;
  }

  const parts: string[] = [];
  if (errors) {
    parts.push(errors === 1 ? vscode.l10n.t('1 error') : vscode.l10n.t('{0} errors', errors));
  }

  if (warnings) {
    parts.push(warnings === 1 ? vscode.l10n.t('1 warning') : vscode.l10n.t('{0} warnings', warnings));
  }

  return parts.length > 0 ? parts.join(', ') : vscode.l10n.t('no errors');
}

export function importTooltip(sisImport: SisImport): vscode.MarkdownString {
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  tooltip.appendText(vscode.l10n.t('SIS import {0}', sisImport.id));
  tooltip.appendMarkdown('\n\n');

  const lines = [
    vscode.l10n.t('State: {0}', stateText(sisImport)),
    vscode.l10n.t('Created: {0}', formatDate(sisImport.created_at)),
  ];
  if (sisImport.ended_at) {
    lines.push(vscode.l10n.t('Ended: {0}', formatDate(sisImport.ended_at)));
  }

  const counts = countsText(errorCount(sisImport), warningCount(sisImport));
  if (counts) {
    lines.push(counts);
  }

  const batches = sisImport.data?.supplied_batches;
  if (Array.isArray(batches) && batches.length > 0) {
    lines.push(vscode.l10n.t('Data: {0}', batches.join(', ')));
  }

  for (const line of lines) {
    tooltip.appendText(line);
    tooltip.appendMarkdown('  \n');
  }

  return tooltip;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }

  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) {
    return iso;
  }

  try {
    return new Intl.DateTimeFormat(vscode.env.language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
  } catch {
    return date.toISOString();
  }
}
