// A list that Canvas sends in pages, loaded one page at a time. No `vscode` import.
//
// A reload keeps the items of the last good load until the new first page arrives, so a
// failed refresh leaves what the user saw in place. Loads are single-flight, and a newer
// load or `cancel()` aborts the one in flight, which then changes nothing.

import { PageSequence } from '../canvas/pageCursor';

/** Opens a fresh page sequence; the signal aborts its requests. */
export type PageSource<T> = (signal: AbortSignal) => PageSequence<T>;

export type PagedListState = 'notLoaded' | 'loading' | 'loaded' | 'failed';

export class PagedList<T> {
  private currentItems: T[] = [];
  private pages?: PageSequence<T>;
  private more = false;
  private stale = true;
  private loadedOnce = false;
  private failure?: unknown;
  private inFlight?: Promise<void>;
  private controller?: AbortController;
  private cancellations = 0;

  constructor(private readonly source: PageSource<T>) {}

  get items(): readonly T[] {
    return this.currentItems;
  }

  /** True when Canvas has more pages after the loaded ones. */
  get hasMore(): boolean {
    return this.more;
  }

  /** The failure of the last load, cleared by the next successful one. */
  get lastError(): unknown {
    return this.failure;
  }

  get isLoading(): boolean {
    return this.inFlight !== undefined;
  }

  /** True once a first page has been loaded, even if a later reload failed. */
  get hasLoaded(): boolean {
    return this.loadedOnce;
  }

  /** True when the next `ensureLoaded()` will fetch the first page again. */
  get needsLoad(): boolean {
    return this.stale;
  }

  /**
   * Marks the list for reloading on its next use, keeping the current items until then. A load
   * in flight is aborted, because its result may reflect the state before the refresh.
   */
  invalidate(): void {
    this.stale = true;
    if (this.inFlight) {
      this.cancellations++;
      this.abortInFlight();
    }
  }

  /** Loads the first page when the list is new or invalidated; otherwise does nothing. */
  ensureLoaded(): Promise<void> {
    if (this.inFlight) {
      return this.inFlight;
    }

    return this.stale ? this.reload() : Promise.resolve();
  }

  /** Loads the first page of a fresh sequence, replacing the items only when it succeeds. */
  reload(): Promise<void> {
    this.abortInFlight();
    this.stale = false;
    const controller = new AbortController();
    this.controller = controller;
    let pages: PageSequence<T>;
    try {
      pages = this.source(controller.signal);
    } catch (error) {
      return this.track(Promise.reject(error), controller);
    }

    const load = async () => {
      const first = await pages.nextPage();
      if (controller.signal.aborted) {
        return;
      }

      this.pages = pages;
      this.currentItems = first ? [...first] : [];
      this.more = pages.hasMore;
      this.loadedOnce = true;
      this.failure = undefined;
    };

    return this.track(load(), controller);
  }

  /** Appends the next page; does nothing when no page remains. */
  loadNextPage(): Promise<void> {
    if (this.inFlight) {
      return this.inFlight;
    }

    if (!this.pages || !this.more) {
      return Promise.resolve();
    }

    const pages = this.pages;
    const controller = this.controller ?? new AbortController();
    const load = async () => {
      const next = await pages.nextPage();
      if (controller.signal.aborted) {
        return;
      }

      if (next) {
        this.currentItems = [...this.currentItems, ...next];
      }

      this.more = pages.hasMore;
      this.failure = undefined;
    };

    return this.track(load(), controller);
  }

  /** Loads every remaining page, reporting the item count after each page. */
  async loadAll(onPage?: (loadedCount: number) => void): Promise<void> {
    const cancellationsAtStart = this.cancellations;
    if (this.failure !== undefined && !this.inFlight) {
      // An earlier load failed: start again from the first page rather than report that old failure.
      this.stale = true;
    }

    await this.ensureLoaded();
    this.throwIfFailedOrCancelled(cancellationsAtStart);

    while (this.more) {
      await this.loadNextPage();
      this.throwIfFailedOrCancelled(cancellationsAtStart);
      onPage?.(this.currentItems.length);
    }
  }

  /**
   * Aborts the load in flight. The items of the last good load stay, and the next use
   * reloads from the first page, because an aborted page sequence cannot be resumed.
   */
  cancel(): void {
    this.cancellations++;
    if (this.inFlight) {
      this.abortInFlight();
      this.stale = true;
    }
  }

  private throwIfFailedOrCancelled(cancellationsAtStart: number): void {
    if (this.failure !== undefined) {
      throw this.failure;
    }

    if (this.cancellations !== cancellationsAtStart || this.stale) {
      const error = new Error('The load was cancelled.');
      error.name = 'AbortError';
      throw error;
    }
  }

  private abortInFlight(): void {
    this.controller?.abort();
    this.inFlight = undefined;
  }

  private track(load: Promise<void>, controller: AbortController): Promise<void> {
    const tracked = load
      .catch((error: unknown) => {
        if (!controller.signal.aborted) {
          this.failure = error;
        }
      })
      .finally(() => {
        if (this.inFlight === tracked) {
          this.inFlight = undefined;
        }
      });
    this.inFlight = tracked;
    return tracked;
  }
}
