// JSON shapes of accounts, users and SIS import errors as Canvas's API emits them.
import { AccountRecord, SisImportErrorRecord, UserRecord } from './dataset';

/** Builds the full account JSON that an account admin receives. SIS keys appear only on sub-accounts. */
export function accountJson(account: AccountRecord): Record<string, unknown> {
  const json: Record<string, unknown> = {
    id: account.id,
    name: account.name,
    workflow_state: account.workflow_state,
    parent_account_id: account.parent_account_id,
    root_account_id: account.root_account_id,
    uuid: account.uuid,
    default_storage_quota_mb: 500,
    default_user_storage_quota_mb: 50,
    default_group_storage_quota_mb: 50,
    default_time_zone: account.default_time_zone,
    course_template_id: null,
  };
  if (account.root_account_id !== null) {
    json.sis_account_id = account.sis_account_id ?? null;
    json.integration_id = account.integration_id ?? null;
    json.sis_import_id = account.sis_import_id ?? null;
  }
  return json;
}

/** Builds the short user JSON embedded in other objects, such as a SisImport's `user`. */
export function userJson(user: UserRecord): Record<string, unknown> {
  return {
    id: user.id,
    name: user.name,
    created_at: user.created_at,
    sortable_name: user.sortable_name,
    short_name: user.short_name,
    sis_user_id: null,
    integration_id: null,
    login_id: user.login_id,
  };
}

/** Builds the caller's user JSON for GET /api/v1/users/self. */
export function selfUserJson(user: UserRecord, canvasOrigin: string): Record<string, unknown> {
  const [lastName, firstName] = user.sortable_name.split(', ');
  return {
    id: user.id,
    name: user.name,
    created_at: user.created_at,
    sortable_name: user.sortable_name,
    short_name: user.short_name,
    first_name: firstName ?? null,
    last_name: lastName ?? null,
    avatar_url: `${canvasOrigin}/images/messages/avatar-50.png`,
    locale: null,
    effective_locale: 'en',
    permissions: { can_update_name: true, can_update_avatar: false, limit_parent_app_web_access: false },
  };
}

/** Builds one SIS import error. Old Canvas versions lack the `row_info` key. */
export function sisImportErrorJson(error: SisImportErrorRecord, includeRowInfo: boolean): Record<string, unknown> {
  const json: Record<string, unknown> = {
    sis_import_id: error.sis_import_id,
    file: error.file,
    message: error.message,
  };
  if (includeRowInfo) {
    json.row_info = error.row_info;
  }
  json.row = error.row;
  return json;
}
