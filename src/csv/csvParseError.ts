import * as path from 'path';

/** Error for a CSV file that cannot be parsed far enough to locate the requested record. */
export class CsvParseError extends Error {
  /** The CSV file that failed to parse. */
  readonly filePath: string;

  /** 0-based line on which the unterminated quoted field opens. */
  readonly line: number;

  constructor(filePath: string, line: number) {
    super(
      `Unterminated quoted field starting on line ${line + 1} of ${path.basename(filePath)}. ` +
        'Add the closing double quote (") for that field.',
    );
    this.name = 'CsvParseError';
    this.filePath = filePath;
    this.line = line;
  }
}
