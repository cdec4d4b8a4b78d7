import * as assert from 'node:assert/strict';

import { maskSecrets } from '../../src/secretMask';

describe('maskSecrets', () => {
  it('masks every occurrence of a secret', () => {
    assert.equal(maskSecrets('a 1~abcdef b 1~abcdef', ['1~abcdef']), 'a *** b ***');
  });

  it('masks any bearer credential', () => {
    assert.equal(maskSecrets('{"authorization":"Bearer 7~xyz123"}', []), '{"authorization":"Bearer ***"}');
  });

  it('leaves other text alone', () => {
    assert.equal(maskSecrets('GET /api/v1/accounts → 200', ['1~abcdef']), 'GET /api/v1/accounts → 200');
  });
});
