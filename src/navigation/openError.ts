// Opening an error: find the local CSV, select the failing record, and show all errors of
// that import in that file as diagnostics.
import * as path from 'node:path';
import * as vscode from 'vscode';

import { SisImportError } from '../canvas/types';
import { CsvParseError, RecordRange, locateRecord } from '../csv/recordLocator';
import { RecordMatch, findRecordCanvasRead } from '../csv/recordSearch';
import { canvasRecordFields, compareRowInfo } from '../csv/rowInfo';
import { Logger } from '../log';
import { ImportDiagnostics, RecordCheck } from './importDiagnostics';
import { CsvLookup, LocalCsvResolver } from './localCsvResolver';
import { showRecord } from './recordEditor';

/** One error to open, with access to all errors of its import. */
export interface ErrorToOpen {
  origin: string;
  importId: number;
  error: SisImportError;
  /** Loads every error of the import (all pages) for the Problems panel. */
  loadImportErrors(onProgress: (loadedCount: number) => void): Promise<readonly SisImportError[]>;
  isFailure(error: SisImportError): boolean;
  /** Receives which local records differ from the ones Canvas imported, for the tree's icons. */
  reportRecordChecks?(checks: RecordCheck[]): void;
}

/** The outcome, for tests and callers: where the editor went and what was wrong, if anything. */
export interface OpenErrorResult {
  filePath?: string;
  range?: vscode.Range;
  problem?: string;
  /** Set when the local record differs from Canvas's `row_info`: the row of the record Canvas read, if found. */
  drift?: { canvasRecordRow?: number; exact?: boolean };
}

/** The location of an error's record, or the reason it could not be found. */
interface RecordLocation {
  record?: RecordRange;
  /** Set when the record lies past the end of the file. */
  pastEnd?: boolean;
  problem?: string;
  readFailure?: string;
}

export class ErrorOpener {
  constructor(
    private readonly resolver: LocalCsvResolver,
    private readonly diagnostics: ImportDiagnostics,
    private readonly log: Logger,
  ) {}

