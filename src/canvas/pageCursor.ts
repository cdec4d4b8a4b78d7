// Reading a Canvas list one page at a time, knowing after each page whether another follows.
import { CanvasClient, RequestOptions } from './client';

/** A list read page by page. `hasMore` is false once Canvas has sent its last page. */
export interface PageSequence<T> {
  readonly hasMore: boolean;
  /** Returns the next page, or undefined when no page remains. */
  nextPage(): Promise<T[] | undefined>;
}

/**
 * Follows Canvas's `next` links. The list ends at a page without `next` or at an empty page:
 * Canvas advertises `next` after a full last page of uncounted lists, so only the empty
 * page that follows marks the end there.
 */
export class PageCursor<T> implements PageSequence<T> {
  private nextUrl?: string;
  private started = false;
  private finished = false;

  constructor(
    private readonly client: CanvasClient,
    private readonly path: string,
    private readonly query: Record<string, string | number>,
    private readonly readPage: (body: unknown) => T[],
    private readonly options: Pick<RequestOptions, 'signal' | 'onRetryWait'> = {},
  ) {}

  get hasMore(): boolean {
    return !this.finished;
  }

  async nextPage(): Promise<T[] | undefined> {
    if (this.finished) {
      return undefined;
    }

    const response = this.started
      ? await this.client.getJson<unknown>(this.nextUrl!, this.options)
      : await this.client.getJson<unknown>(this.path, { ...this.options, query: this.query });
    this.started = true;

    const page = this.readPage(response.body);
    this.nextUrl = response.links.next;
    if (!this.nextUrl || page.length === 0) {
      this.finished = true;
    }

    return page.length > 0 ? page : undefined;
  }
}

/** Turns a page sequence into an async iterable of its non-empty pages. */
export async function* iteratePages<T>(sequence: PageSequence<T>): AsyncGenerator<T[]> {
  for (;;) {
    const page = await sequence.nextPage();
    if (!page) {
      return;
    }

    yield page;
  }
}
