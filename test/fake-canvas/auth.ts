// Access-token authentication in the order Canvas checks it.
import type * as http from 'node:http';

import { Dataset, TokenRecord, UserRecord } from './dataset';
import { ApiResponse, expiredToken, invalidToken, revokedToken, unauthenticated } from './responses';

export type Authentication =
  | { kind: 'user'; user: UserRecord; token: TokenRecord }
  | { kind: 'anonymous' }
  | { kind: 'rejected'; response: ApiResponse };

/**
 * Reads the token from `Authorization: Bearer <token>` or, as Canvas also accepts, the
 * `access_token` query parameter. Any other Authorization scheme counts as no token.
 */
export function readAccessToken(headers: http.IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const header = headers.authorization;
  const match = header ? /^Bearer (.+)$/.exec(header) : null;
  if (match) {
    return match[1].trim();
  }
  return query.get('access_token') ?? undefined;
}

export function authenticate(
  dataset: Dataset,
  headers: http.IncomingHttpHeaders,
  query: URLSearchParams,
  now: Date,
): Authentication {
  const tokenValue = readAccessToken(headers, query);
  if (tokenValue === undefined) {
    return { kind: 'anonymous' };
  }

  const token = dataset.tokens.find((candidate) => candidate.token === tokenValue);
  const user = token && dataset.users.find((candidate) => candidate.id === token.user_id);
  if (!token || !user) {
    return { kind: 'rejected', response: invalidToken() };
  }
  if (token.workflow_state === 'deleted') {
    return { kind: 'rejected', response: revokedToken() };
  }
  if (token.expires_at !== null && Date.parse(token.expires_at) <= now.getTime()) {
    return { kind: 'rejected', response: expiredToken(token.expires_at) };
  }
  return { kind: 'user', user, token };
}

/** Returns the authenticated user, or the 401 response for a route that needs one. */
export function requireUser(authentication: Authentication): UserRecord | ApiResponse {
  if (authentication.kind === 'user') {
    return authentication.user;
  }
  return authentication.kind === 'rejected' ? authentication.response : unauthenticated();
}
