// Diagnostics in the Problems panel for the errors of one SIS import in one local CSV file.
import * as path from 'node:path';
import * as vscode from 'vscode';

import { SisImportError } from '../canvas/types';
import { CsvParseError, RecordRange, locateRecord } from '../csv/recordLocator';
import { compareRowInfo } from '../csv/rowInfo';
import { Logger } from '../log';
import { toEditorRange } from './recordRange';

export const diagnosticSource = 'Canvas SIS';

/** Whether the local record of an error is the one Canvas imported, when `row_info` tells. */
export interface RecordCheck {
  error: SisImportError;
  state: 'matches' | 'differs';
}

export interface ImportDiagnosticsResult {
  diagnostics: vscode.Diagnostic[];
  recordChecks: RecordCheck[];
}

export interface ImportDiagnosticsInput {
  filePath: string;
  importId: number;
  /** The errors Canvas reports for this file in this import. */
  errors: readonly SisImportError[];
  isFailure(error: SisImportError): boolean;
}

/** Owns the diagnostic collection; a file shows the errors of the import it was last opened for. */
export class ImportDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('canvasSis');

  constructor(private readonly log: Logger) {}

  /** Replaces the diagnostics of `input.filePath` with one per error, and reports which local records differ from Canvas's. */
  async update(input: ImportDiagnosticsInput): Promise<ImportDiagnosticsResult> {
    const diagnostics: vscode.Diagnostic[] = [];
    const recordChecks: RecordCheck[] = [];
    for (const error of input.errors) {
      const { diagnostic, check } = await this.diagnosticFor(input, error);
      diagnostics.push(diagnostic);
      if (check) {
        recordChecks.push(check);
      }
    }

    this.collection.set(vscode.Uri.file(input.filePath), diagnostics);
    const differing = recordChecks.filter((check) => check.state === 'differs').length;
    this.log.info('diagnostics', `Set ${diagnostics.length} diagnostics of SIS import ${input.importId} on ${path.basename(input.filePath)}; ${differing} local records differ from Canvas's.`);
    return { diagnostics, recordChecks };
  }

  clear(): void {
    this.collection.clear();
  }

  dispose(): void {
    this.collection.dispose();
  }

  private async diagnosticFor(input: ImportDiagnosticsInput, error: SisImportError): Promise<{ diagnostic: vscode.Diagnostic; check?: RecordCheck }> {
    const located = await this.locate(input.filePath, error);
    const comparison = located.record ? compareRowInfo(error.row_info, located.record.text) : undefined;
    const check: RecordCheck | undefined = comparison && comparison.kind !== 'notComparable' ? { error, state: comparison.kind } : undefined;

    let note = located.note;
    if (check?.state === 'differs') {
      note = vscode.l10n.t('the local record differs from the one Canvas imported; the file may have changed since the import');
    }

    const diagnostic = new vscode.Diagnostic(
      located.range,
      note ? `${error.message} (${note})` : error.message,
      input.isFailure(error) ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
    );
    diagnostic.source = diagnosticSource;
    diagnostic.code = error.row === null || error.row === undefined
      ? vscode.l10n.t('import {0}', input.importId)
      : vscode.l10n.t('import {0}, row {1}', input.importId, error.row);
    return { diagnostic, check };
  }

  /** Returns the record's range, or the first line with a note saying why the record was not found. */
  private async locate(filePath: string, error: SisImportError): Promise<{ range: vscode.Range; record?: RecordRange; note?: string }> {
    const firstLine = new vscode.Range(0, 0, 0, 0);
    if (error.row === null || error.row === undefined) {
      return { range: firstLine };
    }

    try {
      const record = await locateRecord(filePath, error.row);
      if (!record) {
        return { range: firstLine, note: vscode.l10n.t('row {0} is past the end of the local file', error.row) };
      }

      return { range: toEditorRange(record), record };
    } catch (failure) {
      if (failure instanceof CsvParseError) {
        return { range: firstLine, note: vscode.l10n.t('row {0} could not be located: {1}', error.row, failure.message) };
      }

      throw failure;
    }
  }
}
