import * as assert from 'node:assert/strict';

import { PageSequence } from '../../src/canvas/pageCursor';
import { PagedList } from '../../src/tree/pagedList';

/** Creates a page source over fixed pages. `failAt` makes the request for that page index fail. */
function pagesOf(pages: number[][], failAt?: number) {
  const opened: AbortSignal[] = [];
  const source = (signal: AbortSignal): PageSequence<number> => {
    opened.push(signal);
    let index = 0;
    return {
      get hasMore() {
        return index < pages.length;
      },
      async nextPage() {
        await Promise.resolve();
        if (signal.aborted) {
          const error = new Error('aborted');
          error.name = 'AbortError';
          throw error;
        }

        if (index === failAt) {
          throw new Error(`page ${index} failed`);
        }

        if (index >= pages.length) {
          return undefined;
        }

        return pages[index++];
      },
    };
  };
  return { source, opened };
}

describe('PagedList', () => {
  it('loads only the first page first', async () => {
    const list = new PagedList(pagesOf([[1, 2], [3, 4], [5]]).source);

    await list.ensureLoaded();

    assert.deepEqual(list.items, [1, 2]);
    assert.equal(list.hasMore, true);
    assert.equal(list.hasLoaded, true);
  });

  it('appends pages until the end', async () => {
    const list = new PagedList(pagesOf([[1, 2], [3, 4], [5]]).source);
    await list.ensureLoaded();

    await list.loadNextPage();
    assert.deepEqual(list.items, [1, 2, 3, 4]);
    await list.loadNextPage();

    assert.deepEqual(list.items, [1, 2, 3, 4, 5]);
    assert.equal(list.hasMore, false);
  });

  it('loadAll reports progress', async () => {
    const list = new PagedList(pagesOf([[1], [2], [3]]).source);
    const counts: number[] = [];

    await list.loadAll((count) => counts.push(count));

    assert.deepEqual(list.items, [1, 2, 3]);
    assert.deepEqual(counts, [2, 3]);
  });

  it('keeps items when a reload fails', async () => {
    let fail = false;
    const list = new PagedList((signal) => (fail ? pagesOf([[9]], 0) : pagesOf([[1, 2]])).source(signal));
    await list.ensureLoaded();

    fail = true;
    list.invalidate();
    await list.ensureLoaded();

    assert.deepEqual(list.items, [1, 2]);
    assert.match(String(list.lastError), /page 0 failed/);
  });

  it('clears the failure after a good reload', async () => {
    let fail = true;
    const list = new PagedList((signal) => (fail ? pagesOf([[9]], 0) : pagesOf([[7]])).source(signal));
    await list.ensureLoaded();
    assert.equal(list.hasLoaded, false);

    fail = false;
    await list.reload();

    assert.deepEqual(list.items, [7]);
    assert.equal(list.lastError, undefined);
  });

  it('shares one load between callers', async () => {
    const pages = pagesOf([[1]]);
    const list = new PagedList(pages.source);

    await Promise.all([list.ensureLoaded(), list.ensureLoaded(), list.ensureLoaded()]);

    assert.equal(pages.opened.length, 1);
  });

  it('cancel leaves no half-filled list', async () => {
    const pages = pagesOf([[1, 2], [3]]);
    const list = new PagedList(pages.source);
    await list.ensureLoaded();

    const loading = list.loadNextPage();
    list.cancel();
    await loading;

    assert.deepEqual(list.items, [1, 2]);
    assert.equal(pages.opened[0].aborted, true);
    assert.equal(list.needsLoad, true);
    assert.equal(list.lastError, undefined);
  });

  it('loadAll rejects when cancelled', async () => {
    const list = new PagedList(pagesOf([[1], [2], [3]]).source);
    await list.ensureLoaded();

    const loading = list.loadAll();
    list.cancel();

    await assert.rejects(loading, { name: 'AbortError' });
  });

  it('reports an empty first page as no more', async () => {
    const list = new PagedList(pagesOf([]).source);

    await list.ensureLoaded();

    assert.deepEqual(list.items, []);
    assert.equal(list.hasMore, false);
  });

  it('invalidate aborts the load in flight', async () => {
    const pages = pagesOf([[1], [2]]);
    const list = new PagedList(pages.source);

    const first = list.ensureLoaded();
    list.invalidate();
    await first;
    await list.ensureLoaded();

    assert.equal(pages.opened.length, 2);
    assert.equal(pages.opened[0].aborted, true);
    assert.deepEqual(list.items, [1]);
  });

  it('records a failure when the source throws', async () => {
    let fail = true;
    const list = new PagedList((signal) => {
      if (fail) {
        throw new Error('no client');
      }

      return pagesOf([[4]]).source(signal);
    });

    await list.ensureLoaded();
    assert.match(String(list.lastError), /no client/);

    fail = false;
    list.invalidate();
    await list.ensureLoaded();
    assert.deepEqual(list.items, [4]);
  });

  it('loadAll retries after a failed page', async () => {
    let failNext = true;
    const list = new PagedList((signal) => {
      const inner = pagesOf([[1], [2], [3]]).source(signal);
      let served = 0;
      return {
        get hasMore() {
          return inner.hasMore;
        },
        async nextPage() {
          served++;
          if (served === 2 && failNext) {
            failNext = false;
            throw new Error('page 2 failed once');
          }

          return inner.nextPage();
        },
      };
    });
    await list.ensureLoaded();
    await list.loadNextPage();
    assert.match(String(list.lastError), /failed once/);

    await list.loadAll();

    assert.deepEqual(list.items, [1, 2, 3]);
    assert.equal(list.lastError, undefined);
  });
});
