/**
 * Widths (0–100 %) of a metric's before and after bars, both scaled to the larger value so
 * the longer bar fills the track. Sizes are magnitudes: a negative value draws as long as
 * its absolute value; two zeros draw nothing.
 */
export function barWidths(before: number, after: number): { before: number; after: number } {
  const b = Number.isFinite(before) ? Math.abs(before) : 0;
  const a = Number.isFinite(after) ? Math.abs(after) : 0;
  const max = Math.max(b, a);
  if (max === 0) return { before: 0, after: 0 };
  const pct = (v: number) => Math.round((v / max) * 10000) / 100;
  return { before: pct(b), after: pct(a) };
}

/** Width (0–100 %) of a count in a bar list scaled to the largest count. */
export function countWidth(count: number, max: number): number {
  if (max <= 0 || count <= 0) return 0;
  return Math.round((Math.min(count, max) / max) * 10000) / 100;
}
