// Fault injection: make the next matching requests fail the ways a real Canvas or the
// load balancer in front of it can.
import { ApiResponse, htmlResponse, jsonResponse } from './responses';

export interface Fault {
  /** Applies to requests whose path equals this string or matches this pattern. Default: every path. */
  path?: string | RegExp;
  /** How many matching requests this fault applies to. Default 1. */
  times?: number;
  /** Delay in milliseconds before the request is handled (after the throttle admitted it). */
  delayMs?: number;
  /** Status code to return instead of the real response. */
  status?: number;
  /**
   * Body of a status fault: an HTML error page (default), Canvas's JSON error body, or a JSON
   * body cut off midway, as when a proxy drops the end of a response.
   */
  body?: FaultBody;
  /** Return the real response, but with a Link header that cannot be parsed. */
  malformedLink?: boolean;
  /** Return the real response, but with Link URLs on this origin (`http://host:port`) instead of the server's. */
  linkOrigin?: string;
  /** Close the connection without sending a response. */
  resetConnection?: boolean;
}

export type FaultBody = 'html' | 'json' | 'malformedJson';

export const MALFORMED_LINK_HEADER = '<http://127.0.0.1/api/v1/broken; rel=next,<>; rel="';

export class FaultInjector {
  private readonly pending: Array<Fault & { remaining: number }> = [];

  add(fault: Fault): void {
    this.pending.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /** Removes one use of the first fault that matches the path and returns it. */
  take(path: string): Fault | undefined {
    const index = this.pending.findIndex((fault) => matches(fault.path, path));
    if (index < 0) {
      return undefined;
    }
    const fault = this.pending[index];
    fault.remaining -= 1;
    if (fault.remaining <= 0) {
      this.pending.splice(index, 1);
    }
    return fault;
  }
}

function matches(pattern: string | RegExp | undefined, path: string): boolean {
  if (pattern === undefined) {
    return true;
  }
  return typeof pattern === 'string' ? pattern === path : pattern.test(path);
}

const STATUS_TITLES: Record<number, string> = {
  200: 'Down for Maintenance',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function faultResponse(status: number, body: FaultBody = 'html'): ApiResponse {
  const errorBody = {
    errors: [{ message: 'An error occurred.', error_code: 'internal_server_error' }],
    error_report_id: 10000000048213,
  };
  if (body === 'json') {
    return jsonResponse(status, errorBody);
  }
  if (body === 'malformedJson') {
    const complete = JSON.stringify(errorBody);
    return { ...jsonResponse(status, errorBody), body: complete.slice(0, Math.floor(complete.length / 2)) };
  }
  const title = STATUS_TITLES[status] ?? `Error ${status}`;
  return htmlResponse(status, `${status} ${title}`, 'The server is temporarily unable to handle this request.');
}
