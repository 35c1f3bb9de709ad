import { useCallback, useEffect, useState } from "react";

export type LoadState<T> =
  | { status: "loading" }
  | { status: "ok"; data: T }
  | { status: "error"; error: unknown; httpStatus: number | null };

type Fetched<T> = { data?: T; error?: unknown; response: Response };

/** Runs an openapi-fetch call on mount (and on reload()), tracking loading and errors. */
export function useLoad<T>(load: () => Promise<Fetched<T>>): LoadState<T> & { reload: () => void } {
  const [state, setState] = useState<LoadState<T>>({ status: "loading" });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    // A reload keeps showing the previous data until the new data arrives.
    load().then(
      ({ data, error, response }) => {
        if (!live) return;
        if (data !== undefined) setState({ status: "ok", data });
        else setState({ status: "error", error, httpStatus: response.status });
      },
      (error: unknown) => live && setState({ status: "error", error, httpStatus: null }),
    );
    return () => {
      live = false;
    };
    // `load` is expected to change only when its inputs do (wrap it in useCallback).
  }, [load, round]);

  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
