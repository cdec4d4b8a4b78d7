// Random SIS-style CSV files that Ruby's CSV parser accepts: one row separator per file for
// record ends, quotes only around whole fields, and line breaks of any kind inside quotes.

export const ROW_SEPARATORS = ['\n', '\r\n', '\r'] as const;

export type RowSeparator = (typeof ROW_SEPARATORS)[number];

const HEADER_NAMES = ['course_id', 'user_id', 'role', 'section_id', 'status', 'note'];

// Unquoted fields contain no quote, comma or line break, as Ruby rejects a quote in them and a
// line break other than the row separator.
const PLAIN_FIELDS = [
  '', 'S2900056', 'NURS110-F26', 'active', ' padded ', '\t', "O'Brien", 'Zoë Ångström', '日本語',
  '😀', 'naïve café', 'a\u2028b', 'e\u0301', '\u00a0',
];

// Pieces of a quoted field's content. `""` is an escaped quote, and every kind of line break
// may appear whatever the file's row separator is.
const QUOTED_PARTS = [
  'text', ',', '""', '\n', '\r\n', '\r', '', 'é', '😀', ' ', '\n\n', '\r\n\r\n', '\r\r', 'a,b', '""""',
];

export interface CsvShape {
  /** Data records after the header. */
  dataRecords: number;
  /** Row separator, picked at random when absent. */
  rowSeparator?: RowSeparator;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

function generateHeader(random: () => number): string {
  const columnCount = 1 + Math.floor(random() * HEADER_NAMES.length);
  const names = HEADER_NAMES.slice(0, columnCount);

  // A line break inside a quoted header field would make Ruby detect the wrong row separator.
  return names.map((name) => (random() < 0.2 ? `"${name}"` : name)).join(',');
}

function generateQuotedField(random: () => number): string {
  let content = '';
  const partCount = Math.floor(random() * 4);
  for (let i = 0; i < partCount; i++) {
    content += pick(random, QUOTED_PARTS);
  }
  return `"${content}"`;
}

function generateDataRecord(random: () => number): string {
  const kind = random();
  if (kind < 0.08) {
    return ','.repeat(1 + Math.floor(random() * 4));
  }
  if (kind < 0.11) {
    return pick(random, ['   ', ' \t ']);
  }
  if (kind < 0.13) {
    return '""';
  }

  const fields: string[] = [];
  const fieldCount = 1 + Math.floor(random() * 5);
  for (let i = 0; i < fieldCount; i++) {
    fields.push(random() < 0.6 ? pick(random, PLAIN_FIELDS) : generateQuotedField(random));
  }
  return fields.join(',');
}

function blankLines(random: () => number, probability: number, rowSeparator: string): string {
  let lines = '';
  while (random() < probability) {
    lines += rowSeparator;
  }
  return lines;
}

/**
 * Generates a CSV with a header line and `shape.dataRecords` data lines: BOM, blank lines (also
 * before the header and at the end), separator-only and whitespace-only records, multi-line
 * quoted fields, non-ASCII text, and a final row separator or none. A data line with one empty
 * field is a blank line, so a file may have fewer records than lines generated.
 */
export function generateRubyValidCsv(random: () => number, shape: CsvShape): string {
  const rowSeparator = shape.rowSeparator ?? pick(random, ROW_SEPARATORS);
  const records = [generateHeader(random)];
  for (let i = 0; i < shape.dataRecords; i++) {
    records.push(generateDataRecord(random));
  }

  let content = random() < 0.3 ? '\uFEFF' : '';
  content += blankLines(random, 0.2, rowSeparator);
  content += records.map((record) => record + rowSeparator + blankLines(random, 0.1, rowSeparator)).join('');

  if (random() < 0.3) {
    content = content.replace(/(\r\n|\r|\n)+$/, '');
  }
  return content;
}
