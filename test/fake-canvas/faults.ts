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
  /** Body of a status fault: an HTML error page (default) or Canvas's JSON error body. */
  body?: 'html' | 'json';
  /** Return the real response, but with a Link header that cannot be parsed. */
  malformedLink?: boolean;
  /** Close the connection without sending a response. */
  resetConnection?: boolean;
}

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
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function faultResponse(status: number, body: 'html' | 'json' = 'html'): ApiResponse {
  if (body === 'json') {
    return jsonResponse(status, {
      errors: [{ message: 'An error occurred.', error_code: 'internal_server_error' }],
      error_report_id: 10000000048213,
    });
  }
  const title = STATUS_TITLES[status] ?? `Error ${status}`;
  return htmlResponse(status, `${status} ${title}`, 'The server is temporarily unable to handle this request.');
}
