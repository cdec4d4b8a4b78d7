// The fake Canvas's data model. Field names follow Canvas's JSON (snake_case) so the
// fixture files under test/fixtures/canvas/ read like Canvas data.

export interface AccountRecord {
  id: number;
  name: string;
  uuid: string;
  parent_account_id: number | null;
  root_account_id: number | null;
  workflow_state: 'active' | 'deleted';
  default_time_zone: string;
  /** Root accounts only: whether the SIS import feature is on. */
  sis_enabled?: boolean;
  /** Sub-accounts only, as Canvas emits these keys only for sub-accounts. */
  sis_account_id?: string | null;
  integration_id?: string | null;
  sis_import_id?: number | null;
}

export interface UserRecord {
  id: number;
  name: string;
  sortable_name: string;
  short_name: string;
  login_id: string;
  created_at: string;
}

/** An active account-admin membership: the user administers the account and its sub-accounts. */
export interface AdminRecord {
  user_id: number;
  account_id: number;
}

export interface TokenRecord {
  token: string;
  user_id: number;
  purpose: string;
  expires_at: string | null;
  /** `deleted` means the user revoked the token. */
  workflow_state: 'active' | 'deleted';
}

/** The stored `data` of a SIS batch: free-form in Canvas, so only the keys the fake reads are typed. */
export interface SisImportData {
  import_type?: string;
  supplied_batches?: string[];
  counts?: Record<string, number>;
  statistics?: Record<string, unknown>;
  [key: string]: unknown;
}

/** An uploaded file kept with the batch; `local_file` names its bytes under test/fixtures/workspace/. */
export interface CsvAttachmentRecord {
  id: number;
  uuid: string;
  filename: string;
  local_file: string;
  created_at: string;
}

export interface SisImportRecord {
  id: number;
  account_id: number;
  /** The user who created the batch, or null for batches without one. */
  user_id: number | null;
  created_at: string;
  started_at: string | null;
  ended_at: string | null;
  updated_at: string;
  progress: number;
  workflow_state: SisImportState;
  data: SisImportData;
  /** Batch options and diffing settings: any of Canvas's SisImport keys, null when absent. */
  [option: string]: unknown;
  /** Present when Canvas has written the errors CSV for this batch. */
  errors_attachment?: { id: number; created_at: string };
  csv_attachments?: CsvAttachmentRecord[];
  /** Fixture-only: error `file` value → path of the matching CSV under test/fixtures/workspace/. */
  local_files?: Record<string, string>;
  /** Derived from the error rows when the data set is loaded, as Canvas does when a batch finishes. */
  processing_errors?: Array<[string | null, string]>;
  processing_warnings?: Array<[string | null, string]>;
}

export const SIS_IMPORT_STATES = [
  'initializing', 'created', 'importing', 'cleanup_batch', 'imported', 'imported_with_messages',
  'aborted', 'failed', 'failed_with_messages', 'restoring', 'partially_restored', 'restored',
] as const;

export type SisImportState = (typeof SIS_IMPORT_STATES)[number];

export interface SisImportErrorRecord {
  /** Insertion order, as the database id would be; Canvas does not expose it. */
  id: number;
  sis_import_id: number;
  file: string | null;
  message: string;
  row: number | null;
  row_info: string | null;
  /** True for fatal, file- or batch-level problems; row-level problems are warnings. */
  failure: boolean;
  created_at: string;
}

export interface Dataset {
  /** The data set's clock: token expiry and the 30-day error retention are measured from it. */
  now: string;
  /** The account that `accounts/self` names (the domain root account of the host). */
  domainRootAccountId: number;
  accounts: AccountRecord[];
  users: UserRecord[];
  admins: AdminRecord[];
  tokens: TokenRecord[];
  sisImports: SisImportRecord[];
  sisImportErrors: SisImportErrorRecord[];
  /** Folder that contains the local CSV files (test/fixtures/workspace/). */
  workspaceDir: string;
}
