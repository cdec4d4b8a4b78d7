// Maps a failed Canvas response (status, headers, body text) to a typed CanvasError.
import {
  CanvasError,
  InvalidTokenError,
  InvalidTokenReason,
  NotFoundError,
  PermissionError,
  ServerError,
  SisDisabledError,
  SubAccountError,
  ThrottledError,
  UnexpectedResponseError,
} from './errors';

/** The parts of a response that decide which error it is. */
export interface FailedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
}

/** Returns the typed error for a non-2xx Canvas response. */
export function errorFromResponse(response: FailedResponse): CanvasError {
  const { status, bodyText } = response;
  const messages = readErrorMessages(bodyText);
  const canvasMessage = messages.join(' ');

  if (isThrottled(response)) {
    return new ThrottledError('Canvas rate limit exceeded.', status);
  }

  const contentType = headerValue(response.headers, 'content-type');
  if (status < 500 && looksLikeHtml(bodyText, contentType)) {
    // Canvas returns JSON for API requests, so an HTML page comes from a proxy, a firewall or a host that is not Canvas.
    return new UnexpectedResponseError(
      `Canvas returned an HTML page (status ${status}) instead of JSON. Check the instance address, or a proxy may be blocking the request.`,
      status,
    );
  }

  if (status === 401 && hasHeader(response.headers, 'www-authenticate')) {
    return new InvalidTokenError(canvasMessage || 'Invalid access token.', invalidTokenReason(canvasMessage));
  }

  if (status === 400 && /root accounts?/i.test(canvasMessage)) {
    return new SubAccountError(canvasMessage, status);
  }

  if (status === 403 && /not enabled/i.test(canvasMessage)) {
    return new SisDisabledError(canvasMessage, status);
  }

  if (status === 401 || status === 403) {
    return new PermissionError(canvasMessage || 'user not authorized to perform that action', status);
  }

  if (status === 404) {
    return new NotFoundError(canvasMessage || 'The specified resource does not exist.', status);
  }

  if (status >= 500) {
    return new ServerError(serverErrorMessage(response, canvasMessage), status);
  }

  return new UnexpectedResponseError(
    canvasMessage ? `Canvas rejected the request (status ${status}): ${canvasMessage}` : `Canvas rejected the request (status ${status}).`,
    status,
  );
}

/** True for both forms of Canvas throttling: 429, and the older 403 whose body contains "Rate Limit Exceeded". */
export function isThrottled(response: FailedResponse): boolean {
  if (response.status === 429) {
    return true;
  }

  return response.status === 403 && /rate limit exceeded/i.test(response.bodyText);
}

/** True when the body looks like an HTML page rather than JSON. */
export function looksLikeHtml(bodyText: string, contentType: string | undefined): boolean {
  if (contentType && /text\/html/i.test(contentType)) {
    return true;
  }

  return /^\s*</.test(bodyText);
}

/**
 * Reads Canvas's error messages from a JSON body. Canvas sends `errors` as an array of
 * objects with `message` (most endpoints) or of plain strings (SIS endpoints), and some
 * replies use a single `message`.
 */
export function readErrorMessages(bodyText: string): string[] {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return [];
  }

  if (!body || typeof body !== 'object') {
    return [];
  }

  const { errors, message } = body as { errors?: unknown; message?: unknown };
  if (Array.isArray(errors)) {
    return errors.map(readOneMessage).filter((text): text is string => text !== undefined);
  }

  if (errors && typeof errors === 'object') {
    return Object.values(errors).flat().map(readOneMessage).filter((text): text is string => text !== undefined);
  }

  return typeof message === 'string' ? [message] : [];
}

function readOneMessage(entry: unknown): string | undefined {
  if (typeof entry === 'string') {
    return entry;
  }

  if (entry && typeof entry === 'object' && typeof (entry as { message?: unknown }).message === 'string') {
    return (entry as { message: string }).message;
  }

  return undefined;
}

function invalidTokenReason(message: string): InvalidTokenReason {
  if (/expired/i.test(message)) {
    return 'expired';
  }

  if (/revoked/i.test(message)) {
    return 'revoked';
  }

  if (/insufficient scopes/i.test(message)) {
    return 'insufficientScopes';
  }

  if (/authorization required/i.test(message)) {
    return 'missing';
  }

  return 'invalid';
}

function serverErrorMessage(response: FailedResponse, canvasMessage: string): string {
  const contentType = headerValue(response.headers, 'content-type');
  if (looksLikeHtml(response.bodyText, contentType)) {
    return `Canvas returned an HTML page (status ${response.status}) instead of JSON.`;
  }

  return canvasMessage ? `Canvas failed with status ${response.status}: ${canvasMessage}` : `Canvas failed with status ${response.status}.`;
}

function hasHeader(headers: FailedResponse['headers'], name: string): boolean {
  return headerValue(headers, name) !== undefined;
}

/** Reads a header whose name may arrive in any case. */
export function headerValue(headers: FailedResponse['headers'], name: string): string | undefined {
  const lowerName = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === lowerName && value !== undefined) {
      return Array.isArray(value) ? value.join(', ') : value;
    }
  }

  return undefined;
}
