// Child process of the CSV benchmark. Counts the records of a file with csv-parse's streaming
// parser, as a tool without an index would to find a record by number, and prints the time and
// the count as JSON.
//
// Usage: node csvParseChild.js FILE
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse';

/** What the child prints: the time in milliseconds and the records counted, header included. */
export interface CsvParseChildResult {
  elapsedMs: number;
  records: number;
}

function countRecords(filePath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    // Canvas's parser options that csv-parse has: strip a BOM and skip blank lines. Like Ruby's
    // CSV, accept records with any number of fields.
    const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true });
    let records = 0;

    parser.on('readable', () => {
      while (parser.read() !== null) {
        records++;
      }
    });
    parser.on('error', reject);
    parser.on('end', () => resolve(records));

    const input = fs.createReadStream(filePath, { highWaterMark: 1024 * 1024 });
    input.on('error', reject);
    input.pipe(parser);
  });
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const records = await countRecords(process.argv[2]);
  const result: CsvParseChildResult = { elapsedMs: performance.now() - startedAt, records };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
