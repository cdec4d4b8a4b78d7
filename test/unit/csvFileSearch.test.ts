import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { findFilesByBaseName } from '../../src/csv/csvFileSearch';

describe('findFilesByBaseName', () => {
  let root: string;

  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'csv-search-'));
    await fs.mkdir(path.join(root, 'a', 'b'), { recursive: true });
    await fs.mkdir(path.join(root, 'node_modules', 'x'), { recursive: true });
    await fs.writeFile(path.join(root, 'users.csv'), 'user_id\n');
    await fs.writeFile(path.join(root, 'a', 'b', 'Users.CSV'), 'user_id\n');
    await fs.writeFile(path.join(root, 'a', 'courses.csv'), 'course_id\n');
    await fs.writeFile(path.join(root, 'node_modules', 'x', 'users.csv'), 'user_id\n');
  });

  after(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('finds files in nested folders ignoring case', async () => {
    const found = (await findFilesByBaseName([root], 'users.csv')).sort();

    assert.deepEqual(found, [path.join(root, 'a', 'b', 'Users.CSV'), path.join(root, 'users.csv')]);
  });

  it('skips node_modules', async () => {
    const found = await findFilesByBaseName([root], 'users.csv');

    assert.ok(found.every((file) => !file.includes('node_modules')));
  });

  it('respects the depth limit', async () => {
    const found = await findFilesByBaseName([root], 'users.csv', { maxDepth: 0 });

    assert.deepEqual(found, [path.join(root, 'users.csv')]);
  });

  it('ignores missing roots and lists each file once', async () => {
    const found = await findFilesByBaseName([path.join(root, 'missing'), root, root], 'courses.csv');

    assert.deepEqual(found, [path.join(root, 'a', 'courses.csv')]);
  });
});
