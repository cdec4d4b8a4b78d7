import * as assert from 'node:assert/strict';

import {
  InvalidTokenError,
  NotFoundError,
  PermissionError,
  ServerError,
  SisDisabledError,
  SubAccountError,
  ThrottledError,
  UnexpectedResponseError,
} from '../../src/canvas/errors';
import { errorFromResponse, readErrorMessages } from '../../src/canvas/responseErrors';

const wwwAuthenticate = { 'www-authenticate': 'Bearer realm="canvas-lms"' };

describe('errorFromResponse', () => {
  it('maps 401 with WWW-Authenticate to invalid token', () => {
    const error = errorFromResponse({ status: 401, headers: wwwAuthenticate, bodyText: '{"errors":[{"message":"Invalid access token."}]}' });

    assert.ok(error instanceof InvalidTokenError);
    assert.equal(error.reason, 'invalid');
    assert.equal(error.message, 'Invalid access token.');
  });

  it('tells expired, revoked and missing tokens apart', () => {
    const reasonOf = (message: string) => (errorFromResponse({ status: 401, headers: wwwAuthenticate, bodyText: JSON.stringify({ errors: [{ message }] }) }) as InvalidTokenError).reason;

    assert.equal(reasonOf('Expired access token.'), 'expired');
    assert.equal(reasonOf('Revoked access token.'), 'revoked');
    assert.equal(reasonOf('user authorization required'), 'missing');
    assert.equal(reasonOf('Insufficient scopes on access token.'), 'insufficientScopes');
  });

  it('maps 401 without WWW-Authenticate to permission', () => {
    const body = '{"status":"unauthorized","errors":[{"message":"user not authorized to perform that action"}]}';

    assert.ok(errorFromResponse({ status: 401, headers: {}, bodyText: body }) instanceof PermissionError);
    assert.ok(errorFromResponse({ status: 403, headers: {}, bodyText: body }) instanceof PermissionError);
  });

  it('maps the sub-account 400 string array', () => {
    const error = errorFromResponse({ status: 400, headers: {}, bodyText: '{"errors":["SIS imports can only be executed on root accounts"]}' });

    assert.ok(error instanceof SubAccountError);
    assert.equal(error.message, 'SIS imports can only be executed on root accounts');
  });

  it('maps SIS disabled 403', () => {
    const error = errorFromResponse({ status: 403, headers: {}, bodyText: '{"errors":["SIS imports are not enabled for this account"]}' });

    assert.ok(error instanceof SisDisabledError);
  });

  it('maps both throttling forms', () => {
    const old = errorFromResponse({ status: 403, headers: { 'content-type': 'text/plain' }, bodyText: '403 Forbidden (Rate Limit Exceeded)\n' });
    const current = errorFromResponse({ status: 429, headers: {}, bodyText: '429 Too Many Requests (Rate Limit Exceeded)\n' });

    assert.ok(old instanceof ThrottledError);
    assert.ok(current instanceof ThrottledError);
  });

  it('maps 404', () => {
    const error = errorFromResponse({ status: 404, headers: {}, bodyText: '{"errors":[{"message":"The specified resource does not exist."}]}' });

    assert.ok(error instanceof NotFoundError);
    assert.equal(error.message, 'The specified resource does not exist.');
  });

  it('names an HTML page on 5xx', () => {
    const error = errorFromResponse({ status: 503, headers: { 'Content-Type': 'text/html' }, bodyText: '<html><body>Down for maintenance</body></html>' });

    assert.ok(error instanceof ServerError);
    assert.equal(error.status, 503);
    assert.equal(error.message, 'Canvas returned an HTML page (status 503) instead of JSON.');
  });

  it('maps other 4xx to unexpected response', () => {
    const error = errorFromResponse({ status: 422, headers: {}, bodyText: '{"errors":[{"message":"bad value"}]}' });

    assert.ok(error instanceof UnexpectedResponseError);
    assert.match(error.message, /422.*bad value/);
  });
});

describe('readErrorMessages', () => {
  it('reads object, string and keyed error lists', () => {
    assert.deepEqual(readErrorMessages('{"errors":[{"message":"a"},{"message":"b"}]}'), ['a', 'b']);
    assert.deepEqual(readErrorMessages('{"errors":["x"]}'), ['x']);
    assert.deepEqual(readErrorMessages('{"errors":{"name":[{"message":"too long"}]}}'), ['too long']);
    assert.deepEqual(readErrorMessages('{"message":"m"}'), ['m']);
  });

  it('returns nothing for non-JSON bodies', () => {
    assert.deepEqual(readErrorMessages('<html></html>'), []);
    assert.deepEqual(readErrorMessages(''), []);
  });
});

describe('errorFromResponse with HTML bodies', () => {
  it('maps an HTML 403 to unexpected response', () => {
    const error = errorFromResponse({ status: 403, headers: { 'content-type': 'text/html' }, bodyText: '<html><body>Access denied by firewall</body></html>' });

    assert.ok(error instanceof UnexpectedResponseError);
    assert.match(error.message, /HTML page \(status 403\)/);
  });

  it('keeps the plain-text throttle reply as throttling', () => {
    const error = errorFromResponse({ status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' }, bodyText: '403 Forbidden (Rate Limit Exceeded)\n' });

    assert.ok(error instanceof ThrottledError);
  });
});
