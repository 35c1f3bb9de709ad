import { useEffect, useState } from "react";
import type { Names } from "./labels";

const NONE: Names = new Map();

/**
 * Names for the ids an audit log mentions, looked up once `load` resolves. The log is
 * readable without them (ids show shortened), so a failed lookup is ignored.
 */
export function useNames(load: () => Promise<Iterable<readonly [string, string]>>): Names {
  const [names, setNames] = useState<Names>(NONE);
  useEffect(() => {
    let live = true;
    load().then(
      (pairs) => {
        if (live) setNames(new Map(pairs));
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [load]);
  return names;
}

/** Runs a lookup and gives its pairs, or none when it fails. */
export async function pairsOf<T>(request: Promise<{ data?: T }>, pick: (data: T) => Iterable<readonly [string, string]>): Promise<(readonly [string, string])[]> {
  try {
    const { data } = await request;
    return data === undefined ? [] : [...pick(data)];
  } catch {
    return [];
  }
}
