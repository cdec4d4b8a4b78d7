// Parsing of the RFC 8288 `Link` header that Canvas uses for pagination.
// Canvas joins entries with a bare comma: `<url>; rel="current",<url>; rel="next",...`.

/** The URLs of a `Link` header, keyed by relation type (`current`, `next`, `prev`, `first`, `last`). */
export type PageLinks = Partial<Record<string, string>>;

/**
 * Parses a `Link` header value into its relations. Entries with a malformed URL part are
 * skipped; a relation listing several types (`rel="next last"`) is stored under each.
 */
export function parseLinkHeader(header: string | undefined | null): PageLinks {
  const links: PageLinks = {};
  if (!header) {
    return links;
  }

  const entryPattern = /<([^>]*)>((?:\s*;\s*[^;,]+)*)/g;
  for (const match of header.matchAll(entryPattern)) {
    const url = match[1].trim();
    const relations = readRelations(match[2]);
    for (const relation of relations) {
      if (!(relation in links)) {
        links[relation] = url;
      }
    }
  }

  return links;
}

/** Reads the `rel` parameter of one Link entry, for example `; rel="next"` → `['next']`. */
function readRelations(parameters: string): string[] {
  const relPattern = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i;
  const match = relPattern.exec(parameters);
  if (!match) {
    return [];
  }

  const value = match[1] ?? match[2] ?? '';
  return value.toLowerCase().split(/\s+/).filter((relation) => relation.length > 0);
}

/** Finds the `Link` header in a header record whose names may be in any case. */
export function findLinkHeader(headers: Record<string, string | string[] | undefined>): string | undefined {
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'link') {
      return Array.isArray(value) ? value.join(',') : value;
    }
  }

  return undefined;
}

/**
 * True when every entry of a Link header has the form `<url>; name="value"` (or an unquoted
 * value). A header that fails this check would silently cut a list short, so callers reject it.
 */
export function isWellFormedLinkHeader(header: string): boolean {
  const entries = header.split(/,(?=\s*<)/);
  const entryPattern = /^\s*<[^<>\s]+>(\s*;\s*[a-z*-]+\s*=\s*("[^"]*"|[^;,\s"]+))*\s*$/i;
  return entries.every((entry) => entryPattern.test(entry));
}