  async open(target: ErrorToOpen): Promise<OpenErrorResult> {
    const { error } = target;
    if (!error.file) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t('This error concerns SIS import {0} as a whole, not a file: {1}', target.importId, error.message),
      );
      return { problem: 'noFile' };
    }

    if ((error.row === null || error.row === undefined) && !/\.(csv|txt)$/i.test(error.file)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} is not a CSV file. Canvas says: {1}', error.file, error.message));
      return { problem: 'notCsv' };
    }

    const lookup: CsvLookup = { origin: target.origin, importId: target.importId, canvasFile: error.file, probe: error };
    const filePath = await this.resolver.resolve(lookup);
    if (!filePath) {
      return { problem: 'noLocalFile' };
    }

    const location = await this.locate(filePath, error);
    if (location.readFailure) {
      await this.resolver.forget(lookup);
      void vscode.window.showErrorMessage(location.readFailure);
      return { filePath, problem: location.readFailure };
    }

    const range = await showRecord(filePath, location.record, this.log);
    const drift = await this.checkRecord(filePath, target, lookup, location);
    await this.updateDiagnostics(target, filePath, lookup);
    return { filePath, range, problem: location.problem, drift };
  }

  /**
   * Compares the record with what Canvas imported and shows what is wrong, if anything. When the
   * record differs or lies past the end of the file, searches the file for the record Canvas read
   * and offers to go there, or to choose another local copy.
   */
  private async checkRecord(filePath: string, target: ErrorToOpen, lookup: CsvLookup, location: RecordLocation): Promise<OpenErrorResult['drift']> {
    const { error } = target;
    const fileName = path.basename(filePath);
    let canvasFields: string[] | undefined;
    let message = location.problem;
    if (location.record) {
      const comparison = compareRowInfo(error.row_info, location.record.text);
      if (comparison.kind === 'differs') {
        canvasFields = comparison.canvasFields;
        message = vscode.l10n.t(
          'Row {0} of {1} differs from the record Canvas imported, so the local file may have changed since the import.',
          error.row ?? '',
          fileName,
        );
      }
    } else if (location.pastEnd) {
      canvasFields = canvasRecordFields(error.row_info);
    }

    if (!message) {
      return undefined;
    }

    const match = canvasFields ? await this.findCanvasRecord(filePath, canvasFields) : undefined;
    if (canvasFields) {
      this.log.info('navigation', `Row ${error.row} of ${fileName} is not Canvas's record; ${match ? `row ${match.row} matches` : 'no row matches'}.`);
      message += ' ' + (match ? matchText(match) : vscode.l10n.t('No record in the file matches it.'));
    }

    this.showProblem(message, filePath, match, target, lookup);
    return canvasFields ? { canvasRecordRow: match?.row, exact: match?.exact } : undefined;
  }

  private findCanvasRecord(filePath: string, canvasFields: string[]): Promise<RecordMatch | undefined> {
    return findRecordCanvasRead(filePath, canvasFields).catch((failure: unknown) => {
      this.log.warn('navigation', `Searching ${path.basename(filePath)} for the record Canvas imported failed: ${(failure as Error).message}`);
      return undefined;
    });
  }

  /** Shows a warning with buttons to go to the record Canvas read, if found, or to choose another local copy. */
  private showProblem(message: string, filePath: string, match: RecordMatch | undefined, target: ErrorToOpen, lookup: CsvLookup): void {
    const goTo = match ? vscode.l10n.t('Go to Row {0}', match.row) : undefined;
    const chooseAnother = vscode.l10n.t('Choose Another File…');
    const buttons = goTo ? [goTo, chooseAnother] : [chooseAnother];
    void Promise.resolve(vscode.window.showWarningMessage(message, ...buttons))
      .then(async (answer) => {
        if (answer === goTo && match) {
          await showRecord(filePath, { ...match, startOffset: 0, endOffset: 0 }, this.log);
        } else if (answer === chooseAnother && (await this.resolver.choose(lookup))) {
          await this.open(target);
        }
      })
      .catch((failure: unknown) => {
        this.log.error('navigation', `Acting on the warning about ${path.basename(filePath)} failed`, failure);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not open {0}: {1}', filePath, (failure as Error).message));
      });
  }

  private async locate(filePath: string, error: SisImportError): Promise<RecordLocation> {
    const fileName = path.basename(filePath);
    if (error.row === null || error.row === undefined) {
      return {};
    }

    try {
      const record = await locateRecord(filePath, error.row);
      if (!record) {
        return {
          pastEnd: true,
          problem: vscode.l10n.t(
            'Row {0} is past the end of {1}. The local file has fewer records than the file Canvas imported; it may have changed since the import.',
            error.row,
            fileName,
          ),
        };
      }

      this.log.info('navigation', `Row ${error.row} of ${fileName} is on lines ${record.startLine + 1}-${record.endLine + 1}.`);
      if (record.text.includes('\uFFFD')) {
        return {
          record,
          problem: vscode.l10n.t(
            'Row {0} of {1} is not valid UTF-8. Canvas imports only UTF-8 files; save the file with UTF-8 encoding.',
            error.row,
            fileName,
          ),
        };
      }

      return { record };
    } catch (failure) {
      if (failure instanceof CsvParseError) {
        return { problem: vscode.l10n.t('Row {0} of {1} could not be located: {2}', error.row, fileName, failure.message) };
      }

      this.log.error('navigation', `Reading ${filePath} failed`, failure);
      return { readFailure: vscode.l10n.t('Could not read {0}: {1}', filePath, (failure as Error).message) };
    }
  }

  private async updateDiagnostics(target: ErrorToOpen, filePath: string, lookup: CsvLookup): Promise<void> {
    try {
      const allErrors = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Window,
          title: vscode.l10n.t('Loading the errors of SIS import {0}', target.importId),
        },
        (progress) => target.loadImportErrors((count) => progress.report({ message: vscode.l10n.t('{0} loaded', count) })),
      );
      const fileErrors = allErrors.filter((candidate) => candidate.file === target.error.file);
      const result = await this.diagnostics.update({
        filePath,
        instanceOrigin: lookup.origin,
        importId: target.importId,
        sourceKey: `${lookup.origin} ${lookup.importId} ${lookup.canvasFile}`,
        errors: fileErrors,
        isFailure: (error) => target.isFailure(error),
        onRecordChecks: (checks) => target.reportRecordChecks?.(checks),
      });
      target.reportRecordChecks?.(result.recordChecks);
    } catch (failure) {
      this.log.error('diagnostics', `Loading the errors of SIS import ${target.importId} failed`, failure);
      void vscode.window.showWarningMessage(
        vscode.l10n.t('The Problems panel may be incomplete: the errors of SIS import {0} could not all be loaded ({1}).', target.importId, (failure as Error).message),
      );
    }
  }
}

function matchText(match: RecordMatch): string {
  return match.exact
    ? vscode.l10n.t('Row {0} has the values Canvas imported.', match.row)
    : vscode.l10n.t('Row {0} has the same {1}.', match.row, match.keyColumns.join(', '));
}
