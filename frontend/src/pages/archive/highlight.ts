/** A highlighted span as the API sends it: offsets in Unicode code points of the text. */
export interface HighlightRange {
  start: number;
  length: number;
}

/** A piece of text, marked or not. */
export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * Cuts `text` into plain and marked pieces from the API's highlight ranges. Offsets count
 * code points (not UTF-16 units), so text outside the Basic Multilingual Plane stays whole.
 * Ranges that overlap or touch become one mark; ranges that start outside the text, are
 * empty, negative or not whole numbers are ignored, and a range running past the end is cut
 * at the end. Joining the pieces always gives `text` back.
 */
export function highlightSegments(text: string, ranges: readonly HighlightRange[] | null | undefined): Segment[] {
  const chars = Array.from(text);
  const valid = (ranges ?? [])
    .filter(
      (r) =>
        Number.isInteger(r.start) && Number.isInteger(r.length) && r.start >= 0 && r.length > 0 && r.start < chars.length,
    )
    .map((r) => [r.start, Math.min(chars.length, r.start + r.length)] as [number, number])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);

  const merged: [number, number][] = [];
  for (const [start, end] of valid) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }

  const out: Segment[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) out.push({ text: chars.slice(at, start).join(""), mark: false });
    out.push({ text: chars.slice(start, end).join(""), mark: true });
    at = end;
  }
  if (at < chars.length || out.length === 0) out.push({ text: chars.slice(at).join(""), mark: false });
  return out;
}
