// A fake Canvas LMS server for tests and the demo: the SIS import and account parts of
// the REST API, with Canvas's pagination, authentication, error bodies, throttling and
// file downloads through a second origin. Listens on 127.0.0.1 only.
import * as http from 'node:http';
import { AddressInfo } from 'node:net';

import { Dataset } from './dataset';
import { Fault, FaultInjector, MALFORMED_LINK_HEADER, faultResponse } from './faults';
import { formatLinkHeader } from './pagination';
import { RecordedRequest, recordRequest } from './recording';
import { ApiResponse, PageLinks, rateLimitExceeded, userAgentRequired } from './responses';
import { readAccessToken } from './auth';
import { handleApiRequest } from './router';
import { HandlerSettings } from './routeContext';
import { handleSiteRequest } from './routes/files';
import { loadSampleDataset } from './sampleDataset';
import { StorageHost } from './storage';
import { RequestThrottle, ThrottleCharge, ThrottleOptions, resolveThrottleOptions } from './throttle';

export type { RecordedRequest } from './recording';
export type { Fault } from './faults';
export type { ThrottleOptions } from './throttle';
export type { Dataset } from './dataset';
export { loadSampleDataset } from './sampleDataset';

export interface FakeCanvasOptions {
  /** 0 (default) picks a free port. The server always binds 127.0.0.1. */
  port?: number;
  /** Default: loadSampleDataset(). */
  dataset?: Dataset;
  /** Status of the "user not authorized" body: 401 on older Canvas, 403 (default) on newer. */
  permissionStatus?: 401 | 403;
  /** Send every header name in lower case (`link`), as hosted Canvas has since 2024. Default false. */
  lowercaseLinkHeader?: boolean;
  /** Emulate old Canvas versions whose import errors lack the `row_info` key. Default false. */
  omitRowInfo?: boolean;
  /** Reject API requests without a User-Agent header with 403. Default true. */
  requireUserAgent?: boolean;
  /** The server's clock for token expiry, error retention and verifiers. Default: the data set's fixed `now`. */
  now?: () => Date;
  /** Leaky-bucket throttling; reported in headers always, enforced only when `enabled`. */
  throttle?: ThrottleOptions;
  /** SIS import ids whose errors CSV is not written yet, so `errors_attachment` is still missing. */
  pendingErrorsAttachments?: number[];
}

export interface FakeCanvas {
  /** `http://127.0.0.1:<port>`, without a trailing slash. */
  baseUrl: string;
  /** Every request the Canvas origin received, in order. */
  requests: RecordedRequest[];
  dataset: Dataset;
  /** The separate file-storage origin that downloads redirect to. */
  storageBaseUrl: string;
  storageRequests: RecordedRequest[];
  /** Makes the next matching request(s) fail; see Fault. */
  injectFault(fault: Fault): void;
  close(): Promise<void>;
}

interface ServerParts {
  dataset: Dataset;
  settings: HandlerSettings;
  now: () => Date;
  requireUserAgent: boolean;
  lowercaseHeaders: boolean;
  throttle: RequestThrottle;
  faults: FaultInjector;
  storage: StorageHost;
  requests: RecordedRequest[];
  fallbackHost: () => string;
}

