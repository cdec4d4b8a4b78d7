// Differential test of locateRecord against Ruby's CSV library, the parser that Canvas numbers
// SIS import rows with. Needs `ruby` on the PATH, and CI installs Debian's ruby package.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { CHECKPOINT_INTERVAL } from '../../src/csv/recordIndex';
import { RecordRange, locateRecord } from '../../src/csv/recordLocator';
import { RubyParse, isRubyAvailable, parseWithRuby, withoutRowSeparator } from './rubyCsvReference';
import { ROW_SEPARATORS, generateRubyValidCsv } from './rubyValidCsv';
import { seededRandom } from './seededRandom';

const SMALL_FILE_COUNT = 300;
const LARGE_FILE_DATA_RECORDS = 2 * CHECKPOINT_INTERVAL + 500;
const CHUNK_SIZES = [1, 2, 3, 7, 64, undefined];

/** Failure messages quote files up to this size whole. */
const MAX_SHOWN_CONTENT_BYTES = 600;

interface GeneratedFile {
  filePath: string;
  content: Buffer;
  /** Bytes per file read, or undefined for locateRecord's default. */
  chunkSize?: number;
}

/** Byte offsets where each VS Code line starts: after `\r\n`, `\n` or a lone `\r`. */
function lineStartOffsets(content: Buffer): number[] {
  const starts = [0];
  for (let i = 0; i < content.length; i++) {
    const byte = content[i];
    if (byte === 0x0d && content[i + 1] === 0x0a) {
      continue;
    }
    if (byte === 0x0a || byte === 0x0d) {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Returns the 0-based line of the byte at `offset`, by binary search in the line starts. */
function lineOf(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (lineStarts[middle] <= offset) {
      low = middle;
    } else {
      high = middle - 1;
    }
  }
  return low;
}

describe('locateRecord against Ruby CSV', function () {
  this.timeout(60_000);

  let tempDir: string;
  const smallFiles: GeneratedFile[] = [];
  const largeFiles: GeneratedFile[] = [];
  let smallParses: RubyParse[] = [];
  let largeParses: RubyParse[] = [];

  before(async function () {
    if (!isRubyAvailable()) {
      console.warn('Skipping the Ruby differential test: `ruby` with its csv and json libraries is not installed (Debian package: ruby).');
      this.skip();
    }

    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ruby-differential-'));
    const random = seededRandom(20250131);
    const writeFile = (name: string, content: string, chunkSize?: number): GeneratedFile => {
      const filePath = path.join(tempDir, name);
      fs.writeFileSync(filePath, content, 'utf8');
      return { filePath, content: Buffer.from(content, 'utf8'), chunkSize };
    };

    for (let i = 0; i < SMALL_FILE_COUNT; i++) {
      const content = generateRubyValidCsv(random, { dataRecords: Math.floor(random() * 16) });
      const chunkSize = CHUNK_SIZES[Math.floor(random() * CHUNK_SIZES.length)];
      smallFiles.push(writeFile(`small${i}.csv`, content, chunkSize));
    }
    for (const rowSeparator of ROW_SEPARATORS) {
      const content = generateRubyValidCsv(random, { dataRecords: LARGE_FILE_DATA_RECORDS, rowSeparator });
      largeFiles.push(writeFile(`large-${JSON.stringify(rowSeparator).slice(1, -1)}.csv`, content, 4096));
    }

    [smallParses, largeParses] = await Promise.all([
      parseWithRuby(smallFiles.map((file) => file.filePath)),
      parseWithRuby(largeFiles.map((file) => file.filePath)),
    ]);
  });

  after(() => {
    if (tempDir !== undefined) {
      fs.rmSync(tempDir, { recursive: true, force: true });
    }
  });

  /** Checks every row of the file, and the two rows past its end, against Ruby's records. */
  async function assertSameRecords(file: GeneratedFile, parse: RubyParse): Promise<void> {
    const name = path.basename(file.filePath);
    const shownContent = file.content.length <= MAX_SHOWN_CONTENT_BYTES ? `, content ${JSON.stringify(file.content.toString('utf8'))}` : '';
    const context = `${name} (chunk size ${file.chunkSize ?? 'default'})${shownContent}`;
    assert.equal(parse.error, undefined, `Ruby rejected the generated ${context}`);
    const rowSeparator = parse.rowSeparator ?? '';
    const lineStarts = lineStartOffsets(file.content);

    for (const record of parse.records) {
      const range = await locateRecord(file.filePath, record.row, { chunkSize: file.chunkSize });
      assert.ok(range, `row ${record.row} not found in ${context}`);
      assert.equal(range.text, withoutRowSeparator(record.line, rowSeparator), `text of row ${record.row} in ${context}`);
      assertRangeMatchesFile(range, file.content, lineStarts, `row ${record.row} in ${context}`);
    }

    const recordCount = parse.records.length;
    for (const row of [recordCount + 1, recordCount + 2]) {
      assert.equal(await locateRecord(file.filePath, row, { chunkSize: file.chunkSize }), undefined, `row ${row} past the end of ${context}`);
    }
  }

  /** Checks that the offsets select the record's bytes and that the lines are VS Code's lines of those bytes. */
  function assertRangeMatchesFile(range: RecordRange, content: Buffer, lineStarts: number[], context: string): void {
    assert.equal(content.subarray(range.startOffset, range.endOffset).toString('utf8'), range.text, `bytes at the offsets of ${context}`);
    assert.equal(range.startLine, lineOf(lineStarts, range.startOffset), `startLine of ${context}`);
    assert.equal(range.endLine, lineOf(lineStarts, range.endOffset - 1), `endLine of ${context}`);
  }

  it('Canvas options count the same data rows', () => {
    for (const [index, parse] of [...smallParses, ...largeParses].entries()) {
      assert.equal(parse.error, undefined, `Ruby rejected generated file ${index}: ${parse.error}`);
      const dataRecords = Math.max(parse.records.length - 1, 0);
      assert.equal(parse.dataRecordCount, dataRecords, `data rows of generated file ${index}`);
    }
  });

  it('generated files cover the hard cases', () => {
    const contents = smallFiles.map((file) => file.content.toString('utf8'));
    const covered = (pattern: RegExp) => contents.some((content) => pattern.test(content));

    assert.ok(covered(/^\uFEFF/), 'BOM');
    assert.ok(covered(/^\uFEFF?(\r\n|\r|\n)+[^\r\n]/), 'blank lines before the header');
    assert.ok(covered(/"[^"]*""/), 'escaped quote');
    assert.ok(covered(/"[^"\r\n]*\r\n[^"]*"/), 'CRLF inside quotes');
    assert.ok(covered(/"[^"\r\n]*\r[^\n][^"]*"/), 'lone CR inside quotes');
    assert.ok(covered(/(^|[\r\n]),+(\r|\n)/), 'separator-only record');
    assert.ok(covered(/^[^\n]*\r[^\n]/), 'lone-CR file');
    assert.ok(covered(/[^\r\n]$/), 'no final row separator');
    assert.ok(covered(/[^\x00-\x7f]/), 'non-ASCII text');
  });

  it('small files: every row matches Ruby', async () => {
    for (const [index, file] of smallFiles.entries()) {
      await assertSameRecords(file, smallParses[index]);
    }
  });

  it('large files: every row matches Ruby', async () => {
    for (const [index, file] of largeFiles.entries()) {
      assert.ok(largeParses[index].records.length > 2 * CHECKPOINT_INTERVAL, `${path.basename(file.filePath)} has too few records for two checkpoints`);
      await assertSameRecords(file, largeParses[index]);
    }
  });
});
