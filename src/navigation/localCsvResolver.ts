// Finds the local copy of a file Canvas names in an error: in the workspace folders and the
// canvasSis.csvFolders setting, matched by base name. When several files match, the user
// picks one once per instance, import and file.
import * as path from 'node:path';
import * as vscode from 'vscode';

import { SisImportError } from '../canvas/types';
import { findFilesByBaseName } from '../csv/csvFileSearch';
import { locateRecord } from '../csv/recordLocator';
import { canvasRecordFields, compareRowInfo } from '../csv/rowInfo';
import { Logger } from '../log';
import { readCsvFolders } from '../settings';
import { fileBaseName } from '../tree/errorGroups';

export interface CsvLookup {
  origin: string;
  importId: number;
  /** The file name as Canvas reports it, possibly with folders from the uploaded zip. */
  canvasFile: string;
  /** An error of that file; its `row_info` shows which copy contains the record Canvas imported. */
  probe?: Pick<SisImportError, 'row' | 'row_info'>;
}

const maxWorkspaceMatches = 200;

export class LocalCsvResolver {
  constructor(
    private readonly memento: vscode.Memento,
    private readonly log: Logger,
  ) {}

  /** Returns the local file path, or undefined when the user cancelled or none was found. */
  async resolve(lookup: CsvLookup): Promise<string | undefined> {
    const remembered = await this.rememberedChoice(lookup);
    if (remembered) {
      return remembered;
    }

    const baseName = fileBaseName(lookup.canvasFile);
    const candidates = await this.findCandidates(baseName);
    const files = candidates.length === 1 ? 'file' : 'files';
    this.log.info('navigation', `Found ${candidates.length} local ${files} named ${baseName} for SIS import ${lookup.importId}.`);

    if (candidates.length === 1) {
      return candidates[0];
    }

    const chosen = candidates.length === 0 ? await this.askForMissingFile(lookup, baseName) : await this.askToChoose(lookup, candidates);
    if (chosen) {
      await this.memento.update(choiceKey(lookup), chosen);
      this.log.info('navigation', `Using ${chosen} for ${lookup.canvasFile} of SIS import ${lookup.importId}.`);
    }

    return chosen;
  }

  /** Forgets the remembered choice, for example when the chosen file is gone. */
  async forget(lookup: CsvLookup): Promise<void> {
    await this.memento.update(choiceKey(lookup), undefined);
  }

  private async rememberedChoice(lookup: CsvLookup): Promise<string | undefined> {
    const remembered = this.memento.get<string>(choiceKey(lookup));
    if (!remembered) {
      return undefined;
    }

    try {
      await vscode.workspace.fs.stat(vscode.Uri.file(remembered));
      return remembered;
    } catch {
      await this.forget(lookup);
      return undefined;
    }
  }

  private async findCandidates(baseName: string): Promise<string[]> {
    const found = new Set<string>();

    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const pattern = new vscode.RelativePattern(folder, `**/${caseInsensitiveGlob(baseName)}`);
      const uris = await vscode.workspace.findFiles(pattern, '**/node_modules/**', maxWorkspaceMatches);
      uris.filter((uri) => uri.scheme === 'file').forEach((uri) => found.add(path.normalize(uri.fsPath)));
    }

    const extraFolders = readCsvFolders();
    const extraMatches = await findFilesByBaseName(extraFolders, baseName);
    extraMatches.forEach((file) => found.add(path.normalize(file)));

