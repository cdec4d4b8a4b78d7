// What a route handler gets for one request.
import { Dataset, UserRecord } from './dataset';
import { ApiResponse } from './responses';

/** Server-wide behaviour switches that handlers read. */
export interface HandlerSettings {
  permissionStatus: 401 | 403;
  omitRowInfo: boolean;
  pendingErrorsAttachments: ReadonlySet<number>;
}

export interface RouteContext {
  dataset: Dataset;
  settings: HandlerSettings;
  /** The absolute request URL, with the host the client used. */
  url: URL;
  /** Decoded path segments captured by the route pattern. */
  params: string[];
  now: Date;
}

/** An API route's context: API routes run only for an authenticated user. */
export interface ApiContext extends RouteContext {
  user: UserRecord;
}

export interface ApiRoute {
  /** Matched against the path after `/api/v1/`; capture groups become `params`. */
  pattern: RegExp;
  handle(context: ApiContext): ApiResponse;
}
