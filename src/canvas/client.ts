// HTTP access to one Canvas instance: authentication, timeouts, retries, rate-limit pacing,
// redirects, and the mapping of failures to typed errors. Only the instance's own origin
// ever receives the token.
import { Agent, Dispatcher } from 'undici';

import { CanvasError, UnexpectedResponseError } from './errors';
import { RawResponse, getFollowingRedirects } from './httpTransport';
import { normalizeInstanceUrl } from './instanceUrl';
import { PageLinks, findLinkHeader, isWellFormedLinkHeader, parseLinkHeader } from './pagination';
import { RateLimitOptions, RateLimitTracker, defaultRateLimitOptions } from './rateLimit';
import { errorFromResponse, headerValue, looksLikeHtml } from './responseErrors';
import { RetryPolicy, RetryReason, defaultRetryPolicy, delay, retryDelayMs, retryReason } from './retryPolicy';

/** The destination of the client's request log. The client never passes the token to it. */
export interface ClientLogger {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
  trace(message: string): void;
}

export interface CanvasClientOptions {
  /** The instance address, for example `https://school.instructure.com`. */
  baseUrl: string;
  token: string;
  userAgent?: string;
  logger?: ClientLogger;
  /** Milliseconds allowed to open a connection. */
  connectTimeoutMs?: number;
  /** Milliseconds allowed for one whole request, body included. */
  requestTimeoutMs?: number;
  retryPolicy?: RetryPolicy;
  rateLimit?: RateLimitOptions;
}

/** Details of one wait before a request, for progress shown to the user. */
export interface RetryWait {
  reason: RetryReason;
  delayMs: number;
  attempt: number;
}

export interface RequestOptions {
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
  onRetryWait?: (wait: RetryWait) => void;
}

/** A successful JSON response with its pagination links. */
export interface CanvasResponse<T> {
  status: number;
  body: T;
  links: PageLinks;
}

/** A downloaded file. */
export interface DownloadedFile {
  contentType: string | undefined;
  body: Buffer;
}

const defaultUserAgent = 'canvas-sis-import-errors/0.1 (VS Code extension)';

/** A client for one Canvas instance and one API token. Requests run one at a time, in order. */
export class CanvasClient {
  /** The instance origin, for example `https://school.instructure.com`. */
  readonly origin: string;

  private readonly token: string;
  private readonly userAgent: string;
  private readonly logger?: ClientLogger;
  private readonly requestTimeoutMs: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly rateLimit: RateLimitTracker;
  private readonly dispatcher: Dispatcher;
  private queueTail: Promise<unknown> = Promise.resolve();

  constructor(options: CanvasClientOptions) {
    this.origin = normalizeInstanceUrl(options.baseUrl);
    this.token = options.token;
    this.userAgent = options.userAgent ?? defaultUserAgent;
    this.logger = options.logger;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
    this.retryPolicy = options.retryPolicy ?? defaultRetryPolicy;
    this.rateLimit = new RateLimitTracker(options.rateLimit ?? defaultRateLimitOptions);
    this.dispatcher = new Agent({
      connect: { timeout: options.connectTimeoutMs ?? 15_000 },
      headersTimeout: this.requestTimeoutMs,
      bodyTimeout: this.requestTimeoutMs,
    });
  }

  /**
   * Sends `GET` for an API path (`/api/v1/...`) or an absolute URL taken from a Link header on
   * the instance origin, and returns the parsed JSON.
   */
  getJson<T>(pathOrUrl: string, options: RequestOptions = {}): Promise<CanvasResponse<T>> {
    return this.enqueue(pathOrUrl, options, async (url) => this.readJson<T>(await this.send(url, 'application/json', options.signal)));
  }

