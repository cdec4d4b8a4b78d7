import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { splitCsvFields } from '../../src/csv/csvFields';
import { locateRecord } from '../../src/csv/recordLocator';
import { readCsvRecords } from '../../src/csv/recordReader';
import { findRecordCanvasRead } from '../../src/csv/recordSearch';
import { canvasRecordFields, compareRowInfo, maskRowInfoPasswords } from '../../src/csv/rowInfo';

const fixturesFolder = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'workspace');

describe('splitCsvFields', () => {
  it('splits plain fields', () => {
    assert.deepEqual(splitCsvFields('a,b,,c'), ['a', 'b', '', 'c']);
  });

  it('reads quoted fields with separators and breaks', () => {
    assert.deepEqual(splitCsvFields('x,"a, b","line 1\r\nline 2",y'), ['x', 'a, b', 'line 1\r\nline 2', 'y']);
  });

  it('unescapes doubled quotes', () => {
    assert.deepEqual(splitCsvFields('"CHEM 101 Lab ""Wet"" Section",z'), ['CHEM 101 Lab "Wet" Section', 'z']);
  });

  it('keeps a quote inside an unquoted field', () => {
    assert.deepEqual(splitCsvFields('ab"c,d'), ['ab"c', 'd']);
  });

  it('returns one empty field for an empty record', () => {
    assert.deepEqual(splitCsvFields(''), ['']);
  });
});

describe('canvasRecordFields', () => {
  it('drops the line number and line break', () => {
    assert.deepEqual(canvasRecordFields('ENGR101-F26,ENGR 101,,active,6\n'), ['ENGR101-F26', 'ENGR 101', '', 'active']);
  });

  it('skips Ruby inspect dumps and null', () => {
    assert.equal(canvasRecordFields('[{user_id: "S1004117", login_id: nil}]'), undefined);
    assert.equal(canvasRecordFields('#<SIS::Models::User user_id="S1">'), undefined);
    assert.equal(canvasRecordFields(null), undefined);
    assert.equal(canvasRecordFields(undefined), undefined);
  });

  it('rejects text without a line number', () => {
    assert.equal(canvasRecordFields('just a message'), undefined);
  });
});

describe('compareRowInfo', () => {
  it('matches a stripped multi-line record', () => {
    const rowInfo = 'HIST490-F26,HIST 490,"Senior Seminar:\r\nMemory",CAS-HIST,,active,4\n';

    assert.deepEqual(compareRowInfo(rowInfo, 'HIST490-F26, HIST 490 ,"Senior Seminar:\r\nMemory",CAS-HIST,,active'), { kind: 'matches' });
  });

  it('reports a changed value', () => {
    const comparison = compareRowInfo('S1,,dpatel,active,18\n', 'S1,,dpatel2,active');

    assert.equal(comparison.kind, 'differs');
  });

  it('ignores trailing empty fields', () => {
    assert.deepEqual(compareRowInfo('PHYS210-F26-01,PHYS210-F26,,,,active,,,7\n', 'PHYS210-F26-01,PHYS210-F26,,,,active'), { kind: 'matches' });
  });

  it('cannot compare inspect dumps', () => {
    assert.deepEqual(compareRowInfo('[{course_id: "ART101-F26"}]', 'ART101-F26'), { kind: 'notComparable' });
  });
});

describe('readCsvRecords', () => {
  let folder: string;

  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'record-reader-'));
  });

  after(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  async function recordsOf(content: string | Buffer) {
    const file = path.join(folder, `f${Math.random().toString(36).slice(2)}.csv`);
    await fs.writeFile(file, content);
    const records = [];
    for await (const record of readCsvRecords(file)) {
      records.push(record);
    }

    return { file, records };
  }

  it('numbers records as Canvas does', async () => {
    const { records } = await recordsOf('\r\nh1,h2\r\n"a\r\nb",c\r\n\r\n,,\r\nlast,x');

    assert.deepEqual(records.map((record) => [record.row, record.startLine, record.endLine]), [[1, 1, 1], [2, 2, 3], [3, 5, 5], [4, 6, 6]]);
    assert.equal(records[1].text, '"a\r\nb",c');
  });

  it('strips the BOM and reads lone CR files', async () => {
    const { records } = await recordsOf('\uFEFFh\r"x\ry"\rz\r');

    assert.deepEqual(records.map((record) => record.text), ['h', '"x\ry"', 'z']);
    assert.equal(records[2].startLine, 3);
  });

  it('agrees with locateRecord on every fixture file', async () => {
    for (const name of ['courses.csv', 'sections.csv', 'users.csv', 'enrollments.csv']) {
      const file = path.join(fixturesFolder, name);
      for await (const record of readCsvRecords(file)) {
        const located = await locateRecord(file, record.row);
        assert.ok(located, `${name} row ${record.row} not located`);
        assert.equal(record.startLine, located.startLine, `${name} row ${record.row} start`);
        assert.equal(record.endLine, located.endLine, `${name} row ${record.row} end`);
        assert.equal(record.text, located.text, `${name} row ${record.row} text`);
      }
    }
  });
});

