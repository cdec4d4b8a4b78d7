// JSON shapes sent by the Canvas REST API. Only the fields this extension reads are typed;
// Canvas adds keys over time, so every shape tolerates unknown ones.

/** A Canvas user, as returned by `GET /api/v1/users/self`. */
export interface CanvasUser {
  id: number;
  name: string;
  login_id?: string;
  [key: string]: unknown;
}

/** A Canvas account. A root account has `root_account_id === null`. */
export interface CanvasAccount {
  id: number;
  name: string;
  parent_account_id: number | null;
  root_account_id: number | null;
  workflow_state?: string;
  sis_account_id?: string | null;
  [key: string]: unknown;
}

/** The workflow states of a SIS import (Canvas's `SisBatch`). */
export type SisImportWorkflowState =
  | 'initializing'
  | 'created'
  | 'importing'
  | 'cleanup_batch'
  | 'imported'
  | 'imported_with_messages'
  | 'aborted'
  | 'failed'
  | 'failed_with_messages'
  | 'restoring'
  | 'partially_restored'
  | 'restored';

/** Per-importer record counts plus the error and warning totals of a SIS import. */
export interface SisImportCounts {
  error_count?: number;
  warning_count?: number;
  [importer: string]: number | undefined;
}

/** The `data` object of a SIS import; `counts` is absent or null before processing. */
export interface SisImportData {
  import_type?: string;
  supplied_batches?: string[];
  counts?: SisImportCounts | null;
  [key: string]: unknown;
}

/** A SIS import, as returned by `GET /api/v1/accounts/:id/sis_imports`. */
export interface SisImport {
  id: number;
  created_at: string;
  started_at?: string | null;
  ended_at?: string | null;
  workflow_state: SisImportWorkflowState | string;
  progress?: number | null;
  data?: SisImportData | null;
  processing_errors?: Array<[string | null, string]>;
  processing_warnings?: Array<[string | null, string]>;
  [key: string]: unknown;
}

/**
 * One SIS import error. `row` is Canvas's 1-based CSV record number (header = 1), null for
 * file-level and batch-level errors. `row_info` is absent on older Canvas versions.
 */
export interface SisImportError {
  sis_import_id: number;
  file: string | null;
  message: string;
  row: number | null;
  row_info?: string | null;
}
