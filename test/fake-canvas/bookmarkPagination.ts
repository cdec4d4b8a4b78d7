// Bookmark pagination, used by collections Canvas reads across shards (such as the
// accounts a user administers). Page values are opaque (`first`, `bookmark:<base64>`),
// and there is never a `prev` or `last` link.
//
// NOTE: Canvas's source was not checked for how GET /api/v1/accounts pages. Bookmark
// pages are the expected form, and a client that follows links works with either one.
import { Page, parsePerPage } from './pagination';
import { PageLink } from './responses';

const BOOKMARK_PREFIX = 'bookmark:';

function encodeBookmark(lastId: number): string {
  return BOOKMARK_PREFIX + Buffer.from(JSON.stringify([lastId])).toString('base64url');
}

/** Returns the id after which the page starts, 0 for the first page, or undefined if the value is not a bookmark. */
function decodeBookmark(page: string | null): number | undefined {
  if (page === null || page === 'first') {
    return 0;
  }
  if (!page.startsWith(BOOKMARK_PREFIX)) {
    return undefined;
  }
  try {
    const decoded: unknown = JSON.parse(Buffer.from(page.slice(BOOKMARK_PREFIX.length), 'base64url').toString('utf8'));
    const isValid = Array.isArray(decoded) && decoded.length === 1 && Number.isInteger(decoded[0]);
    return isValid ? (decoded[0] as number) : undefined;
  } catch {
    return undefined;
  }
}

/** Pages items ordered by id; returns undefined for a page value that is not a bookmark. */
export function paginateByBookmark<T extends { id: number }>(items: T[], query: URLSearchParams): Page<T> | undefined {
  const perPage = parsePerPage(query.get('per_page'));
  const pageValue = query.get('page');
  const afterId = decodeBookmark(pageValue);
  if (afterId === undefined) {
    return undefined;
  }

  const remaining = items.filter((item) => item.id > afterId);
  const pageItems = remaining.slice(0, perPage);

  const links: PageLink[] = [{ rel: 'current', page: pageValue ?? 'first' }];
  if (remaining.length > perPage) {
    links.push({ rel: 'next', page: encodeBookmark(pageItems[pageItems.length - 1].id) });
  }
  links.push({ rel: 'first', page: 'first' });

  return { items: pageItems, pageLinks: { links, perPage } };
}
