// One HTTP GET with manual redirects: `Authorization` is attached only while the target is the
// instance's own origin, so a redirect to a file storage host never receives the token.
import { Dispatcher, request } from 'undici';

import { NetworkError, UnexpectedResponseError, isAbortError } from './errors';
import { headerValue } from './responseErrors';

export interface TransportOptions {
  origin: string;
  token: string;
  userAgent: string;
  dispatcher: Dispatcher;
  requestTimeoutMs: number;
  accept: string;
  signal?: AbortSignal;
  onRedirect?: (from: URL, to: URL, status: number) => void;
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The URL that produced this response, after redirects. */
  url: URL;
}

const maxRedirects = 5;

/** Sends GET to `url` and follows up to five redirects. */
export async function getFollowingRedirects(url: URL, options: TransportOptions): Promise<RawResponse> {
  let target = url;
  for (let redirects = 0; ; redirects++) {
    const response = await getOnce(target, options);
    const location = headerValue(response.headers, 'location');
    if (response.status < 300 || response.status >= 400 || !location) {
      return response;
    }

    if (redirects >= maxRedirects) {
      throw new UnexpectedResponseError(`Canvas redirected more than ${maxRedirects} times.`, response.status);
    }

    const next = new URL(location, target);
    if (next.protocol !== 'https:' && next.protocol !== 'http:') {
      throw new UnexpectedResponseError(`Canvas redirected to an unsupported address (${next.protocol}).`, response.status);
    }

    options.onRedirect?.(target, next, response.status);
    target = next;
  }
}

async function getOnce(url: URL, options: TransportOptions): Promise<RawResponse> {
  const headers: Record<string, string> = {
    accept: options.accept,
    'user-agent': options.userAgent,
  };
  if (url.origin === options.origin) {
    headers.authorization = `Bearer ${options.token}`;
  }

  const timeoutSignal = AbortSignal.timeout(options.requestTimeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeoutSignal]) : timeoutSignal;
  try {
    const response = await request(url, { method: 'GET', headers, signal, dispatcher: options.dispatcher });
    const body = Buffer.from(await response.body.arrayBuffer());
    return { status: response.statusCode, headers: response.headers, body, url };
  } catch (error) {
    if (options.signal?.aborted) {
      throw error;
    }

    if (timeoutSignal.aborted) {
      throw new NetworkError(`The request to ${url.host} timed out after ${formatSeconds(options.requestTimeoutMs)} s.`);
    }

    if (isAbortError(error)) {
      throw error;
    }

    throw new NetworkError(`Could not reach ${url.host}: ${networkErrorText(error)}`);
  }
}

function networkErrorText(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}

/** Formats milliseconds as seconds with at most one decimal: 60000 → "60", 1500 → "1.5". */
function formatSeconds(milliseconds: number): string {
  return String(Math.round(milliseconds / 100) / 10);
}
