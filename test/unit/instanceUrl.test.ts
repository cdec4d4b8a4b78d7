import * as assert from 'node:assert/strict';

import { InsecureUrlError } from '../../src/canvas/errors';
import { isLoopbackHost, normalizeInstanceUrl } from '../../src/canvas/instanceUrl';

describe('normalizeInstanceUrl', () => {
  it('strips trailing slash and api path', () => {
    assert.equal(normalizeInstanceUrl('https://school.instructure.com/'), 'https://school.instructure.com');
    assert.equal(normalizeInstanceUrl('https://school.instructure.com/api/v1/'), 'https://school.instructure.com');
  });

  it('lowercases the host', () => {
    assert.equal(normalizeInstanceUrl('https://School.Instructure.COM'), 'https://school.instructure.com');
  });

  it('adds https to a bare host', () => {
    assert.equal(normalizeInstanceUrl('  school.instructure.com  '), 'https://school.instructure.com');
  });

  it('keeps a non-default port', () => {
    assert.equal(normalizeInstanceUrl('https://canvas.example.edu:8443/'), 'https://canvas.example.edu:8443');
  });

  it('accepts http for loopback hosts', () => {
    assert.equal(normalizeInstanceUrl('http://127.0.0.1:8910/'), 'http://127.0.0.1:8910');
    assert.equal(normalizeInstanceUrl('http://localhost:3000'), 'http://localhost:3000');
    assert.equal(normalizeInstanceUrl('http://[::1]:3000'), 'http://[::1]:3000');
  });

  it('rejects http for other hosts', () => {
    assert.throws(() => normalizeInstanceUrl('http://school.instructure.com'), InsecureUrlError);
    assert.throws(() => normalizeInstanceUrl('http://10.0.0.5'), InsecureUrlError);
  });

  it('rejects empty, malformed and non-web addresses', () => {
    assert.throws(() => normalizeInstanceUrl(''), InsecureUrlError);
    assert.throws(() => normalizeInstanceUrl('https://'), InsecureUrlError);
    assert.throws(() => normalizeInstanceUrl('ftp://school.instructure.com'), InsecureUrlError);
  });

  it('rejects credentials in the address', () => {
    assert.throws(() => normalizeInstanceUrl('https://user:secret@school.instructure.com'), InsecureUrlError);
  });
});

describe('isLoopbackHost', () => {
  it('recognises loopback names and addresses', () => {
    assert.equal(isLoopbackHost('localhost'), true);
    assert.equal(isLoopbackHost('127.0.0.1'), true);
    assert.equal(isLoopbackHost('127.4.5.6'), true);
    assert.equal(isLoopbackHost('[::1]'), true);
  });

  it('rejects other hosts', () => {
    assert.equal(isLoopbackHost('127.example.com'), false);
    assert.equal(isLoopbackHost('192.168.1.1'), false);
    assert.equal(isLoopbackHost('school.instructure.com'), false);
  });
});
