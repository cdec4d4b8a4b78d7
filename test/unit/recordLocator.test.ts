import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { CHECKPOINT_INTERVAL, RecordIndexCache, recordIndexCache } from '../../src/csv/recordIndex';
import { CsvParseError, RecordRange, locateRecord } from '../../src/csv/recordLocator';
import { seededRandom } from './seededRandom';

interface ExpectedRange {
  startLine: number;
  endLine: number;
  text: string;
}

interface ReferenceParse {
  records: RecordRange[];
  /** 0-based line of an unterminated quote at the end of the file, if any. */
  unterminatedQuoteLine?: number;
}

/**
 * Splits a CSV into records one character at a time, with the rules `locateRecord` follows.
 * `\r\n`, `\n` and `\r` end lines, and empty lines are not records. A `"` opens a quoted
 * field only as the first character of a field.
 */
function parseReference(content: string): ReferenceParse {
  const characters = Array.from(content);
  const records: RecordRange[] = [];

  let index = 0;
  let offset = 0;
  if (characters[0] === '\uFEFF') {
    index = 1;
    offset = 3;
  }

  let line = 0;
  let inRecord = false;
  let inQuotes = false;
  let atFieldStart = true;
  let quoteLine = 0;
  let recordStartLine = 0;
  let recordStartOffset = 0;
  let recordText = '';

  const consume = (count: number): void => {
    for (let i = 0; i < count; i++) {
      offset += Buffer.byteLength(characters[index]);
      index++;
    }
  };
  const lineBreakLength = (): number => (characters[index] === '\r' && characters[index + 1] === '\n' ? 2 : 1);

  while (index < characters.length) {
    const character = characters[index];

    if (inQuotes) {
      if (character === '"' && characters[index + 1] === '"') {
        recordText += '""';
        consume(2);
      } else if (character === '"') {
        inQuotes = false;
        recordText += character;
        consume(1);
      } else if (character === '\r' || character === '\n') {
        const length = lineBreakLength();
        recordText += characters.slice(index, index + length).join('');
        line++;
        consume(length);
      } else {
        recordText += character;
        consume(1);
      }
      continue;
    }

    if (character === '\r' || character === '\n') {
      if (inRecord) {
        records.push({ startLine: recordStartLine, endLine: line, startOffset: recordStartOffset, endOffset: offset, text: recordText });
        inRecord = false;
      }
      atFieldStart = true;
      line++;
      consume(lineBreakLength());
      continue;
    }

    if (!inRecord) {
      inRecord = true;
      recordStartLine = line;
      recordStartOffset = offset;
      recordText = '';
    }
    if (character === '"' && atFieldStart) {
      inQuotes = true;
      quoteLine = line;
    }
    atFieldStart = character === ',';
    recordText += character;
    consume(1);
  }

  if (inQuotes) {
    return { records, unterminatedQuoteLine: quoteLine };
  }
  if (inRecord) {
    records.push({ startLine: recordStartLine, endLine: line, startOffset: recordStartOffset, endOffset: offset, text: recordText });
  }
  return { records };
}


function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

const PLAIN_FIELDS = ['c1', 'Course One', '', '   ', ' x ', 'Zoë', '日本語', '😀', 'a"b', 'active', '2024-01-01'];
const QUOTED_PARTS = ['text', ',', '""', '\n', '\r\n', '\r', '', 'é', '😀', ' ', '\n\n'];
const TERMINATORS = ['\n', '\r\n', '\r'];

function generateField(random: () => number): string {
  if (random() < 0.7) {
    return pick(random, PLAIN_FIELDS);
  }

  let content = '';
  const partCount = Math.floor(random() * 4);
  for (let i = 0; i < partCount; i++) {
    content += pick(random, QUOTED_PARTS);
  }
  return `"${content}"`;
}

function generateRecord(random: () => number): string {
  if (random() < 0.1) {
    return pick(random, [',,,', '  ,  ', ',', '   ']);
  }

  const fields: string[] = [];
  const fieldCount = 1 + Math.floor(random() * 4);
  for (let i = 0; i < fieldCount; i++) {
    fields.push(generateField(random));
  }
  return fields.join(',');
}

