// Reads the records of a CSV file in order, streaming, with Canvas's numbering: the header is
// row 1 and blank lines are not records. No `vscode` import. The record locator is faster for
// one row; this reader is for walking a whole file, for example to search it.
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface CsvRecord {
  /** Canvas's row number: 1 for the header. */
  row: number;
  /** 0-based first and last line, counted as VS Code does. */
  startLine: number;
  endLine: number;
  /** The record without its line terminator. */
  text: string;
}

/** Yields every record of the file. An unterminated quoted field ends with the file. */
export async function* readCsvRecords(filePath: string): AsyncGenerator<CsvRecord> {
  const splitter = new RecordSplitter();
  const decoder = new StringDecoder('utf8');
  let first = true;

  for await (const chunk of createReadStream(filePath, { highWaterMark: 1024 * 1024 })) {
    let text = decoder.write(chunk as Buffer);
    if (first) {
      text = text.replace(/^\uFEFF/, '');
      first = false;
    }

    yield* splitter.push(text);
  }

  yield* splitter.push(decoder.end());
  yield* splitter.finish();
}

/** Splits text fed in pieces into records. A `"` or `\r` at the end of a piece waits for the next. */
class RecordSplitter {
  private pending = '';
  private record = '';
  private inRecord = false;
  private inQuotes = false;
  private atFieldStart = true;
  private line = 0;
  private startLine = 0;
  private row = 0;

  *push(piece: string): Generator<CsvRecord> {
    const text = this.pending + piece;
    this.pending = '';
    let index = 0;

    while (index < text.length) {
      const character = text[index];
      const next = text[index + 1];
      if (next === undefined && (character === '"' || character === '\r')) {
        // `""` or `\r\n` may continue in the next piece.
        this.pending = character;
        return;
      }

      if (character === '\r' || character === '\n') {
        const terminatorLength = character === '\r' && next === '\n' ? 2 : 1;
        const completed = this.endLine(text.slice(index, index + terminatorLength));
        if (completed) {
          yield completed;
        }

        index += terminatorLength;
        continue;
      }

      index += this.addCharacter(character, next);
    }
  }

  *finish(): Generator<CsvRecord> {
    const last = this.pending;
    this.pending = '';
    if (last === '\r') {
      const completed = this.endLine(last);
      if (completed) {
        yield completed;
      }
    } else if (last === '"') {
      this.addCharacter(last, undefined);
    }

    if (this.inRecord) {
      yield this.complete(this.line);
    }
  }

  /** Adds one character (two for an escaped quote) to the record and returns how many were used. */
  private addCharacter(character: string, next: string | undefined): number {
    if (!this.inRecord) {
      this.inRecord = true;
      this.startLine = this.line;
    }

    if (this.inQuotes) {
      if (character === '"' && next === '"') {
        this.record += '""';
        return 2;
      }

      this.inQuotes = character !== '"';
      this.record += character;
      return 1;
    }

    if (character === '"' && this.atFieldStart) {
      this.inQuotes = true;
    }

    this.atFieldStart = character === ',';
    this.record += character;
    return 1;
  }

  /** Handles a line terminator and returns the record it completes, if any. */
  private endLine(terminator: string): CsvRecord | undefined {
    if (this.inQuotes) {
      this.record += terminator;
      this.line++;
      return undefined;
    }

    const completed = this.inRecord ? this.complete(this.line) : undefined;
    this.line++;
    return completed;
  }

  private complete(endLine: number): CsvRecord {
    this.row++;
    const completed = { row: this.row, startLine: this.startLine, endLine, text: this.record };
    this.record = '';
    this.inRecord = false;
    this.inQuotes = false;
    this.atFieldStart = true;
    return completed;
  }
}
