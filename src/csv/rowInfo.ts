// Comparison of Canvas's `row_info` with the local record, to tell whether the local file is
// the one Canvas imported. No `vscode` import.
//
// For most row errors Canvas stores the record as it parsed it, written back as CSV. Each value is
// stripped of surrounding whitespace, and Canvas appends its line number as an extra last field
// and a line break. Other errors store a Ruby inspect dump of an
// importer model (`[{user_id: "S1", ...}]` or `#<...>`) or nothing, which cannot be compared.
import { splitCsvFields } from './csvFields';

export type RowInfoComparison =
  | { kind: 'matches' }
  | { kind: 'differs'; canvasFields: string[] }
  | { kind: 'notComparable' };

/** Returns the record's values as Canvas read them, or undefined when `rowInfo` is not a CSV record. */
export function canvasRecordFields(rowInfo: string | null | undefined): string[] | undefined {
  if (!rowInfo) {
    return undefined;
  }

  const text = rowInfo.replace(/(\r\n|\n|\r)$/, '');
  if (/^\s*(\[\{|\{|#<)/.test(text)) {
    return undefined;
  }

  const fields = splitCsvFields(text);
  if (fields.length < 2 || !/^\d+$/.test(fields[fields.length - 1].trim())) {
    return undefined;
  }

  return normalizeFields(fields.slice(0, -1));
}

/** Compares Canvas's `row_info` with the raw text of the local record. */
export function compareRowInfo(rowInfo: string | null | undefined, localRecordText: string): RowInfoComparison {
  const canvasFields = canvasRecordFields(rowInfo);
  if (!canvasFields) {
    return { kind: 'notComparable' };
  }

  const localFields = normalizeFields(splitCsvFields(localRecordText));
  return sameFields(canvasFields, localFields) ? { kind: 'matches' } : { kind: 'differs', canvasFields };
}

/** Strips each value as Canvas does and drops trailing empty fields, which a short line and Canvas's rewrite differ in. */
export function normalizeFields(fields: readonly string[]): string[] {
  const normalized = fields.map((field) => field.trim());
  while (normalized.length > 0 && normalized[normalized.length - 1] === '') {
    normalized.pop();
  }

  return normalized;
}

export function sameFields(left: readonly string[], right: readonly string[]): boolean {
  return left.length === right.length && left.every((value, index) => value === right[index]);
}

/**
 * Masks password values in a Ruby inspect dump (`password: "x"` or `:password=>"x"`) before it
 * is shown. Passwords in the CSV shape cannot be found without the file's header, so they stay.
 */
export function maskRowInfoPasswords(rowInfo: string): string {
  return rowInfo.replace(/(\b(?:ssha_)?password\b"?\s*(?::|=>)\s*)"(?:[^"\\]|\\.)*"/gi, '$1"***"');
}
