// Diagnostics in the Problems panel for the errors of one SIS import in one local CSV file.
import * as path from 'node:path';
import * as vscode from 'vscode';

import { SisImportError } from '../canvas/types';
import { CsvParseError, locateRecord } from '../csv/recordLocator';
import { Logger } from '../log';
import { toEditorRange } from './recordRange';

export const diagnosticSource = 'Canvas SIS';

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

  /** Replaces the diagnostics of `input.filePath` with one per error. */
  async update(input: ImportDiagnosticsInput): Promise<vscode.Diagnostic[]> {
    const diagnostics: vscode.Diagnostic[] = [];
    for (const error of input.errors) {
      diagnostics.push(await this.diagnosticFor(input, error));
    }

    this.collection.set(vscode.Uri.file(input.filePath), diagnostics);
    this.log.info('diagnostics', `Set ${diagnostics.length} diagnostics of SIS import ${input.importId} on ${path.basename(input.filePath)}.`);
    return diagnostics;
  }

  clear(): void {
    this.collection.clear();
  }

  dispose(): void {
    this.collection.dispose();
  }

  private async diagnosticFor(input: ImportDiagnosticsInput, error: SisImportError): Promise<vscode.Diagnostic> {
    const located = await this.locate(input.filePath, error);
    const diagnostic = new vscode.Diagnostic(
      located.range,
      located.note ? `${error.message} (${located.note})` : error.message,
      input.isFailure(error) ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
    );
    diagnostic.source = diagnosticSource;
    diagnostic.code = error.row === null || error.row === undefined
      ? vscode.l10n.t('import {0}', input.importId)
      : vscode.l10n.t('import {0}, row {1}', input.importId, error.row);
    return diagnostic;
  }

  /** Returns the record's range, or the first line with a note saying why the record was not found. */
  private async locate(filePath: string, error: SisImportError): Promise<{ range: vscode.Range; note?: string }> {
    const firstLine = new vscode.Range(0, 0, 0, 0);
    if (error.row === null || error.row === undefined) {
      return { range: firstLine };
    }

    try {
      const record = await locateRecord(filePath, error.row);
      if (!record) {
        return { range: firstLine, note: vscode.l10n.t('row {0} is past the end of the local file', error.row) };
      }

      return { range: toEditorRange(record) };
    } catch (failure) {
      if (failure instanceof CsvParseError) {
        return { range: firstLine, note: vscode.l10n.t('row {0} could not be located: {1}', error.row, failure.message) };
      }

      throw failure;
    }
  }
}
