import { Fragment } from "react";
import { highlightSegments, type HighlightRange } from "./highlight";

/**
 * Text with the search matches wrapped in <mark>. Built from React text nodes only, so the
 * text can never inject markup.
 */
export function Highlighted({ text, ranges }: { text: string; ranges?: readonly HighlightRange[] | null | undefined }) {
  return (
    <>
      {highlightSegments(text, ranges).map((s, i) =>
        s.mark ? <mark key={i}>{s.text}</mark> : <Fragment key={i}>{s.text}</Fragment>,
      )}
    </>
  );
}
