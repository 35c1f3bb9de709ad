import { useCallback, useEffect, useRef, useState } from "react";

/** What an openapi-fetch call answers. */
type Fetched<D> = { data?: D; error?: unknown; response: Response };

/** A page of any cursor list of the API: its items (or ranking rows) and the next cursor. */
export type CursorPage = { nextCursor?: string };

export type MoreState = { busy: boolean; failure: { error: unknown; httpStatus: number | null } | null };

export type CursorListState<D, T> =
  | { status: "loading" }
  | { status: "error"; error: unknown; httpStatus: number | null }
  | {
      status: "ok";
      /** Every item loaded so far, in the list's order. */
      items: T[];
      /** The latest page's answer, for what a list says besides its items (counts, totals). */
      data: D;
      hasMore: boolean;
    };

export type CursorList<D, T> = CursorListState<D, T> & {
  /** A first page is on its way (while the previous list may still be shown, see keepPrevious). */
  busy: boolean;
  more: MoreState;
  /** Loads the next page; resolves to how many items it added (0 at the end or on failure). */
  loadMore: () => Promise<number>;
  /** Loads the list again from its first page, keeping the current items until it arrives. */
  reload: () => void;
};

/**
 * The one way the web app reads a list the API pages (`cursor`, `limit`, `nextCursor`): the
 * first page on mount and whenever `fetchPage` changes (wrap it in useCallback with the
 * list's filters), then one page more per loadMore(). Answers to an earlier filter or an
 * earlier reload that arrive late are dropped.
 */
export function useCursorList<D extends CursorPage, T>(
  fetchPage: (cursor: string | undefined) => Promise<Fetched<D>>,
  itemsOf: (data: D) => T[],
  options: {
    /** Keep showing the previous list while another one (other filters) loads, as a search does. */
    keepPrevious?: boolean;
  } = {},
): CursorList<D, T> {
  const [state, setState] = useState<CursorListState<D, T>>({ status: "loading" });
  const [busy, setBusy] = useState(true);
  const keepPrevious = options.keepPrevious ?? false;
  const [more, setMore] = useState<MoreState>({ busy: false, failure: null });
  const [round, setRound] = useState(0);
  const seq = useRef(0);
  const pick = useRef(itemsOf);
  pick.current = itemsOf;
  // The state loadMore continues from, without waiting for a render.
  const current = useRef<{ items: T[]; next?: string; busy: boolean }>({ items: [], busy: false });

  const lastFetch = useRef(fetchPage);
  useEffect(() => {
    const id = ++seq.current;
    // A new list (other filters) starts from "loading"; a reload keeps what is shown.
    if (lastFetch.current !== fetchPage && !keepPrevious) setState({ status: "loading" });
    lastFetch.current = fetchPage;
    setBusy(true);
    setMore({ busy: false, failure: null });
    // A page more of the previous list is of no use any longer.
    current.current = { ...current.current, next: undefined, busy: false };
    fetchPage(undefined).then(
      ({ data, error, response }) => {
        if (id !== seq.current) return;
        setBusy(false);
        if (data !== undefined) {
          const items = pick.current(data);
          current.current = { items, next: data.nextCursor, busy: false };
          setState({ status: "ok", items, data, hasMore: Boolean(data.nextCursor) });
        } else {
          setState({ status: "error", error, httpStatus: response.status });
        }
      },
      (error: unknown) => {
        if (id !== seq.current) return;
        setBusy(false);
        setState({ status: "error", error, httpStatus: null });
      },
    );
  }, [fetchPage, round, keepPrevious]);

  const loadMore = useCallback(async (): Promise<number> => {
    const at = current.current;
    if (!at.next || at.busy) return 0;
    const id = seq.current;
    at.busy = true;
    setMore({ busy: true, failure: null });
    try {
      const { data, error, response } = await fetchPage(at.next);
      if (id !== seq.current) return 0;
      if (data === undefined) {
        at.busy = false;
        setMore({ busy: false, failure: { error, httpStatus: response.status } });
        return 0;
      }
      const added = pick.current(data);
      const items = [...at.items, ...added];
      current.current = { items, next: data.nextCursor, busy: false };
      setState({ status: "ok", items, data, hasMore: Boolean(data.nextCursor) });
      setMore({ busy: false, failure: null });
      return added.length;
    } catch (error) {
      if (id === seq.current) {
        at.busy = false;
        setMore({ busy: false, failure: { error, httpStatus: null } });
      }
      return 0;
    }
  }, [fetchPage]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, busy, more, loadMore, reload };
}

/**
 * Every item of a paged list, page after page, for the few places that need a whole list
 * to look names up (at most `maxPages` pages, so a huge list cannot stall a page).
 */
export async function fetchAllPages<D extends CursorPage, T>(
  fetchPage: (cursor: string | undefined) => Promise<{ data?: D }>,
  itemsOf: (data: D) => T[],
  maxPages = 20,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const { data } = await fetchPage(cursor);
    if (data === undefined) break;
    out.push(...itemsOf(data));
    cursor = data.nextCursor;
    if (!cursor) break;
  }
  return out;
}
