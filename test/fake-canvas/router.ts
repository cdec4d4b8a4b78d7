// Dispatch of /api/v1 requests: authentication first (a bad token is rejected on any
// path), then the route table, then the user requirement of API routes.
import type * as http from 'node:http';

import { authenticate } from './auth';
import { ApiResponse, notFound, unauthenticated } from './responses';
import { ApiRoute, RouteContext } from './routeContext';
import { accountRoutes } from './routes/accounts';
import { sisImportErrorRoutes } from './routes/sisImportErrors';
import { sisImportRoutes } from './routes/sisImports';
import { userRoutes } from './routes/users';

const API_PREFIX = '/api/v1/';

/** Order matters: `sis_imports/importing` must come before `sis_imports/:id`. */
const API_ROUTES: ApiRoute[] = [...userRoutes, ...accountRoutes, ...sisImportRoutes, ...sisImportErrorRoutes];

interface RouteMatch {
  route: ApiRoute;
  params: string[];
}

function matchApiRoute(method: string, pathname: string): RouteMatch | undefined {
  if (method !== 'GET' || !pathname.startsWith(API_PREFIX)) {
    return undefined;
  }
  const apiPath = pathname.slice(API_PREFIX.length);

  for (const route of API_ROUTES) {
    const match = route.pattern.exec(apiPath);
    if (!match) {
      continue;
    }
    try {
      return { route, params: match.slice(1).map((segment) => decodeURIComponent(segment)) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function handleApiRequest(
  request: http.IncomingMessage,
  context: Omit<RouteContext, 'params'>,
): ApiResponse {
  const authentication = authenticate(context.dataset, request.headers, context.url.searchParams, context.now);
  if (authentication.kind === 'rejected') {
    return authentication.response;
  }

  const match = matchApiRoute(request.method ?? 'GET', context.url.pathname);
  if (!match) {
    return notFound();
  }
  if (authentication.kind === 'anonymous') {
    return unauthenticated();
  }
  return match.route.handle({ ...context, params: match.params, user: authentication.user });
}
