// Writes a large enrollments-style CSV for the benchmarks. Every record is a function of its
// number, so a benchmark can check any located record without keeping the file in memory.
import * as fs from 'node:fs';

export const ENROLLMENTS_HEADER = 'course_id,section_id,user_id,role,status,start_date,end_date,notes';

/** One data record in this many has a quoted `notes` field that spans two lines (5%). */
const MULTI_LINE_EVERY = 20;

const RECORDS_PER_WRITE = 20_000;

/** The file that writeEnrollmentsCsv wrote. */
export interface EnrollmentsCsv {
  filePath: string;
  bytes: number;
  /** Data records, without the header. */
  dataRecords: number;
  /** Canvas's row number of the last record (the header is row 1). */
  lastRow: number;
  /** Physical lines, as `wc -l` counts them (every record ends with `\n`). */
  lines: number;
}

/** Returns data record `record` (1-based), which Canvas numbers row `record + 1`. */
export function enrollmentRecord(record: number): string {
  const course = `C${100 + (record % 400)}-F26`;
  const section = `${course}-0${1 + (record % 4)}`;
  const role = record % 50 === 0 ? 'teacher' : 'student';
  const notes = record % MULTI_LINE_EVERY === 7 ? `"Transfer from ${course}, approved by the registrar\non 2026-08-0${1 + (record % 9)}"` : '';
  return `${course},${section},U${record},${role},active,,,${notes}`;
}

/** Returns the text that identifies data record `record` inside the record's text. */
export function enrollmentUserField(record: number): string {
  return `,U${record},`;
}

/** Writes records until the file reaches at least `targetBytes`, and describes the file. */
export function writeEnrollmentsCsv(filePath: string, targetBytes: number): EnrollmentsCsv {
  const file = fs.openSync(filePath, 'w');
  let bytes = 0;
  let record = 0;
  let lines = 1;

  try {
    bytes += fs.writeSync(file, `${ENROLLMENTS_HEADER}\n`);
    while (bytes < targetBytes) {
      const batch: string[] = [];
      for (let i = 0; i < RECORDS_PER_WRITE; i++) {
        record++;
        batch.push(enrollmentRecord(record));
        lines += record % MULTI_LINE_EVERY === 7 ? 2 : 1;
      }
      bytes += fs.writeSync(file, `${batch.join('\n')}\n`);
    }
  } finally {
    fs.closeSync(file);
  }

  return { filePath, bytes, dataRecords: record, lastRow: record + 1, lines };
}