describe('findRecordCanvasRead', () => {
  let folder: string;

  before(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'record-search-'));
  });

  after(async () => {
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('finds the exact record after rows moved', async () => {
    const file = path.join(folder, 'users.csv');
    await fs.writeFile(file, 'user_id,login_id,status\nS9,new,active\nS1,dpatel,active\n');

    const match = await findRecordCanvasRead(file, ['S1', 'dpatel', 'active']);

    assert.equal(match?.row, 3);
    assert.equal(match?.exact, true);
  });

  it('falls back to the key column', async () => {
    const file = path.join(folder, 'sections.csv');
    await fs.writeFile(file, 'section_id,course_id,name,status\nS-1,C-1,Renamed,active\nS-2,C-1,Other,active\n');

    const match = await findRecordCanvasRead(file, ['S-2', 'C-1', 'Old name', 'active']);

    assert.equal(match?.row, 3);
    assert.equal(match?.exact, false);
    assert.deepEqual(match?.keyColumns, ['section_id']);
  });

  it('matches enrollments on course, user and role', async () => {
    const file = path.join(folder, 'enrollments.csv');
    await fs.writeFile(file, 'course_id,section_id,user_id,role,status\nC1,,U1,teacher,active\nC1,,U1,student,active\n');

    const match = await findRecordCanvasRead(file, ['C1', '', 'U1', 'student', 'deleted']);

    assert.equal(match?.row, 3);
    assert.deepEqual(match?.keyColumns, ['course_id', 'user_id', 'role']);
  });

  it('returns undefined without a match', async () => {
    const file = path.join(folder, 'courses.csv');
    await fs.writeFile(file, 'course_id,short_name\nC1,One\n');

    assert.equal(await findRecordCanvasRead(file, ['C9', 'Nine']), undefined);
  });
});

describe('row_info of the sample imports', () => {
  it('matches the sample CSVs for import 4822', async () => {
    const errors = JSON.parse(await fs.readFile(path.join(fixturesFolder, '..', 'canvas', 'sis_import_errors.json'), 'utf8')) as Array<{
      sis_import_id: number; file: string | null; row: number | null; row_info: string | null;
    }>;
    const comparable = errors.filter((error) => error.sis_import_id === 4822 && error.row !== null && canvasRecordFields(error.row_info));
    assert.ok(comparable.length >= 10, `only ${comparable.length} comparable errors`);

    for (const error of comparable) {
      const located = await locateRecord(path.join(fixturesFolder, error.file!), error.row!);
      assert.ok(located, `${error.file} row ${error.row} not located`);
      assert.deepEqual(compareRowInfo(error.row_info, located.text), { kind: 'matches' }, `${error.file} row ${error.row}`);
    }
  });
});

describe('maskRowInfoPasswords', () => {
  it('masks inspect dump passwords', () => {
    assert.equal(maskRowInfoPasswords('[{user_id: "S1", password: "Welcome2026!", status: "active"}]'), '[{user_id: "S1", password: "***", status: "active"}]');
    assert.equal(maskRowInfoPasswords('[{:user_id=>"S1", :password=>"se\\"cret"}]'), '[{:user_id=>"S1", :password=>"***"}]');
  });

  it('keeps other fields', () => {
    const dump = '[{user_id: "S1", password_notification: false, ssha_password: nil}]';

    assert.equal(maskRowInfoPasswords(dump), dump);
  });
});
