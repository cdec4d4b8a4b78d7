// The SisImport object: SisBatch#as_json in Canvas's key order, plus the keys the API
// adds only when they apply (errors_attachment, user, csv_attachments).
import { Dataset, SisImportRecord } from './dataset';
import { errorsFile, fileJson, uploadedFiles, verifierFor } from './files';
import { userJson } from './serializers';

/** Option keys that SisBatch#as_json always emits, null when the batch never set them. */
const OPTION_KEYS = [
  'batch_mode', 'batch_mode_term_id', 'multi_term_batch_mode', 'override_sis_stickiness',
  'add_sis_stickiness', 'update_sis_id_if_login_claimed', 'clear_sis_stickiness',
  'diffing_data_set_identifier', 'diffing_remaster', 'diffed_against_import_id',
  'diffing_drop_status', 'diffing_user_remove_status', 'skip_deletes', 'change_threshold',
  'diff_row_count_threshold',
];

export interface SisImportJsonContext {
  dataset: Dataset;
  canvasOrigin: string;
  /** The caller: errors CSV verifiers are bound to a user. */
  viewerId: number;
  now: Date;
  /** Batches whose errors CSV Canvas has not written yet (it is a delayed job). */
  pendingErrorsAttachments: ReadonlySet<number>;
}

export function sisImportJson(sisImport: SisImportRecord, context: SisImportJsonContext): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: sisImport.id,
    created_at: sisImport.created_at,
    started_at: sisImport.started_at,
    ended_at: sisImport.ended_at,
    updated_at: sisImport.updated_at,
    progress: sisImport.progress,
    workflow_state: sisImport.workflow_state,
    data: sisImport.data,
  };
  for (const key of OPTION_KEYS) {
    json[key] = sisImport[key] ?? null;
  }

  if (sisImport.processing_errors) {
    json.processing_errors = sisImport.processing_errors;
  }
  if (sisImport.processing_warnings) {
    json.processing_warnings = sisImport.processing_warnings;
  }
  if (sisImport.diffing_data_set_identifier) {
    json.diffing_threshold_exceeded = sisImport.diffing_threshold_exceeded ?? false;
  }

  const errorsAttachment = errorsFile(context.dataset, sisImport);
  if (errorsAttachment && !context.pendingErrorsAttachments.has(sisImport.id)) {
    const verifier = verifierFor(errorsAttachment, context.viewerId, context.now);
    json.errors_attachment = fileJson(errorsAttachment, context.canvasOrigin, verifier);
  }

  const creator = context.dataset.users.find((user) => user.id === sisImport.user_id);
  if (creator) {
    json.user = userJson(creator);
  }

  const uploads = uploadedFiles(context.dataset, sisImport);
  if (uploads.length > 0) {
    json.csv_attachments = uploads.map((file) => fileJson(file, context.canvasOrigin, verifierFor(file, context.viewerId, context.now)));
  }
  return json;
}
