// Pages outside the API: file downloads by verifier, the login page that Canvas sends
// unauthenticated browsers to, and an HTML 404 for everything else.
import { findFile, verifierAccepts } from '../files';
import { ApiResponse, htmlResponse, pageNotFound, redirectResponse } from '../responses';
import { RouteContext } from '../routeContext';
import { StorageHost } from '../storage';

export interface SiteContext extends RouteContext {
  storage: StorageHost;
}

/**
 * Handles GET /files/:id/download?download_frd=1&verifier=V. A valid verifier redirects
 * to the storage origin. A missing, wrong or expired one redirects to the login page,
 * as Canvas does for a browser without a session.
 */
function downloadFile(context: SiteContext, fileId: number): ApiResponse {
  const file = findFile(context.dataset, fileId);
  if (!file) {
    return pageNotFound();
  }

  const verifier = context.url.searchParams.get('verifier') ?? '';
  if (!verifierAccepts(file, verifier, context.now)) {
    return redirectResponse(`${context.url.origin}/login/canvas`);
  }
  if (context.url.searchParams.get('download_frd') !== '1') {
    return htmlResponse(200, file.filename, 'This file is ready to download.');
  }
  return redirectResponse(context.storage.signedUrlFor(file));
}

export function handleSiteRequest(context: SiteContext): ApiResponse {
  const path = context.url.pathname;

  const download = /^\/files\/(\d+)\/download$/.exec(path);
  if (download) {
    return downloadFile(context, Number(download[1]));
  }
  if (path === '/login/canvas') {
    return htmlResponse(200, 'Log In to Canvas', 'Enter your email and password to log in.');
  }
  return pageNotFound();
}
