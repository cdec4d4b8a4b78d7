// Response values and the bodies Canvas sends for its common failures.

/** A Link header entry: the rel name and the `page` value its URL carries. */
export interface PageLink {
  rel: 'current' | 'next' | 'prev' | 'first' | 'last';
  page: string;
}

export interface PageLinks {
  links: PageLink[];
  perPage: number;
}

export interface ApiResponse {
  status: number;
  /** Header names as Canvas spells them; the server lower-cases them when asked to. */
  headers: Record<string, string>;
  body: string | Buffer;
  /** Pagination links, turned into a Link header by the server. */
  pageLinks?: PageLinks;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const HTML_TYPE = 'text/html; charset=utf-8';

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

export function htmlResponse(status: number, title: string, message: string): ApiResponse {
  const body =
    `<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>${title}</title></head>\n` +
    `<body><h1>${title}</h1><p>${message}</p></body>\n</html>\n`;
  return { status, headers: { 'Content-Type': HTML_TYPE }, body };
}

export function redirectResponse(location: string): ApiResponse {
  return { status: 302, headers: { Location: location, 'Content-Type': HTML_TYPE }, body: `<html><body>You are being <a href="${location}">redirected</a>.</body></html>` };
}

const AUTH_CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="canvas-lms"' };

/** No token at all. */
export function unauthenticated(): ApiResponse {
  return jsonResponse(
    401,
    { status: 'unauthenticated', errors: [{ message: 'user authorization required' }] },
    AUTH_CHALLENGE,
  );
}

export function invalidToken(): ApiResponse {
  return jsonResponse(401, { errors: [{ message: 'Invalid access token.' }] }, AUTH_CHALLENGE);
}

export function expiredToken(expiredAt: string): ApiResponse {
  return jsonResponse(401, { errors: [{ message: 'Expired access token.', expired_at: expiredAt }] }, AUTH_CHALLENGE);
}

export function revokedToken(): ApiResponse {
  return jsonResponse(401, { errors: [{ message: 'Revoked access token.' }] }, AUTH_CHALLENGE);
}

/** Authenticated but lacking the permission: 401 on older Canvas, 403 on newer hosted Canvas. */
export function unauthorized(status: 401 | 403): ApiResponse {
  return jsonResponse(status, {
    status: 'unauthorized',
    errors: [{ message: 'user not authorized to perform that action' }],
  });
}

export function notFound(): ApiResponse {
  return jsonResponse(404, { errors: [{ message: 'The specified resource does not exist.' }] });
}

/** SIS endpoints on a sub-account. Note that `errors` is an array of strings here. */
export function sisNotRootAccount(): ApiResponse {
  return jsonResponse(400, { errors: ['SIS imports can only be executed on root accounts'] });
}

export function sisDisabled(): ApiResponse {
  return jsonResponse(403, { errors: ['SIS imports are not enabled for this account'] });
}

// NOTE: Instructure announced the rejection of API requests without a User-Agent but
// did not document the body; this JSON form is an assumption.
export function userAgentRequired(): ApiResponse {
  return jsonResponse(403, { errors: [{ message: 'A User-Agent header is required for API requests.' }] });
}

/** Throttled request: plain text, no Retry-After, remaining capacity reported as 0.0. */
export function rateLimitExceeded(status: 403 | 429): ApiResponse {
  const reason = status === 429 ? '429 Too Many Requests' : '403 Forbidden';
  return {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Rate-Limit-Remaining': '0.0' },
    body: `${reason} (Rate Limit Exceeded)\n`,
  };
}

/** Builds the HTML page that Canvas returns for an unknown page outside the API. */
export function pageNotFound(): ApiResponse {
  return htmlResponse(404, 'Page Not Found', 'Oops, we couldn\'t find that page.');
}
