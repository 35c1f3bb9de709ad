/**
 * How a stage's score was made when a public vote or a citizen panel has a share of it:
 * the results carry the judges', the panel's and the vote's parts as `components`.
 */
import type { components } from "../../api/schema";

export type ScoreParts = components["schemas"]["ScoreComponents"];

/** The parts worth showing: null when the stage had neither a vote share nor a panel share. */
export function scorePartsOf(parts: ScoreParts | undefined): ScoreParts | null {
  if (!parts || (parts.voteShare <= 0 && parts.panelShare <= 0)) return null;
  return parts;
}

/** The stage score the parts give: each score weighted by its share. */
export function blendedScore(p: ScoreParts): number {
  return (p.judgeScore * p.judgeShare + p.panelScore * p.panelShare + p.voteScore * p.voteShare) / 100;
}
