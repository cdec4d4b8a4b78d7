// Opening an error: find the local CSV, select the failing record, and show all errors of
// that import in that file as diagnostics.
import * as path from 'node:path';
import * as vscode from 'vscode';

import { SisImportError } from '../canvas/types';
import { CsvParseError, RecordRange, locateRecord } from '../csv/recordLocator';
import { Logger } from '../log';
import { findRecordCanvasRead } from '../csv/recordSearch';
import { compareRowInfo } from '../csv/rowInfo';
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

    const lookup = { origin: target.origin, importId: target.importId, canvasFile: error.file };
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
    if (location.problem) {
      this.offerAnotherFile(location.problem, target, lookup);
    }

    const drift = location.record ? await this.checkRecord(filePath, error, location.record) : undefined;
    await this.updateDiagnostics(target, filePath);
    return { filePath, range, problem: location.problem, drift };
  }

  /**
   * Compares the record with what Canvas imported. When they differ, searches the file for the
   * record Canvas read and offers to go there.
   */
  private async checkRecord(filePath: string, error: SisImportError, record: RecordRange): Promise<OpenErrorResult['drift']> {
    const comparison = compareRowInfo(error.row_info, record.text);
    if (comparison.kind !== 'differs') {
      return undefined;
    }

    const fileName = path.basename(filePath);
    const match = await findRecordCanvasRead(filePath, comparison.canvasFields).catch((failure: unknown) => {
      this.log.warn('navigation', `Searching ${fileName} for the record Canvas imported failed: ${(failure as Error).message}`);
      return undefined;
    });
    this.log.info('navigation', `Row ${error.row} of ${fileName} differs from Canvas's record; ${match ? `row ${match.row} matches` : 'no row matches'}.`);

    const message = vscode.l10n.t(
      'Row {0} of {1} differs from the record Canvas imported, so the local file may have changed since the import.',
      error.row ?? '',
      fileName,
    );
    if (!match) {
      void vscode.window.showWarningMessage(`${message} ${vscode.l10n.t('No record in the file matches it.')}`);
      return {};
    }

    const goTo = vscode.l10n.t('Go to Row {0}', match.row);
    const found = match.exact
      ? vscode.l10n.t('Row {0} has the values Canvas imported.', match.row)
      : vscode.l10n.t('Row {0} has the same {1}.', match.row, match.keyColumns.join(', '));
    void Promise.resolve(vscode.window.showWarningMessage(`${message} ${found}`, goTo)).then(async (answer) => {
      if (answer === goTo) {
        await showRecord(filePath, { ...match, startOffset: 0, endOffset: 0 }, this.log);
      }
    });
    return { canvasRecordRow: match.row, exact: match.exact };
  }

  /** Shows why the record was not selected, with a button to pick another local copy and open the error there. */
  private offerAnotherFile(problem: string, target: ErrorToOpen, lookup: CsvLookup): void {
    const chooseAnother = vscode.l10n.t('Choose Another File…');
    void Promise.resolve(vscode.window.showWarningMessage(problem, chooseAnother)).then(async (answer) => {
      if (answer === chooseAnother && (await this.resolver.choose(lookup))) {
        await this.open(target);
      }
    });
  }

  private async locate(filePath: string, error: SisImportError): Promise<{ record?: RecordRange; problem?: string; readFailure?: string }> {
    const fileName = path.basename(filePath);
    if (error.row === null || error.row === undefined) {
      return {};
    }

    try {
      const record = await locateRecord(filePath, error.row);
      if (!record) {
        return {
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

  private async updateDiagnostics(target: ErrorToOpen, filePath: string): Promise<void> {
    try {
      const allErrors = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Window,
          title: vscode.l10n.t('Loading the errors of SIS import {0}', target.importId),
        },
        (progress) => target.loadImportErrors((count) => progress.report({ message: vscode.l10n.t('{0} loaded', count) })),
      );
      const fileErrors = allErrors.filter((candidate) => candidate.file === target.error.file);
      const result = await this.diagnostics.update({ filePath, importId: target.importId, errors: fileErrors, isFailure: (error) => target.isFailure(error) });
      target.reportRecordChecks?.(result.recordChecks);
    } catch (failure) {
      this.log.error('diagnostics', `Loading the errors of SIS import ${target.importId} failed`, failure);
      void vscode.window.showWarningMessage(
        vscode.l10n.t('The Problems panel may be incomplete: the errors of SIS import {0} could not all be loaded ({1}).', target.importId, (failure as Error).message),
      );
    }
  }
}