  /**
   * Downloads a file such as a SIS import's errors CSV. The URL must be on the instance origin;
   * Canvas then redirects to a storage host, which receives no token. An HTML page (an expired
   * link usually ends on a login page) is a failure, never a file.
   */
  download(fileUrl: string, options: RequestOptions = {}): Promise<DownloadedFile> {
    return this.enqueue(fileUrl, options, async (url) => {
      const response = await this.send(url, '*/*', options.signal);
      if ((response.status < 200 || response.status >= 300) && response.url.origin !== this.origin) {
        // A storage host never received the token, so its refusal is not about the token or permissions.
        throw new UnexpectedResponseError(
          `The file host ${response.url.host} refused the download (status ${response.status}); the link may have expired. Refresh and try again.`,
          response.status,
        );
      }

      if (response.status < 200 || response.status >= 300) {
        throw errorFromResponse({ status: response.status, headers: response.headers, bodyText: response.body.toString('utf8') });
      }

      const contentType = headerValue(response.headers, 'content-type');
      if (looksLikeHtml(response.body.subarray(0, 512).toString('utf8'), contentType)) {
        throw new UnexpectedResponseError(`The download from ${response.url.host} returned an HTML page instead of the file; the link may have expired.`, response.status);
      }

      return { contentType, body: response.body };
    });
  }

  /** Releases the connection pool. */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  private enqueue<R>(pathOrUrl: string, options: RequestOptions, attempt: (url: URL) => Promise<R>): Promise<R> {
    let url: URL;
    try {
      url = this.resolveUrl(pathOrUrl, options.query);
    } catch (error) {
      return Promise.reject(error);
    }

    const run = () => this.withRetries(url, options, attempt);
    const result = this.queueTail.then(run, run);
    this.queueTail = result.catch(() => undefined);
    return result;
  }

