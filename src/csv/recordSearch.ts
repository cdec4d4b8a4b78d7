// Finds the local record that Canvas imported when the record at the reported row differs.
// No `vscode` import.
import { splitCsvFields } from './csvFields';
import { CsvRecord, readCsvRecords } from './recordReader';
import { normalizeFields, sameFields } from './rowInfo';

export interface RecordMatch extends CsvRecord {
  /** True when every value matches; false when only the key columns do. */
  exact: boolean;
  /** The key columns compared, such as `["user_id"]`; empty when no key column was known. */
  keyColumns: string[];
}

/**
 * The columns that identify a record, by SIS CSV type, most specific first. The first set whose
 * columns all appear in the header is used. Enrollment sets come before single ids because one
 * user has many enrollments.
 */
const keyColumnSets: string[][] = [
  ['course_id', 'user_id', 'role'],
  ['section_id', 'user_id', 'role'],
  ['group_id', 'user_id'],
  ['observer_id', 'user_id'],
  ['xlist_course_id', 'section_id'],
  ['old_id', 'type'],
  ['user_id'],
  ['section_id'],
  ['course_id'],
  ['term_id'],
  ['group_category_id'],
  ['group_id'],
  ['account_id'],
];

/**
 * Walks the file for the record whose values equal `canvasFields`, or failing that the first
 * record with the same key column values. Returns undefined when neither exists.
 */
export async function findRecordCanvasRead(filePath: string, canvasFields: readonly string[]): Promise<RecordMatch | undefined> {
  let keyIndexes: number[] = [];
  let keyColumns: string[] = [];
  let keyMatch: RecordMatch | undefined;

  for await (const record of readCsvRecords(filePath)) {
    const fields = normalizeFields(splitCsvFields(record.text));
    if (record.row === 1) {
      ({ keyColumns, keyIndexes } = keyColumnsOf(fields));
      continue;
    }

    if (sameFields(fields, canvasFields)) {
      return { ...record, exact: true, keyColumns };
    }

    if (!keyMatch && matchesKeys(fields, canvasFields, keyIndexes)) {
      keyMatch = { ...record, exact: false, keyColumns };
    }
  }

  return keyMatch;
}

function keyColumnsOf(header: readonly string[]): { keyColumns: string[]; keyIndexes: number[] } {
  const names = header.map((name) => name.toLowerCase());
  for (const set of keyColumnSets) {
    const indexes = set.map((column) => names.indexOf(column));
    if (indexes.every((index) => index >= 0)) {
      return { keyColumns: set, keyIndexes: indexes };
    }
  }

  return { keyColumns: [], keyIndexes: [] };
}

/** True when the key values Canvas has (empty ones are skipped, as in section-only enrollments) all equal the record's. */
function matchesKeys(fields: readonly string[], canvasFields: readonly string[], keyIndexes: readonly number[]): boolean {
  const compared = keyIndexes.filter((index) => (canvasFields[index] ?? '') !== '');
  return compared.length > 0 && compared.every((index) => (fields[index] ?? '') === canvasFields[index]);
}