function delay(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

function throttleKey(request: http.IncomingMessage, url: URL): string {
  const token = readAccessToken(request.headers, url.searchParams);
  return token !== undefined ? `token:${token}` : `address:${request.socket.remoteAddress ?? ''}`;
}

function writeResponse(
  parts: ServerParts,
  response: http.ServerResponse,
  result: ApiResponse,
  url: URL,
  charge: ThrottleCharge | undefined,
  fault?: Fault,
): void {
  const headers: Record<string, string> = { ...result.headers };
  if (result.pageLinks) {
    headers.Link = linkHeader(url, result.pageLinks, fault);
  }
  if (charge) {
    headers['X-Request-Cost'] = charge.cost.toFixed(6);
    headers['X-Rate-Limit-Remaining'] = charge.remaining.toFixed(6);
  }

  const body = typeof result.body === 'string' ? Buffer.from(result.body) : result.body;
  headers['Content-Length'] = String(body.length);

  for (const [name, value] of Object.entries(headers)) {
    response.setHeader(parts.lowercaseHeaders ? name.toLowerCase() : name, value);
  }
  response.writeHead(result.status);
  response.end(body);
}

/** Builds the Link header, malformed or pointing to another origin when the fault requests it. */
function linkHeader(url: URL, pageLinks: PageLinks, fault: Fault | undefined): string {
  if (fault?.malformedLink) {
    return MALFORMED_LINK_HEADER;
  }
  const linkBase = fault?.linkOrigin ? new URL(`${url.pathname}${url.search}`, fault.linkOrigin) : url;
  return formatLinkHeader(linkBase, pageLinks);
}

async function handleRequest(parts: ServerParts, request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', `http://${request.headers.host ?? parts.fallbackHost()}`);
  parts.requests.push(recordRequest(request, url));

  // Load-balancer faults apply before the Canvas application handles the request.
  const fault = parts.faults.take(url.pathname);
  if (fault?.resetConnection) {
    request.socket.destroy();
    return;
  }
  if (fault?.status !== undefined) {
    writeResponse(parts, response, faultResponse(fault.status, fault.body), url, undefined);
    return;
  }

  const isApi = url.pathname.startsWith('/api/');
  if (isApi && parts.requireUserAgent && !request.headers['user-agent']) {
    writeResponse(parts, response, userAgentRequired(), url, undefined);
    return;
  }

  const ticket = parts.throttle.start(throttleKey(request, url));
  if (!ticket) {
    writeResponse(parts, response, rateLimitExceeded(parts.throttle.status), url, undefined);
    return;
  }
  if (fault?.delayMs) {
    await delay(fault.delayMs);
  }

  const context = { dataset: parts.dataset, settings: parts.settings, url, now: parts.now() };
  const result = isApi
    ? handleApiRequest(request, context)
    : handleSiteRequest({ ...context, params: [], storage: parts.storage });
  writeResponse(parts, response, result, url, ticket.finish(), fault);
}

/** Starts the fake Canvas and its storage origin; resolves once both listen. */
export async function startFakeCanvas(options: FakeCanvasOptions = {}): Promise<FakeCanvas> {
  const dataset = options.dataset ?? loadSampleDataset();
  const now = options.now ?? (() => new Date(dataset.now));
  const storage = new StorageHost(now);
  await storage.start();

  let baseUrl = '';
  const parts: ServerParts = {
    dataset,
    settings: {
      permissionStatus: options.permissionStatus ?? 403,
      omitRowInfo: options.omitRowInfo ?? false,
      pendingErrorsAttachments: new Set(options.pendingErrorsAttachments ?? []),
    },
    now,
    requireUserAgent: options.requireUserAgent ?? true,
    lowercaseHeaders: options.lowercaseLinkHeader ?? false,
    throttle: new RequestThrottle(resolveThrottleOptions(options.throttle)),
    faults: new FaultInjector(),
    storage,
    requests: [],
    fallbackHost: () => new URL(baseUrl).host,
  };

  const server = http.createServer((request, response) => {
    handleRequest(parts, request, response).catch((error: unknown) => {
      // A bug in the fake should fail the test loudly, not hang the client.
      console.error(`fake Canvas: handler for ${request.method ?? ''} ${request.url ?? ''} failed`, error);
      if (response.headersSent) {
        response.destroy();
        return;
      }
      writeResponse(parts, response, faultResponse(500, 'json'), new URL('http://127.0.0.1/'), undefined);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    baseUrl,
    requests: parts.requests,
    dataset,
    storageBaseUrl: storage.baseUrl,
    storageRequests: storage.requests,
    injectFault: (fault) => parts.faults.add(fault),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await storage.close();
    },
  };
}
