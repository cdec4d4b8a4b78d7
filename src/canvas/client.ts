// HTTP access to one Canvas instance: authentication, timeouts, retries, redirects, and the
// mapping of failures to typed errors. Only the instance's own origin ever sees the token.
import { Agent, Dispatcher, request } from 'undici';

import { CanvasError, NetworkError, UnexpectedResponseError, isAbortError } from './errors';
import { normalizeInstanceUrl } from './instanceUrl';
import { PageLinks, findLinkHeader, parseLinkHeader } from './pagination';
import { errorFromResponse, headerValue, looksLikeHtml } from './responseErrors';
import { RetryPolicy, RetryReason, defaultRetryPolicy, delay, retryDelayMs, retryReason } from './retryPolicy';

/** Where the client writes its request log. Implementations must not add secrets; the client never passes any. */
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
  /** Milliseconds allowed to open the connection. */
  connectTimeoutMs?: number;
  /** Milliseconds allowed for one whole request, body included. */
  requestTimeoutMs?: number;
  retryPolicy?: RetryPolicy;
}

/** Details of one wait before a retry, for progress shown to the user. */
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

const defaultUserAgent = 'canvas-sis-import-errors/0.1 (VS Code extension)';
const maxRedirects = 5;

/** A client for one Canvas instance and one API token. */
export class CanvasClient {
  /** The instance origin, for example `https://school.instructure.com`. */
  readonly origin: string;

  private readonly token: string;
  private readonly userAgent: string;
  private readonly logger?: ClientLogger;
  private readonly requestTimeoutMs: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly dispatcher: Dispatcher;
  private queueTail: Promise<unknown> = Promise.resolve();

  constructor(options: CanvasClientOptions) {
    this.origin = normalizeInstanceUrl(options.baseUrl);
    this.token = options.token;
    this.userAgent = options.userAgent ?? defaultUserAgent;
    this.logger = options.logger;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 60_000;
    this.retryPolicy = options.retryPolicy ?? defaultRetryPolicy;
    this.dispatcher = new Agent({
      connect: { timeout: options.connectTimeoutMs ?? 15_000 },
      headersTimeout: this.requestTimeoutMs,
      bodyTimeout: this.requestTimeoutMs,
    });
  }

  /**
   * Sends `GET` for an API path (`/api/v1/...`) or an absolute URL taken from a Link header,
   * and returns the parsed JSON. Requests to one instance run one at a time, in order.
   */
  getJson<T>(pathOrUrl: string, options: RequestOptions = {}): Promise<CanvasResponse<T>> {
    let url: URL;
    try {
      url = this.resolveUrl(pathOrUrl, options.query);
    } catch (error) {
      return Promise.reject(error);
    }

    const run = () => this.getWithRetries<T>(url, options);
    const result = this.queueTail.then(run, run);
    this.queueTail = result.catch(() => undefined);
    return result;
  }

  /** Releases the connection pool. */
  async close(): Promise<void> {
    await this.dispatcher.close();
  }

