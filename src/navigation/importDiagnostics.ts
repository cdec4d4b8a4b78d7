// Diagnostics in the Problems panel for the errors of one SIS import in one local CSV file.
import * as path from 'node:path';
import * as vscode from 'vscode';

import { SisImportError } from '../canvas/types';
import { CsvParseError, RecordRange, locateRecord } from '../csv/recordLocator';
import { compareRowInfo } from '../csv/rowInfo';
import { Logger } from '../log';
import { toEditorRange } from './recordRange';

export const diagnosticSource = 'Canvas SIS';

/** The result of comparing an error's local record with Canvas's `row_info`. */
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
  /** Origin of the Canvas instance the import belongs to. */
  instanceOrigin: string;
  importId: number;
  /** Identifies the instance, import and Canvas file; a later update with the same key replaces this one, whatever its local file. */
  sourceKey: string;
  /** The errors Canvas reports for this file in this import. */
  errors: readonly SisImportError[];
  isFailure(error: SisImportError): boolean;
  /** Receives the record checks again whenever the file changes on disk. */
  onRecordChecks?(checks: RecordCheck[]): void;
}

/** How long a file must stay unchanged before its diagnostics are computed again, in milliseconds. */
const fileChangeDelayMs = 300;

/**
 * Owns the diagnostic collection. A file shows the errors of the import it was last opened for,
 * and its diagnostics are computed again when the file changes on disk.
 */
export class ImportDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('canvasSis');
  /** The input behind each file's diagnostics, by file path. */
  private readonly inputs = new Map<string, ImportDiagnosticsInput>();
  /** The file each source key's diagnostics are on, by source key. */
  private readonly filesBySource = new Map<string, string>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly pendingUpdates = new Map<string, NodeJS.Timeout>();
  /** Counts computations per file, so that only the newest one sets the file's diagnostics. */
  private readonly computations = new Map<string, number>();

  constructor(private readonly log: Logger) {}

  /** Replaces the diagnostics of `input.filePath` with one per error, and reports which local records differ from Canvas's. */
  async update(input: ImportDiagnosticsInput): Promise<ImportDiagnosticsResult> {
    const previousFile = this.filesBySource.get(input.sourceKey);
    if (previousFile && previousFile !== input.filePath) {
      this.forgetFile(previousFile);
    }

    this.filesBySource.set(input.sourceKey, input.filePath);
    this.inputs.set(input.filePath, input);
    this.watch(input.filePath);
    return this.compute(input);
  }

  private async compute(input: ImportDiagnosticsInput): Promise<ImportDiagnosticsResult> {
    const computation = (this.computations.get(input.filePath) ?? 0) + 1;
    this.computations.set(input.filePath, computation);

    const diagnostics: vscode.Diagnostic[] = [];
    const recordChecks: RecordCheck[] = [];
    for (const error of input.errors) {
      const { diagnostic, check } = await this.diagnosticFor(input, error);
      diagnostics.push(diagnostic);
      if (check) {
        recordChecks.push(check);
      }
    }

    // A newer computation, or a move of the import's file to another copy, replaced this one meanwhile.
    if (this.inputs.get(input.filePath) !== input || this.computations.get(input.filePath) !== computation) {
      return { diagnostics, recordChecks };
    }

    this.collection.set(vscode.Uri.file(input.filePath), diagnostics);
    const differing = recordChecks.filter((check) => check.state === 'differs').length;
    this.log.info('diagnostics', `Set ${diagnostics.length} diagnostics of SIS import ${input.importId} on ${path.basename(input.filePath)}; ${differing} local records differ from Canvas's.`);
    return { diagnostics, recordChecks };
  }

  /** Removes the diagnostics of imports whose instance is not in `origins`, such as a removed instance. */
  keepInstances(origins: ReadonlySet<string>): void {
    for (const [sourceKey, filePath] of [...this.filesBySource]) {
      const input = this.inputs.get(filePath);
      if (input === undefined || !origins.has(input.instanceOrigin)) {
        this.filesBySource.delete(sourceKey);
        this.forgetFile(filePath);
      }
    }
  }

  clear(): void {
    [...this.inputs.keys()].forEach((filePath) => this.forgetFile(filePath));
    this.collection.clear();
  }

  dispose(): void {
    this.clear();
    this.collection.dispose();
  }

  private forgetFile(filePath: string): void {
    this.collection.delete(vscode.Uri.file(filePath));
    this.inputs.delete(filePath);
    this.watchers.get(filePath)?.dispose();
    this.watchers.delete(filePath);
    clearTimeout(this.pendingUpdates.get(filePath));
    this.pendingUpdates.delete(filePath);
  }

  /** Watches the file, so that an edit saved by any program updates its diagnostics and the tree's record checks. */
  private watch(filePath: string): void {
    if (this.watchers.has(filePath)) {
      return;
    }

    const pattern = new vscode.RelativePattern(vscode.Uri.file(path.dirname(filePath)), path.basename(filePath));
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const schedule = () => this.scheduleUpdate(filePath);
    watcher.onDidChange(schedule);
    watcher.onDidCreate(schedule);
    watcher.onDidDelete(schedule);
    this.watchers.set(filePath, watcher);
  }

  private scheduleUpdate(filePath: string): void {
    clearTimeout(this.pendingUpdates.get(filePath));
    this.pendingUpdates.set(filePath, setTimeout(() => {
      this.pendingUpdates.delete(filePath);
      const input = this.inputs.get(filePath);
      if (!input) {
        return;
      }

      this.compute(input)
        .then((result) => input.onRecordChecks?.(result.recordChecks))
        .catch((error: unknown) => {
          this.log.warn('diagnostics', `Updating the diagnostics of ${path.basename(filePath)} failed: ${(error as Error).message}`);
          this.forgetFile(filePath);
        });
    }, fileChangeDelayMs));
  }

  private async diagnosticFor(input: ImportDiagnosticsInput, error: SisImportError): Promise<{ diagnostic: vscode.Diagnostic; check?: RecordCheck }> {
    const located = await this.locate(input.filePath, error);
    const comparison = located.record ? compareRowInfo(error.row_info, located.record.text) : undefined;
    let check: RecordCheck | undefined = comparison && comparison.kind !== 'notComparable' ? { error, state: comparison.kind } : undefined;
    if (located.pastEnd) {
      // The file has fewer records than the one Canvas imported, so it cannot be that file.
      check = { error, state: 'differs' };
    }

    let note = located.note;
    if (check?.state === 'differs' && !located.pastEnd) {
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
  private async locate(filePath: string, error: SisImportError): Promise<{ range: vscode.Range; record?: RecordRange; note?: string; pastEnd?: boolean }> {
    const firstLine = new vscode.Range(0, 0, 0, 0);
    if (error.row === null || error.row === undefined) {
      return { range: firstLine };
    }

    try {
      const record = await locateRecord(filePath, error.row);
      if (!record) {
        return { range: firstLine, note: vscode.l10n.t('row {0} is past the end of the local file', error.row), pastEnd: true };
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