    return [...found].sort();
  }

  private async askToChoose(lookup: CsvLookup, candidates: string[]): Promise<string | undefined> {
    const browse = { label: `$(folder-opened) ${vscode.l10n.t('Browse…')}`, file: undefined };
    const inUse = this.memento.get<string>(choiceKey(lookup));
    const described = await Promise.all(candidates.map(async (file) => {
      const probe = await probeCandidate(file, lookup.probe);
      const notes = [file === inUse ? `$(check) ${vscode.l10n.t('in use')}` : undefined, probe.text, await describeFile(file)];
      return { label: vscode.workspace.asRelativePath(file, true), description: notes.filter(Boolean).join(' · '), file, matches: probe.matches };
    }));

    // Copies whose record matches Canvas's come first, then the shallower paths.
    described.sort((left, right) => Number(right.matches) - Number(left.matches) || depth(left.file) - depth(right.file) || left.file.localeCompare(right.file));
    const picked = await vscode.window.showQuickPick([...described, browse], {
      title: vscode.l10n.t('Which local copy of {0} was imported in SIS import {1}?', lookup.canvasFile, lookup.importId),
      placeHolder: vscode.l10n.t('Your choice is remembered for this import'),
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
    if (picked === browse) {
      return this.browseForFile(lookup);
    }

    return picked?.file;
  }

  /** Asks again which local file belongs to an import's file, for example after a wrong choice. */
  async choose(lookup: CsvLookup): Promise<string | undefined> {
    const candidates = await this.findCandidates(fileBaseName(lookup.canvasFile));
    const chosen = candidates.length === 0 ? await this.browseForFile(lookup) : await this.askToChoose(lookup, candidates);
    if (chosen) {
      await this.memento.update(choiceKey(lookup), chosen);
      this.log.info('navigation', `Using ${chosen} for ${lookup.canvasFile} of SIS import ${lookup.importId}.`);
    }

    return chosen;
  }

  private async browseForFile(lookup: CsvLookup): Promise<string | undefined> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false,
      openLabel: vscode.l10n.t('Use This File'),
      title: vscode.l10n.t('Local copy of {0}', lookup.canvasFile),
      filters: { [vscode.l10n.t('CSV files')]: ['csv', 'txt'], [vscode.l10n.t('All files')]: ['*'] },
    });
    return picked?.[0]?.fsPath;
  }

  private async askForMissingFile(lookup: CsvLookup, baseName: string): Promise<string | undefined> {
    const chooseFile = vscode.l10n.t('Choose File…');
    const openSettings = vscode.l10n.t('Add a CSV Folder');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        'No local file named {0} was found in the workspace or the canvasSis.csvFolders setting. Choose the file that was imported in SIS import {1}.',
        baseName,
        lookup.importId,
      ),
      chooseFile,
      openSettings,
    );

    if (answer === openSettings) {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'canvasSis.csvFolders');
      return undefined;
    }

    if (answer !== chooseFile) {
      return undefined;
    }

    return this.browseForFile(lookup);
  }
}

/** Checks whether the candidate contains the record Canvas imported on the probe's row, when `row_info` allows it. */
async function probeCandidate(file: string, probe: CsvLookup['probe']): Promise<{ matches: boolean; text?: string }> {
  if (!probe || probe.row === null || probe.row === undefined || !canvasRecordFields(probe.row_info)) {
    return { matches: false };
  }

  try {
    const record = await locateRecord(file, probe.row);
    const matches = record !== undefined && compareRowInfo(probe.row_info, record.text).kind === 'matches';
    return {
      matches,
      text: matches
        ? `$(pass) ${vscode.l10n.t('row {0} matches Canvas', probe.row)}`
        : vscode.l10n.t('row {0} differs from Canvas', probe.row),
    };
  } catch {
    return { matches: false };
  }
}

function depth(file: string): number {
  return file.split(/[\\/]/).length;
}

/** Returns "modified Nov 16, 2026 · 12 KB", to tell copies of one file apart. */
async function describeFile(file: string): Promise<string> {
  try {
    const stat = await vscode.workspace.fs.stat(vscode.Uri.file(file));
    const modified = new Date(stat.mtime).toLocaleDateString(vscode.env.language, { dateStyle: 'medium' });
    return vscode.l10n.t('modified {0} · {1} KB', modified, Math.max(1, Math.round(stat.size / 1024)));
  } catch {
    return '';
  }
}

function choiceKey(lookup: CsvLookup): string {
  return `canvasSis.csvChoice:${lookup.origin}:${lookup.importId}:${lookup.canvasFile}`;
}

/** Turns `users.csv` into `[uU][sS][eE][rR][sS].[cC][sS][vV]` and escapes glob syntax. */
export function caseInsensitiveGlob(name: string): string {
  let glob = '';
  for (const character of name) {
    const lower = character.toLowerCase();
    const upper = character.toUpperCase();
    if (lower !== upper) {
      glob += `[${lower}${upper}]`;
    } else if ('*?[]{}!'.includes(character)) {
      glob += `[${character}]`;
    } else {
      glob += character;
    }
  }

  return glob;
}