  /** Builds the request URL and rejects URLs on another origin, so the token never leaves the instance. */
  private resolveUrl(pathOrUrl: string, query: RequestOptions['query']): URL {
    let url: URL;
    try {
      url = new URL(pathOrUrl, this.origin);
    } catch {
      throw new UnexpectedResponseError(`Canvas sent a malformed page link: ${pathOrUrl}`);
    }

    if (url.origin !== this.origin) {
      throw new UnexpectedResponseError(`Canvas sent a page link to another host (${url.origin}); it was not followed.`);
    }

    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) {
        url.searchParams.set(key, String(value));
      }
    }

    return url;
  }

  private async getWithRetries<T>(url: URL, options: RequestOptions): Promise<CanvasResponse<T>> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.getOnce<T>(url, options.signal);
      } catch (error) {
        const reason = error instanceof CanvasError ? retryReason(error) : undefined;
        if (!reason || attempt >= this.retryPolicy.maxAttempts) {
          throw error;
        }

        const delayMs = retryDelayMs(this.retryPolicy, attempt);
        this.logger?.warn(`${describeUrl(url)}: ${(error as Error).message} Retrying in ${delayMs} ms (attempt ${attempt + 1} of ${this.retryPolicy.maxAttempts}).`);
        options.onRetryWait?.({ reason, delayMs, attempt });
        await delay(delayMs, options.signal);
      }
    }
  }

  private async getOnce<T>(url: URL, signal: AbortSignal | undefined): Promise<CanvasResponse<T>> {
    const started = Date.now();
    const response = await this.sendFollowingRedirects(url, signal);
    const elapsed = Date.now() - started;
    this.logger?.info(`GET ${describeUrl(url)} → ${response.status} (${elapsed} ms)`);
    this.logger?.debug(`response headers: ${JSON.stringify(response.headers)}`);
    this.logger?.trace(`response body: ${response.bodyText}`);

    if (response.status < 200 || response.status >= 300) {
      throw errorFromResponse(response);
    }

    const contentType = headerValue(response.headers, 'content-type');
    if (looksLikeHtml(response.bodyText, contentType)) {
      throw new UnexpectedResponseError(`Canvas returned an HTML page (status ${response.status}) instead of JSON.`, response.status);
    }

    let body: T;
    try {
      body = JSON.parse(response.bodyText) as T;
    } catch {
      throw new UnexpectedResponseError(`Canvas returned malformed JSON (status ${response.status}).`, response.status);
    }

    return { status: response.status, body, links: parseLinkHeader(findLinkHeader(response.headers)) };
  }

  /** Follows redirects by hand so that `Authorization` is sent only to the instance origin. */
  private async sendFollowingRedirects(url: URL, signal: AbortSignal | undefined) {
    let target = url;
    for (let redirects = 0; ; redirects++) {
      const response = await this.send(target, signal);
      const location = headerValue(response.headers, 'location');
      if (response.status < 300 || response.status >= 400 || !location) {
        return response;
      }

      if (redirects >= maxRedirects) {
        throw new UnexpectedResponseError(`Canvas redirected more than ${maxRedirects} times.`, response.status);
      }

      target = new URL(location, target);
      this.logger?.debug(`redirect ${response.status} to ${target.origin}${target.pathname}`);
    }
  }

  private async send(url: URL, signal: AbortSignal | undefined) {
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': this.userAgent,
    };
    if (url.origin === this.origin) {
      headers.authorization = `Bearer ${this.token}`;
    }

    this.logger?.debug(`request headers: ${JSON.stringify({ ...headers, authorization: headers.authorization ? 'Bearer ***' : undefined })}`);

    const timeoutSignal = AbortSignal.timeout(this.requestTimeoutMs);
    const combinedSignal = signal ? AbortSignal.any([signal, timeoutSignal]) : timeoutSignal;
    try {
      const response = await request(url, { method: 'GET', headers, signal: combinedSignal, dispatcher: this.dispatcher });
      const bodyText = await response.body.text();
      return { status: response.statusCode, headers: response.headers, bodyText };
    } catch (error) {
      if (signal?.aborted) {
        throw error;
      }

      if (timeoutSignal.aborted) {
        throw new NetworkError(`The request to ${url.host} timed out after ${Math.round(this.requestTimeoutMs / 1000)} s.`);
      }

      if (isAbortError(error)) {
        throw error;
      }

      throw new NetworkError(`Could not reach ${url.host}: ${networkErrorText(error)}`);
    }
  }
}

/** The path and query of a URL for logs. Canvas links never carry the token, but a query key that looks like one is masked. */
export function describeUrl(url: URL): string {
  const safe = new URL(url.toString());
  for (const key of ['access_token', 'api_key', 'verifier']) {
    if (safe.searchParams.has(key)) {
      safe.searchParams.set(key, '***');
    }
  }

  return `${safe.pathname}${safe.search}`;
}

function networkErrorText(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${message} (${code})` : message;
}
