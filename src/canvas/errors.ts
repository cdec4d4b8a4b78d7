// Typed failures of Canvas requests. Each carries a message a Canvas administrator can act on,
// and a `kind` the tree uses to pick the row it shows. None of them ever contains the token.

export type CanvasErrorKind =
  | 'invalidToken'
  | 'permission'
  | 'notFound'
  | 'subAccount'
  | 'sisDisabled'
  | 'throttled'
  | 'server'
  | 'unexpectedResponse'
  | 'network'
  | 'insecureUrl';

/** Base class of every failure this client reports. */
export abstract class CanvasError extends Error {
  abstract readonly kind: CanvasErrorKind;

  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Why Canvas rejected the token: its 401 reply carries `WWW-Authenticate` in all these cases. */
export type InvalidTokenReason = 'missing' | 'invalid' | 'expired' | 'revoked' | 'insufficientScopes';

/** The token is missing, invalid, expired, revoked or lacks scopes (401 with `WWW-Authenticate`). */
export class InvalidTokenError extends CanvasError {
  readonly kind = 'invalidToken';

  constructor(
    message: string,
    readonly reason: InvalidTokenReason,
  ) {
    super(message, 401);
  }
}

/** The token is valid but its user may not perform the request (401 or 403 `unauthorized`). */
export class PermissionError extends CanvasError {
  readonly kind = 'permission';
}

/** The account, import or route does not exist (404). */
export class NotFoundError extends CanvasError {
  readonly kind = 'notFound';
}

/** SIS endpoints were called on a sub-account; SIS imports exist only on root accounts (400). */
export class SubAccountError extends CanvasError {
  readonly kind = 'subAccount';
}

/** SIS imports are not enabled for the root account (403). */
export class SisDisabledError extends CanvasError {
  readonly kind = 'sisDisabled';
}

/** Canvas's rate limit stopped the request: 429, or the older 403 "Rate Limit Exceeded". */
export class ThrottledError extends CanvasError {
  readonly kind = 'throttled';
}

/** Canvas returned a 5xx status. */
export class ServerError extends CanvasError {
  readonly kind = 'server';
}

/** Canvas returned something other than the JSON this client expects (HTML, bad JSON, bad links). */
export class UnexpectedResponseError extends CanvasError {
  readonly kind = 'unexpectedResponse';
}

/** The host could not be reached, or the request timed out. */
export class NetworkError extends CanvasError {
  readonly kind = 'network';
}

/** The instance URL is not acceptable (plain http to a non-loopback host, a malformed URL). */
export class InsecureUrlError extends CanvasError {
  readonly kind = 'insecureUrl';
}

/** True when `error` is the rejection of an aborted request rather than a failure. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || (error as { code?: string }).code === 'UND_ERR_ABORTED');
}
