import { jsonResponse } from '../responses';
import { ApiRoute } from '../routeContext';
import { selfUserJson } from '../serializers';

export const userRoutes: ApiRoute[] = [
  {
    pattern: /^users\/self$/,
    handle: (context) => jsonResponse(200, selfUserJson(context.user, context.url.origin)),
  },
];
