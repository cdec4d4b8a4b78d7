import * as assert from 'node:assert/strict';

import { SisImportError } from '../../src/canvas/types';
import { fileBaseName, groupErrorsByFile, uniqueErrors } from '../../src/tree/errorGroups';

function importError(file: string | null, row: number | null, message = `message ${row}`): SisImportError {
  return { sis_import_id: 7, file, row, message, row_info: null };
}

describe('groupErrorsByFile', () => {
  it('groups by file and sorts by row', () => {
    const groups = groupErrorsByFile([importError('users.csv', 9), importError('courses.csv', 3), importError('users.csv', 2), importError('users.csv', null)]);

    assert.deepEqual(groups.files.map((group) => group.file), ['courses.csv', 'users.csv']);
    assert.deepEqual(groups.files[1].errors.map((error) => error.row), [null, 2, 9]);
  });

  it('puts file-less errors apart', () => {
    const groups = groupErrorsByFile([importError(null, null, 'Error while importing CSV.'), importError('users.csv', 2)]);

    assert.equal(groups.withoutFile.length, 1);
    assert.equal(groups.withoutFile[0].message, 'Error while importing CSV.');
    assert.equal(groups.files.length, 1);
  });

  it('drops repeats from overlapping pages', () => {
    const repeated = importError('users.csv', 4);

    assert.equal(uniqueErrors([repeated, { ...repeated }, importError('users.csv', 5)]).length, 2);
    assert.equal(groupErrorsByFile([repeated, { ...repeated }]).files[0].errors.length, 1);
  });

  it('keeps equal messages on different rows', () => {
    assert.equal(uniqueErrors([importError('a.csv', 2, 'same'), importError('a.csv', 3, 'same')]).length, 2);
  });
});

describe('fileBaseName', () => {
  it('strips zip folders and both separators', () => {
    assert.equal(fileBaseName('sis_upload/2026/courses.csv'), 'courses.csv');
    assert.equal(fileBaseName('upload\\sections.csv'), 'sections.csv');
    assert.equal(fileBaseName('users.csv'), 'users.csv');
  });

  it('never keeps parent references', () => {
    assert.equal(fileBaseName('../../etc/passwd'), 'passwd');
    assert.equal(fileBaseName('/etc/passwd'), 'passwd');
  });
});
