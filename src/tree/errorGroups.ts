// Grouping of one SIS import's errors by file, for the tree and the Problems panel. No `vscode` import.
import { SisImportError } from '../canvas/types';

/** The errors of one file of an import, ordered by row; row-less errors come first. */
export interface FileErrorGroup {
  /** The file name as Canvas reports it, which may include a folder inside the uploaded zip. */
  file: string;
  errors: SisImportError[];
}

export interface GroupedImportErrors {
  files: FileErrorGroup[];
  /** Errors Canvas reports without a file (batch-level). */
  withoutFile: SisImportError[];
}

/**
 * Groups errors by file and sorts them by row. Canvas orders errors by `created_at` with
 * no tie-breaker, so pages can overlap: identical errors are listed once.
 */
export function groupErrorsByFile(errors: readonly SisImportError[]): GroupedImportErrors {
  const byFile = new Map<string, SisImportError[]>();
  const withoutFile: SisImportError[] = [];

  for (const error of uniqueErrors(errors)) {
    if (error.file === null || error.file === undefined || error.file === '') {
      withoutFile.push(error);
      continue;
    }

    const group = byFile.get(error.file) ?? [];
    group.push(error);
    byFile.set(error.file, group);
  }

  const files = [...byFile.entries()]
    .map(([file, fileErrors]) => ({ file, errors: fileErrors.sort(compareByRow) }))
    .sort((left, right) => left.file.localeCompare(right.file));

  return { files, withoutFile };
}

/** Returns the errors without repeats, keeping the first occurrence. */
export function uniqueErrors(errors: readonly SisImportError[]): SisImportError[] {
  const seen = new Set<string>();
  const unique: SisImportError[] = [];
  for (const error of errors) {
    const key = errorKey(error);
    if (!seen.has(key)) {
      seen.add(key);
      unique.push(error);
    }
  }

  return unique;
}

/** Returns a key that is equal for two reports of the same error. */
export function errorKey(error: SisImportError): string {
  return JSON.stringify([error.sis_import_id, error.file ?? null, error.row ?? null, error.message, error.row_info ?? null]);
}

/** Returns the last segment of a Canvas file name, which may use `/` or `\` as separator. */
export function fileBaseName(file: string): string {
  const segments = file.split(/[\\/]/).filter((segment) => segment.length > 0);
  return segments.length > 0 ? segments[segments.length - 1] : file;
}

function compareByRow(left: SisImportError, right: SisImportError): number {
  const leftRow = left.row ?? -1;
  const rightRow = right.row ?? -1;
  return leftRow - rightRow;
}
