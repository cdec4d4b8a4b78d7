import type * as http from 'node:http';

/** One request as the server received it, for tests to inspect. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
}

export function recordRequest(request: http.IncomingMessage, url: URL): RecordedRequest {
  return {
    method: request.method ?? 'GET',
    path: url.pathname,
    query: new URLSearchParams(url.searchParams),
    headers: { ...request.headers },
  };
}
