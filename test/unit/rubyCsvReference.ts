// Parses CSV files with Ruby's CSV library and the options Canvas's SIS importer uses, and
// reports each record's row number and raw text.
import { execFile, spawnSync } from 'node:child_process';

/** One record as Ruby's CSV read it. */
export interface RubyRecord {
  /** Canvas's row number: 1 for the header, counter + 2 for the data records. */
  row: number;
  /** `CSV#line` after reading the record: its raw text, with the row separator if one followed. */
  line: string;
}

/** Ruby's reading of one file. */
export interface RubyParse {
  records: RubyRecord[];
  /** The row separator that Ruby detected, or undefined when it rejected the file. */
  rowSeparator?: string;
  /** Data records that `CSV.open` with exactly Canvas's options yields (no `return_headers`). */
  dataRecordCount?: number;
  /** The MalformedCSVError message when Ruby rejected the file. */
  error?: string;
}

// `return_headers: true` only adds the header row to what `each` yields, so that its raw text
// can be read too. The second pass checks that Canvas's exact options yield as many data rows.
const PARSE_SCRIPT = `
canvas_options = { headers: true, skip_blanks: true, encoding: 'bom|utf-8' }
results = ARGV.map do |path|
  records = []
  begin
    row_separator = CSV.open(path, **canvas_options, return_headers: true) do |csv|
      data_rows = 0
      csv.each do |row|
        number = row.header_row? ? 1 : (data_rows += 1) + 1
        records << { row: number, line: csv.line }
      end
      csv.row_sep
    end
    data_record_count = CSV.open(path, **canvas_options) { |csv| csv.each.count }
    { records: records, rowSeparator: row_separator, dataRecordCount: data_record_count }
  rescue CSV::MalformedCSVError => error
    { records: records, error: error.message }
  end
end
puts JSON.generate(results)
`;

/** Returns true when `ruby` runs and loads its csv and json libraries. */
export function isRubyAvailable(): boolean {
  const probe = spawnSync('ruby', ['-rcsv', '-rjson', '-e', ''], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

/** Parses every file in one Ruby process and returns the results in the same order. */
export function parseWithRuby(filePaths: string[]): Promise<RubyParse[]> {
  return new Promise((resolve, reject) => {
    const options = { maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' as const };
    execFile('ruby', ['-rcsv', '-rjson', '-e', PARSE_SCRIPT, ...filePaths], options, (error, stdout, stderr) => {
      if (error) {
        reject(new Error(`ruby failed: ${error.message}\n${stderr}`));
        return;
      }
      resolve(JSON.parse(stdout) as RubyParse[]);
    });
  });
}

/** Returns Ruby's raw record text without the row separator that ended it. */
export function withoutRowSeparator(line: string, rowSeparator: string): string {
  return line.endsWith(rowSeparator) ? line.slice(0, -rowSeparator.length) : line;
}