  /** Builds the request URL and rejects URLs on another origin, so the token never leaves the instance. */
  private resolveUrl(pathOrUrl: string, query: RequestOptions['query']): URL {
    let url: URL;
    try {
      url = new URL(pathOrUrl, this.origin);
    } catch {
      throw new UnexpectedResponseError(`Canvas sent a malformed link: ${pathOrUrl}`);
    }

    if (url.origin !== this.origin) {
      throw new UnexpectedResponseError(`Canvas sent a link to another host (${url.origin}); it was not followed.`);
    }

    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) {
        url.searchParams.set(key, String(value));
      }
    }

    return url;
  }

  private async withRetries<R>(url: URL, options: RequestOptions, attempt: (url: URL) => Promise<R>): Promise<R> {
    for (let attemptNumber = 1; ; attemptNumber++) {
      await this.waitForRateLimit(url, options, attemptNumber);
      try {
        return await attempt(url);
      } catch (error) {
        const reason = error instanceof CanvasError ? retryReason(error) : undefined;
        if (!reason || attemptNumber >= this.retryPolicy.maxAttempts) {
          throw error;
        }

        const backoffMs = retryDelayMs(this.retryPolicy, attemptNumber);
        const delayMs = reason === 'throttled' ? Math.max(backoffMs, this.rateLimit.throttledDelayMs()) : backoffMs;
        this.logger?.warn(`${describeUrl(url)}: ${(error as Error).message} Retrying in ${delayMs} ms (attempt ${attemptNumber + 1} of ${this.retryPolicy.maxAttempts}).`);
        options.onRetryWait?.({ reason, delayMs, attempt: attemptNumber });
        await delay(delayMs, options.signal);
      }
    }
  }

  /** Waits while the last reported rate-limit headroom is low, so the request is not throttled. */
  private async waitForRateLimit(url: URL, options: RequestOptions, attemptNumber: number): Promise<void> {
    const delayMs = this.rateLimit.paceDelayMs();
    if (delayMs <= 0) {
      return;
    }

    this.logger?.info(`${describeUrl(url)}: waiting ${delayMs} ms for the Canvas rate limit (about ${Math.round(this.rateLimit.estimatedRemaining() ?? 0)} units left).`);
    options.onRetryWait?.({ reason: 'throttled', delayMs, attempt: attemptNumber });
    await delay(delayMs, options.signal);
  }

  private async send(url: URL, accept: string, signal: AbortSignal | undefined): Promise<RawResponse> {
    const started = Date.now();
    this.logger?.debug(`request headers: ${JSON.stringify({ accept, 'user-agent': this.userAgent, authorization: 'Bearer ***' })}`);
    const response = await getFollowingRedirects(url, {
      origin: this.origin,
      token: this.token,
      userAgent: this.userAgent,
      dispatcher: this.dispatcher,
      requestTimeoutMs: this.requestTimeoutMs,
      accept,
      signal,
      onRedirect: (from, to, status) => {
        const keepsToken = to.origin === this.origin ? 'with' : 'without';
        this.logger?.debug(`${status} redirect from ${from.pathname} to ${to.origin}${to.pathname}, followed ${keepsToken} the token`);
      },
    });

    this.rateLimit.record(headerValue(response.headers, 'x-rate-limit-remaining'), headerValue(response.headers, 'x-request-cost'));
    this.logger?.info(`GET ${describeUrl(url)} → ${response.status} (${Date.now() - started} ms)`);
    this.logger?.debug(`response headers: ${JSON.stringify(headersForLog(response.headers))}`);
    return response;
  }

  private readJson<T>(response: RawResponse): CanvasResponse<T> {
    const bodyText = response.body.toString('utf8');
    this.logger?.trace(`response body: ${bodyForLog(bodyText)}`);
    if (response.status < 200 || response.status >= 300) {
      throw errorFromResponse({ status: response.status, headers: response.headers, bodyText });
    }

    const contentType = headerValue(response.headers, 'content-type');
    if (looksLikeHtml(bodyText, contentType)) {
      throw new UnexpectedResponseError(`Canvas returned an HTML page (status ${response.status}) instead of JSON.`, response.status);
    }

    let body: T;
    try {
      body = JSON.parse(bodyText) as T;
    } catch {
      throw new UnexpectedResponseError(`Canvas returned malformed JSON (status ${response.status}).`, response.status);
    }

    return { status: response.status, body, links: this.readLinks(response) };
  }

  /** Reads the pagination links, rejecting a malformed header or a `next` link off the instance. */
  private readLinks(response: RawResponse): PageLinks {
    const header = findLinkHeader(response.headers);
    if (!header) {
      return {};
    }

    if (!isWellFormedLinkHeader(header)) {
      throw new UnexpectedResponseError('Canvas sent a malformed Link header, so the rest of the list cannot be loaded.', response.status);
    }

    const links = parseLinkHeader(header);
    if (links.next !== undefined) {
      let next: URL;
      try {
        next = new URL(links.next);
      } catch {
        throw new UnexpectedResponseError('Canvas sent a malformed next-page link, so the rest of the list cannot be loaded.', response.status);
      }

      if (next.origin !== this.origin) {
        throw new UnexpectedResponseError(`Canvas sent a next-page link to another host (${next.origin}); it was not followed.`, response.status);
      }
    }

    return links;
  }
}

/** Returns the headers without cookies, and with any redirect target reduced to its origin and path. */
function headersForLog(headers: RawResponse['headers']): RawResponse['headers'] {
  const logged: RawResponse['headers'] = {};
  for (const [name, value] of Object.entries(headers)) {
    const lowerName = name.toLowerCase();
    if (lowerName === 'set-cookie') {
      continue;
    }

    logged[name] = lowerName === 'location' && typeof value === 'string' ? redirectTargetForLog(value) : value;
  }

  return logged;
}

function redirectTargetForLog(location: string): string {
  try {
    const url = new URL(location);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '***';
  }
}

/** Returns the path and query of a URL for logs, with any credential-like query value masked. */
export function describeUrl(url: URL): string {
  const safe = new URL(url.toString());
  for (const key of ['access_token', 'api_key', 'verifier']) {
    if (safe.searchParams.has(key)) {
      safe.searchParams.set(key, '***');
    }
  }

  return `${safe.pathname}${safe.search}`;
}

/**
 * Returns a response body for the trace log with every `row_info` string replaced by `***`.
 * Canvas's copy of a failing record can contain passwords and other personal data.
 */
export function bodyForLog(bodyText: string): string {
  return bodyText.replace(/("row_info"\s*:\s*)"(?:[^"\\]|\\.)*"/g, '$1"***"');
}
