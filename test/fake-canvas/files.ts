// Files attached to SIS batches: the errors CSV Canvas writes after a batch finishes,
// and uploaded CSVs. Download URLs carry a verifier instead of needing a token.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { Dataset, SisImportErrorRecord, SisImportRecord } from './dataset';

/** Canvas signs errors CSV verifiers for one user and one hour. */
export const ERRORS_VERIFIER_LIFETIME_MS = 60 * 60 * 1000;
const VERIFIER_SECRET = 'fake-canvas-verifier-secret';

export interface StoredFile {
  id: number;
  uuid: string;
  filename: string;
  contentType: string;
  createdAt: string;
  /** Errors CSVs use signed, expiring verifiers; uploaded CSVs use their uuid. */
  verifierKind: 'signed' | 'uuid';
  content(): Buffer;
}

function deterministicUuid(seed: string): string {
  return createHash('sha256').update(seed).digest('base64url').slice(0, 40);
}

/** Quotes a field the way Ruby's CSV writer does: only when it contains a separator, quote or line break. */
function csvField(value: string | number | null): string {
  if (value === null) {
    return '';
  }
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Builds the errors CSV: every error row of the batch in insertion order, expired rows included. */
export function errorsCsv(errors: SisImportErrorRecord[], sisImportId: number): Buffer {
  const rows = errors
    .filter((error) => error.sis_import_id === sisImportId)
    .sort((a, b) => a.id - b.id)
    .map((error) => [error.sis_import_id, error.file, error.message, error.row].map(csvField).join(','));
  return Buffer.from(['sis_import_id,file,message,row', ...rows].map((line) => `${line}\n`).join(''));
}

export function errorsFile(dataset: Dataset, sisImport: SisImportRecord): StoredFile | undefined {
  const attachment = sisImport.errors_attachment;
  if (!attachment) {
    return undefined;
  }
  return {
    id: attachment.id,
    uuid: deterministicUuid(`errors-${attachment.id}`),
    filename: `sis_errors_attachment_${sisImport.id}.csv`,
    contentType: 'text/csv',
    createdAt: attachment.created_at,
    verifierKind: 'signed',
    content: () => errorsCsv(dataset.sisImportErrors, sisImport.id),
  };
}

export function uploadedFiles(dataset: Dataset, sisImport: SisImportRecord): StoredFile[] {
  return (sisImport.csv_attachments ?? []).map((attachment) => ({
    id: attachment.id,
    uuid: attachment.uuid,
    filename: attachment.filename,
    contentType: 'text/csv',
    createdAt: attachment.created_at,
    verifierKind: 'uuid',
    content: () => fs.readFileSync(path.join(dataset.workspaceDir, attachment.local_file)),
  }));
}

export function findFile(dataset: Dataset, fileId: number): StoredFile | undefined {
  for (const sisImport of dataset.sisImports) {
    const candidates = [errorsFile(dataset, sisImport), ...uploadedFiles(dataset, sisImport)];
    const match = candidates.find((file) => file?.id === fileId);
    if (match) {
      return match;
    }
  }
  return undefined;
}

function sign(payload: string): string {
  return createHmac('sha256', VERIFIER_SECRET).update(payload).digest('base64url');
}

/** Creates an opaque verifier for one file and user, valid until `expiresAt`. */
export function createSignedVerifier(fileId: number, userId: number, expiresAt: Date): string {
  const payload = Buffer.from(JSON.stringify({ f: fileId, u: userId, e: expiresAt.getTime() })).toString('base64url');
  return `${payload}.${sign(payload)}`;
}

export function verifierFor(file: StoredFile, userId: number, now: Date): string {
  if (file.verifierKind === 'uuid') {
    return file.uuid;
  }
  return createSignedVerifier(file.id, userId, new Date(now.getTime() + ERRORS_VERIFIER_LIFETIME_MS));
}

/** True when the verifier authorises downloading this file at `now`. */
export function verifierAccepts(file: StoredFile, verifier: string, now: Date): boolean {
  if (file.verifierKind === 'uuid') {
    return verifier === file.uuid;
  }

  const [payload, signature] = verifier.split('.');
  if (!payload || !signature) {
    return false;
  }
  const expected = Buffer.from(sign(payload));
  const actual = Buffer.from(signature);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return false;
  }

  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { f: number; e: number };
  return claims.f === file.id && claims.e > now.getTime();
}

/** Canvas's File JSON for a batch attachment (permission checks are skipped for these). */
export function fileJson(file: StoredFile, canvasOrigin: string, verifier: string): Record<string, unknown> {
  return {
    id: file.id,
    uuid: file.uuid,
    folder_id: null,
    display_name: file.filename,
    filename: file.filename,
    upload_status: 'success',
    'content-type': file.contentType,
    url: `${canvasOrigin}/files/${file.id}/download?download_frd=1&verifier=${encodeURIComponent(verifier)}`,
    size: file.content().length,
    created_at: file.createdAt,
    updated_at: file.createdAt,
    unlock_at: null,
    locked: false,
    hidden: false,
    lock_at: null,
    hidden_for_user: false,
    thumbnail_url: null,
    modified_at: file.createdAt,
    mime_class: 'file',
    media_entry_id: null,
    category: 'uncategorized',
    locked_for_user: false,
  };
}
