import * as assert from 'node:assert/strict';

import { findLinkHeader, parseLinkHeader } from '../../src/canvas/pagination';

describe('parseLinkHeader', () => {
  const base = 'https://canvas.example.edu/api/v1/accounts/1/sis_import_errors';

  it('reads all five rels in Canvas format', () => {
    const header = [
      `<${base}?page=2&per_page=10>; rel="current"`,
      `<${base}?page=3&per_page=10>; rel="next"`,
      `<${base}?page=1&per_page=10>; rel="prev"`,
      `<${base}?page=1&per_page=10>; rel="first"`,
      `<${base}?page=7&per_page=10>; rel="last"`,
    ].join(',');

    const links = parseLinkHeader(header);

    assert.equal(links.current, `${base}?page=2&per_page=10`);
    assert.equal(links.next, `${base}?page=3&per_page=10`);
    assert.equal(links.prev, `${base}?page=1&per_page=10`);
    assert.equal(links.first, `${base}?page=1&per_page=10`);
    assert.equal(links.last, `${base}?page=7&per_page=10`);
  });

  it('accepts missing last rel', () => {
    const links = parseLinkHeader(`<${base}?page=1&per_page=100>; rel="current",<${base}?page=2&per_page=100>; rel="next",<${base}?page=1&per_page=100>; rel="first"`);

    assert.equal(links.next, `${base}?page=2&per_page=100`);
    assert.equal(links.last, undefined);
  });

  it('accepts spaces, unquoted and uppercase rels', () => {
    const links = parseLinkHeader(`<${base}?page=2>; REL=Next , <${base}?page=1>;rel="first"`);

    assert.equal(links.next, `${base}?page=2`);
    assert.equal(links.first, `${base}?page=1`);
  });

  it('keeps bookmark page values opaque', () => {
    const url = `${base}?page=bookmark:WzEsMl0&per_page=10`;

    assert.equal(parseLinkHeader(`<${url}>; rel="next"`).next, url);
  });

  it('returns no links for empty or malformed headers', () => {
    assert.deepEqual(parseLinkHeader(undefined), {});
    assert.deepEqual(parseLinkHeader(''), {});
    assert.deepEqual(parseLinkHeader('garbage; rel="next"'), {});
  });

  it('stores a multi-type rel under each type', () => {
    const links = parseLinkHeader(`<${base}?page=9>; rel="next last"`);

    assert.equal(links.next, `${base}?page=9`);
    assert.equal(links.last, `${base}?page=9`);
  });
});

describe('findLinkHeader', () => {
  it('finds the header name in any case', () => {
    assert.equal(findLinkHeader({ link: '<a>; rel="next"' }), '<a>; rel="next"');
    assert.equal(findLinkHeader({ Link: '<b>; rel="next"' }), '<b>; rel="next"');
    assert.equal(findLinkHeader({ LINK: '<c>; rel="next"' }), '<c>; rel="next"');
  });

  it('returns undefined without a link header', () => {
    assert.equal(findLinkHeader({ 'content-type': 'application/json' }), undefined);
  });
});