/** Generates a CSV with varied terminators, blank lines, quoting, BOM and final newline. */
function generateCsv(random: () => number, recordCount: number): string {
  const fixedTerminator = random() < 0.25 ? undefined : pick(random, TERMINATORS);
  const terminator = (): string => fixedTerminator ?? pick(random, TERMINATORS);

  let content = random() < 0.3 ? '\uFEFF' : '';
  for (let i = 0; i < recordCount; i++) {
    while (random() < 0.15) {
      content += terminator();
    }
    content += generateRecord(random) + terminator();
  }

  if (random() < 0.5 && content.length > 0) {
    content = content.replace(/(\r\n|\r|\n)$/, '');
  }
  if (random() < 0.1) {
    content += `x,"open${pick(random, QUOTED_PARTS)}${pick(random, QUOTED_PARTS)}`;
  }
  return content;
}

describe('locateRecord', () => {
  let tempDir: string;
  let fileCounter = 0;

  before(() => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-locator-'));
  });

  after(() => {
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  beforeEach(() => {
    recordIndexCache.clear();
  });

  function writeCsv(content: string, name = `file${fileCounter++}.csv`): string {
    const filePath = path.join(tempDir, name);
    fs.writeFileSync(filePath, content, 'utf8');
    return filePath;
  }

  async function locateExisting(filePath: string, row: number): Promise<RecordRange> {
    const range = await locateRecord(filePath, row);
    assert.ok(range, `row ${row} of ${path.basename(filePath)} not found`);
    return range;
  }

  function assertRange(actual: RecordRange, expected: ExpectedRange): void {
    assert.equal(actual.startLine, expected.startLine, 'startLine');
    assert.equal(actual.endLine, expected.endLine, 'endLine');
    assert.equal(actual.text, expected.text, 'text');
  }

  describe('row numbering', () => {
    it('row 1 is the header', async () => {
      const file = writeCsv('id,name\nc1,One\nc2,Two\n');

      const header = await locateExisting(file, 1);
      assertRange(header, { startLine: 0, endLine: 0, text: 'id,name' });
      assert.equal(header.startOffset, 0);
      assert.equal(header.endOffset, 7);

      const last = await locateExisting(file, 3);
      assertRange(last, { startLine: 2, endLine: 2, text: 'c2,Two' });
      assert.equal(last.startOffset, 15);
      assert.equal(last.endOffset, 21);
    });

    it('row past the end is undefined', async () => {
      const file = writeCsv('id,name\nc1,One\nc2,Two\n');

      assert.equal(await locateRecord(file, 4), undefined);
      assert.equal(await locateRecord(file, 1000), undefined);
    });

    it('empty and blank-only files have no rows', async () => {
      assert.equal(await locateRecord(writeCsv(''), 1), undefined);
      assert.equal(await locateRecord(writeCsv('\n\r\n\r'), 1), undefined);
      assert.equal(await locateRecord(writeCsv('\uFEFF'), 1), undefined);
    });

    it('rejects rows that are not positive integers', async () => {
      const file = writeCsv('id\n');

      for (const row of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
        await assert.rejects(locateRecord(file, row), RangeError, `row ${row}`);
      }
    });

    it('propagates a missing file error', async () => {
      await assert.rejects(locateRecord(path.join(tempDir, 'missing.csv'), 1), { code: 'ENOENT' });
    });
  });

  describe('encodings and line terminators', () => {
    it('BOM does not shift rows or lines', async () => {
      const file = writeCsv('\uFEFFid,name\nc1,One\n');

      const header = await locateExisting(file, 1);
      assertRange(header, { startLine: 0, endLine: 0, text: 'id,name' });
      assert.equal(header.startOffset, 3);
      assert.equal(header.endOffset, 10);

      const record = await locateExisting(file, 2);
      assertRange(record, { startLine: 1, endLine: 1, text: 'c1,One' });
      assert.equal(record.startOffset, 11);
    });

    it('CRLF terminators', async () => {
      const file = writeCsv('id,name\r\nc1,One\r\nc2,Two\r\n');

      const record = await locateExisting(file, 3);
      assertRange(record, { startLine: 2, endLine: 2, text: 'c2,Two' });
      assert.equal(record.startOffset, 17);
      assert.equal(record.endOffset, 23);
    });

    it('lone CR terminators', async () => {
      const file = writeCsv('id,name\rc1,One\rc2,Two\r');

      assertRange(await locateExisting(file, 2), { startLine: 1, endLine: 1, text: 'c1,One' });
      assertRange(await locateExisting(file, 3), { startLine: 2, endLine: 2, text: 'c2,Two' });
      assert.equal(await locateRecord(file, 4), undefined);
    });

    it('no final newline', async () => {
      const content = 'id,name\nc1,One';
      const file = writeCsv(content);

      const record = await locateExisting(file, 2);
      assertRange(record, { startLine: 1, endLine: 1, text: 'c1,One' });
      assert.equal(record.endOffset, content.length);
      assert.equal(await locateRecord(file, 3), undefined);
    });

    it('quoted last field without final newline', async () => {
      const file = writeCsv('id,note\nc1,"a\nb"');

      assertRange(await locateExisting(file, 2), { startLine: 1, endLine: 2, text: 'c1,"a\nb"' });
    });

    it('multi-byte UTF-8 offsets in bytes', async () => {
      const before = 'id,name\nc1,Zoë Ångström\n';
      const file = writeCsv(`${before}c2,日本語 😀\nc3,x\n`);

      const record = await locateExisting(file, 3);
      assertRange(record, { startLine: 2, endLine: 2, text: 'c2,日本語 😀' });
      assert.equal(record.startOffset, Buffer.byteLength(before));
      assert.equal(record.endOffset - record.startOffset, Buffer.byteLength('c2,日本語 😀'));
    });
  });

  describe('blank and empty-looking lines', () => {
    it('blank lines before header and between records', async () => {
      const file = writeCsv('\n\nid,name\nc1,One\n\n\nc2,Two\n\n');

      assertRange(await locateExisting(file, 1), { startLine: 2, endLine: 2, text: 'id,name' });
      assertRange(await locateExisting(file, 2), { startLine: 3, endLine: 3, text: 'c1,One' });
      assertRange(await locateExisting(file, 3), { startLine: 6, endLine: 6, text: 'c2,Two' });
      assert.equal(await locateRecord(file, 4), undefined);
    });

    it('CRLF blank lines', async () => {
      const file = writeCsv('\r\n\r\nid,name\r\nc1,One\r\n\r\nc2,Two\r\n');

      assertRange(await locateExisting(file, 1), { startLine: 2, endLine: 2, text: 'id,name' });
      assertRange(await locateExisting(file, 3), { startLine: 5, endLine: 5, text: 'c2,Two' });
    });

    it('separator-only record is counted', async () => {
      const file = writeCsv('id,a,b,c\n,,,\nc2,x,y,z\n');

      assertRange(await locateExisting(file, 2), { startLine: 1, endLine: 1, text: ',,,' });
      assertRange(await locateExisting(file, 3), { startLine: 2, endLine: 2, text: 'c2,x,y,z' });
    });

    it('whitespace-only records are counted', async () => {
      const file = writeCsv('id,name\n  ,  \n   \nc3,x\n');

      assertRange(await locateExisting(file, 2), { startLine: 1, endLine: 1, text: '  ,  ' });
      assertRange(await locateExisting(file, 3), { startLine: 2, endLine: 2, text: '   ' });
      assertRange(await locateExisting(file, 4), { startLine: 3, endLine: 3, text: 'c3,x' });
    });
  });

  describe('quoted fields', () => {
    it('multi-line field with LF', async () => {
      const file = writeCsv('id,note\nc1,"first\nsecond"\nc2,x\n');

      assertRange(await locateExisting(file, 2), { startLine: 1, endLine: 2, text: 'c1,"first\nsecond"' });
      assertRange(await locateExisting(file, 3), { startLine: 3, endLine: 3, text: 'c2,x' });
    });

    it('multi-line field with CRLF', async () => {
      const file = writeCsv('id,note\r\nc1,"a\r\nb\r\nc"\r\nc2,x\r\n');

      assertRange(await locateExisting(file, 2), { startLine: 1, endLine: 3, text: 'c1,"a\r\nb\r\nc"' });
      assertRange(await locateExisting(file, 3), { startLine: 4, endLine: 4, text: 'c2,x' });
    });

    it('blank lines inside quotes belong to the record', async () => {
      const file = writeCsv('id,note\nc1,"a\n\nb\n"\nc2,x\n');

      assertRange(await locateExisting(file, 2), { startLine: 1, endLine: 4, text: 'c1,"a\n\nb\n"' });
      assertRange(await locateExisting(file, 3), { startLine: 5, endLine: 5, text: 'c2,x' });
    });

    it('lone CR inside quotes ends a line', async () => {
      const file = writeCsv('id,note\nc1,"a\rb"\nc2,x\n');

      assertRange(await locateExisting(file, 2), { startLine: 1, endLine: 2, text: 'c1,"a\rb"' });
      assertRange(await locateExisting(file, 3), { startLine: 3, endLine: 3, text: 'c2,x' });
    });

    it('escaped quotes', async () => {
      const file = writeCsv('id,note\nc1,"say ""hi"", then\nleave"\n"""",x\n"a""",y\nc4,z\n');

      assertRange(await locateExisting(file, 2), { startLine: 1, endLine: 2, text: 'c1,"say ""hi"", then\nleave"' });
      assertRange(await locateExisting(file, 3), { startLine: 3, endLine: 3, text: '"""",x' });
      assertRange(await locateExisting(file, 4), { startLine: 4, endLine: 4, text: '"a""",y' });
      assertRange(await locateExisting(file, 5), { startLine: 5, endLine: 5, text: 'c4,z' });
    });

    it('quote inside unquoted field is literal', async () => {
      const file = writeCsv('id,note\nc1,5" disk\nc2,x\n');

      assertRange(await locateExisting(file, 2), { startLine: 1, endLine: 1, text: 'c1,5" disk' });
      assertRange(await locateExisting(file, 3), { startLine: 2, endLine: 2, text: 'c2,x' });
    });
  });

  describe('unterminated quoted field', () => {
    const content = 'id,note\nc1,ok\nc2,"never closed\nmore\n';

    it('throws CsvParseError with the line', async () => {
      const file = writeCsv(content, 'courses.csv');

      for (const row of [3, 4]) {
        await assert.rejects(locateRecord(file, row), (error: unknown) => {
          assert.ok(error instanceof CsvParseError, 'error class');
          assert.equal(error.line, 2);
          assert.equal(error.filePath, file);
          assert.match(error.message, /Unterminated quoted field starting on line 3 of courses\.csv/);
          return true;
        });
      }
    });

    it('rows before it still resolve', async () => {
      const file = writeCsv(content);

      assertRange(await locateExisting(file, 2), { startLine: 1, endLine: 1, text: 'c1,ok' });
    });
  });

  describe('chunk boundaries', () => {
    const chunkSize = 64;

    /** Pads a record with `x` so that the byte at `target` is the first byte of `tail`. */
    function padTo(prefix: string, target: number, tail: string): string {
      const padding = target - Buffer.byteLength(prefix) - 'c1,'.length;
      assert.ok(padding > 0, 'padding');
      return `${prefix}c1,${'x'.repeat(padding)}${tail}`;
    }

    it('CRLF and escaped quote split across chunks', async () => {
      let content = 'id,note\r\n';
      content = padTo(content, chunkSize - 1, '\r\n');
      content = padTo(content, 2 * chunkSize - 4, ',"a""b"\r\n');
      content += 'c3,"q\r\nr"\r\nc4,last\r\n';
      assert.equal(content.slice(chunkSize - 1, chunkSize + 1), '\r\n');
      assert.equal(content.slice(2 * chunkSize - 1, 2 * chunkSize + 1), '""');
      assert.ok(Buffer.byteLength(content) > 2 * chunkSize);
      const file = writeCsv(content);

      const expectedRows = parseReference(content).records;
      assert.equal(expectedRows.length, 5);
      for (const size of [chunkSize, 1, 2, 3, 7]) {
        for (let row = 1; row <= expectedRows.length; row++) {
          recordIndexCache.clear();
          const range = await locateRecord(file, row, { chunkSize: size });
          assert.deepEqual(range, expectedRows[row - 1], `chunk size ${size}, row ${row}`);
        }
      }

      const quotedRange = await locateRecord(file, 3, { chunkSize });
      assert.ok(quotedRange);
      assertRange(quotedRange, { startLine: 2, endLine: 2, text: `c1,${'x'.repeat(chunkSize - 8)},"a""b"` });
      const afterQuotes = await locateRecord(file, 4, { chunkSize });
      assert.ok(afterQuotes);
      assertRange(afterQuotes, { startLine: 3, endLine: 4, text: 'c3,"q\r\nr"' });
    });

    it('file larger than the default chunk size', async () => {
      const content = generateCsv(seededRandom(7), 80_000);
      assert.equal(content.includes('x,"open'), false, 'generated file has an unterminated quote');
      assert.ok(Buffer.byteLength(content) > 1024 * 1024, 'file is smaller than 1 MiB');
      const file = writeCsv(content);
      const expectedRows = parseReference(content).records;

      const rows = [1, 2, 999, 1000, 1001, 50_000, expectedRows.length - 1, expectedRows.length];
      for (const pass of ['cold', 'indexed']) {
        for (const row of rows) {
          assert.deepEqual(await locateRecord(file, row), expectedRows[row - 1], `${pass} row ${row}`);
        }
      }
      assert.equal(await locateRecord(file, expectedRows.length + 1), undefined);
    });
  });

  describe('record index cache', () => {
    const recordCount = 3 * CHECKPOINT_INTERVAL;
    const fixedMtime = 1_700_000_000;

    function numberedCsv(blankLinesAtTop: number, shortenFirstBy: number): string {
      const lines = ['id,name'];
      for (let i = 1; i <= recordCount; i++) {
        lines.push(i === 1 ? `c1,${'n'.repeat(10 - shortenFirstBy)}` : `c${i},name ${i}`);
      }
      return '\n'.repeat(blankLinesAtTop) + lines.join('\n') + '\n';
    }

    it('stores checkpoints every interval', async () => {
      const file = writeCsv(numberedCsv(0, 0));
      const row = 2 * CHECKPOINT_INTERVAL + 500;

      assertRange(await locateExisting(file, row), { startLine: row - 1, endLine: row - 1, text: `c${row - 1},name ${row - 1}` });

      const stats = fs.statSync(file);
      const index = recordIndexCache.indexFor(path.resolve(file), stats.size, stats.mtimeMs);
      assert.deepEqual(
        index.checkpoints.map((checkpoint) => checkpoint.record),
        [CHECKPOINT_INTERVAL, 2 * CHECKPOINT_INTERVAL],
      );
      assert.equal(index.checkpoints[1].line, 2 * CHECKPOINT_INTERVAL - 1);
    });

    it('reuses the index while size and mtime match', async () => {
      const file = writeCsv(numberedCsv(0, 0));
      fs.utimesSync(file, fixedMtime, fixedMtime);
      const row = 2 * CHECKPOINT_INTERVAL + 500;
      const original = await locateExisting(file, row);

      // Five blank lines at the top and five bytes fewer in row 2 keep every later byte offset
      // and the file size, but move each later record down five lines. An index built for the
      // old file still reports the old lines.
      fs.writeFileSync(file, numberedCsv(5, 5));
      fs.utimesSync(file, fixedMtime, fixedMtime);
      assert.equal(fs.statSync(file).size, Buffer.byteLength(numberedCsv(0, 0)));

      const fromStaleIndex = await locateExisting(file, row);
      assert.equal(fromStaleIndex.startLine, original.startLine);
      assert.equal(fromStaleIndex.startOffset, original.startOffset);

      fs.utimesSync(file, fixedMtime + 10, fixedMtime + 10);
      const afterTouch = await locateExisting(file, row);
      assert.equal(afterTouch.startLine, original.startLine + 5);
      assert.equal(afterTouch.text, original.text);
    });

    it('second jump reads one index stride', async () => {
      const file = writeCsv(numberedCsv(0, 0));
      await locateExisting(file, recordCount + 1);
      const stats = fs.statSync(file);
      const { checkpoints } = recordIndexCache.indexFor(path.resolve(file), stats.size, stats.mtimeMs);
      const row = CHECKPOINT_INTERVAL + 500;
      let bytesRead = 0;

      const range = await locateRecord(file, row, { onRead: (bytes) => (bytesRead += bytes) });

      assert.equal(range?.text, `c${row - 1},name ${row - 1}`);
      assert.equal(bytesRead, checkpoints[1].offset - checkpoints[0].offset);
    });

    it('reads past a stale stride end', async () => {
      const file = writeCsv(numberedCsv(0, 0));
      fs.utimesSync(file, fixedMtime, fixedMtime);
      await locateExisting(file, recordCount + 1);
      const stats = fs.statSync(file);
      const { checkpoints } = recordIndexCache.indexFor(path.resolve(file), stats.size, stats.mtimeMs);

      // Joining the lines between two checkpoints into one record keeps the size, and the
      // stale index still ends the scan for row 2500 where record 3000 began.
      const content = Buffer.from(numberedCsv(0, 0));
      for (let offset = checkpoints[1].offset; offset < checkpoints[2].offset - 1; offset++) {
        content[offset] = content[offset] === 0x0a ? 0x2c : content[offset];
      }
      fs.writeFileSync(file, content);
      fs.utimesSync(file, fixedMtime, fixedMtime);
      let bytesRead = 0;

      const range = await locateRecord(file, 2 * CHECKPOINT_INTERVAL + 500, { onRead: (bytes) => (bytesRead += bytes) });

      assert.equal(range, undefined);
      assert.ok(bytesRead > checkpoints[2].offset - checkpoints[1].offset, `only ${bytesRead} bytes were read`);
    });

    it('modified file returns the new answer', async () => {
      const file = writeCsv(numberedCsv(0, 0));
      const row = 2 * CHECKPOINT_INTERVAL + 500;
      assertRange(await locateExisting(file, row), { startLine: row - 1, endLine: row - 1, text: `c${row - 1},name ${row - 1}` });
      assert.equal(await locateRecord(file, recordCount + 2), undefined);

      fs.writeFileSync(file, '\n\n' + numberedCsv(0, 0) + 'c-extra,x\n');

      assertRange(await locateExisting(file, row), { startLine: row + 1, endLine: row + 1, text: `c${row - 1},name ${row - 1}` });
      assertRange(await locateExisting(file, recordCount + 2), { startLine: recordCount + 3, endLine: recordCount + 3, text: 'c-extra,x' });
    });

    it('evicts the least recently used file', () => {
      const cache = new RecordIndexCache(2);
      const first = cache.indexFor('/a.csv', 1, 1);
      cache.indexFor('/b.csv', 1, 1);
      assert.equal(cache.indexFor('/a.csv', 1, 1), first, 'a is still cached');

      cache.indexFor('/c.csv', 1, 1);

      assert.equal(cache.fileCount, 2);
      assert.equal(cache.indexFor('/a.csv', 1, 1), first, 'a survives as recently used');
      assert.notEqual(cache.indexFor('/a.csv', 2, 1), first, 'a new size replaces the index');
    });
  });

  describe('randomized against a reference parser', () => {
    for (const scanner of ['webAssembly', 'javaScript'] as const) {
      it(`matches the reference on generated files with the ${scanner} scanner`, async () => {
        const random = seededRandom(20240611);

        for (let iteration = 0; iteration < 400; iteration++) {
          // One file in ten is long enough for the kernel's 64-byte windows; reading it a few
          // bytes at a time would take too long.
          const long = iteration % 10 === 0;
          const content = generateCsv(random, long ? 40 + Math.floor(random() * 80) : Math.floor(random() * 12));
          const file = writeCsv(content);
          const chunkSize = pick(random, long ? [64, 100, 1024 * 1024] : [1, 2, 3, 5, 16, 64, 1024 * 1024]);
          const reference = parseReference(content);
          const context = `iteration ${iteration}, chunk size ${chunkSize}, content ${JSON.stringify(content)}`;

          for (let row = 1; row <= reference.records.length + 2; row++) {
            const expected = reference.records[row - 1];

            if (expected === undefined && reference.unterminatedQuoteLine !== undefined) {
              await assert.rejects(
                locateRecord(file, row, { chunkSize, scanner }),
                (error: unknown) => error instanceof CsvParseError && error.line === reference.unterminatedQuoteLine,
                `${context}, row ${row}`,
              );
              continue;
            }

            assert.deepEqual(await locateRecord(file, row, { chunkSize, scanner }), expected, `${context}, row ${row}`);
          }

          fs.rmSync(file);
        }
      });
    }
  });
});
