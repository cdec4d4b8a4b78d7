// Canvas's ordinal pagination: per_page clamping, page validation, the counted and
// uncounted collection rules, and the Link header format.
import { PageLink, PageLinks } from './responses';
import { rubyToInteger } from './rubyValues';

export const DEFAULT_PER_PAGE = 10;
export const MAX_PER_PAGE = 100;

/** Query parameters that never appear in Link URLs. */
const EXCLUDED_LINK_PARAMS = new Set(['page', 'per_page', 'access_token', 'api_key']);

export interface PageRequest {
  page: number;
  perPage: number;
}

export interface Page<T> {
  items: T[];
  pageLinks: PageLinks;
}

/** Reads per_page like Canvas: missing → 10, `to_i` of the value, clamped to 1..100. */
export function parsePerPage(value: string | null): number {
  if (value === null) {
    return DEFAULT_PER_PAGE;
  }
  const requested = rubyToInteger(value);
  return Math.min(MAX_PER_PAGE, Math.max(1, requested));
}

/** Reads an ordinal page number; returns undefined for 0, negative or non-numeric values (Canvas returns 404). */
export function parsePageRequest(query: URLSearchParams): PageRequest | undefined {
  const perPage = parsePerPage(query.get('per_page'));
  const pageValue = query.get('page');
  if (pageValue === null) {
    return { page: 1, perPage };
  }
  if (!/^\+?\d+$/.test(pageValue)) {
    return undefined;
  }
  const page = Number(pageValue);
  return page >= 1 ? { page, perPage } : undefined;
}

function sliceFor<T>(items: T[], request: PageRequest): T[] {
  const start = (request.page - 1) * request.perPage;
  return items.slice(start, start + request.perPage);
}

function ordinalLinks(page: number, nextPage: boolean, lastPage: number | undefined): PageLink[] {
  const links: PageLink[] = [{ rel: 'current', page: String(page) }];
  if (nextPage) {
    links.push({ rel: 'next', page: String(page + 1) });
  }
  if (page > 1) {
    links.push({ rel: 'prev', page: String(page - 1) });
  }
  links.push({ rel: 'first', page: '1' });
  if (lastPage !== undefined) {
    links.push({ rel: 'last', page: String(lastPage) });
  }
  return links;
}

/**
 * Counted collection (SIS import errors, direct sub-accounts): the total is known, so
 * `last` is always present. A page past the end is an empty page, not an error.
 */
export function paginateCounted<T>(items: T[], request: PageRequest): Page<T> {
  const totalPages = Math.max(1, Math.ceil(items.length / request.perPage));
  const links = ordinalLinks(request.page, request.page < totalPages, totalPages);
  return { items: sliceFor(items, request), pageLinks: { links, perPage: request.perPage } };
}

/**
 * Uncounted collection (SIS import list, recursive sub-accounts): Canvas never counts,
 * so a full page always advertises `next`. Only a short page (or an empty first page)
 * reveals the total, and then `last` names the current page.
 */
export function paginateUncounted<T>(items: T[], request: PageRequest): Page<T> {
  const pageItems = sliceFor(items, request);
  const isShort = pageItems.length < request.perPage;
  const totalKnown = isShort && (request.page === 1 || pageItems.length > 0);

  const links = totalKnown
    ? ordinalLinks(request.page, false, request.page)
    : ordinalLinks(request.page, true, undefined);
  return { items: pageItems, pageLinks: { links, perPage: request.perPage } };
}

/** Escapes like Ruby's CGI.escape: unreserved characters stay, space becomes `+`. */
function cgiEscape(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * Re-encodes the request's query the way Rails' Hash#to_query does: `key[]` parameters
 * become arrays, other repeated keys keep their last value, and the encoded pairs are
 * sorted. Paging and credential parameters are dropped.
 */
export function linkQuery(query: URLSearchParams): string {
  const scalars = new Map<string, string>();
  const arrays = new Map<string, string[]>();

  for (const [key, value] of query) {
    if (EXCLUDED_LINK_PARAMS.has(key)) {
      continue;
    }
    if (key.endsWith('[]')) {
      arrays.set(key, [...(arrays.get(key) ?? []), value]);
    } else {
      scalars.set(key, value);
    }
  }

  const parts = [...scalars].map(([key, value]) => `${cgiEscape(key)}=${cgiEscape(value)}`);
  for (const [key, values] of arrays) {
    parts.push(values.map((value) => `${cgiEscape(key)}=${cgiEscape(value)}`).join('&'));
  }
  return parts.sort().join('&');
}

/**
 * Builds the Link header value: `<URL>; rel="name"` entries joined by a bare comma,
 * each URL being the request URL without its query, the re-encoded query, then
 * `page=P&per_page=N` (the page value unescaped, as Canvas writes bookmarks).
 */
export function formatLinkHeader(requestUrl: URL, pageLinks: PageLinks): string {
  const query = linkQuery(requestUrl.searchParams);
  const base = `${requestUrl.origin}${requestUrl.pathname}?${query ? `${query}&` : ''}`;

  return pageLinks.links
    .map((link) => `<${base}page=${link.page}&per_page=${pageLinks.perPage}>; rel="${link.rel}"`)
    .join(',');
}
