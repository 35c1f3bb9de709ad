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

/** True when the stage has a citizen panel share and no member scored the case. */
export function lacksPanelScore(p: ScoreParts): boolean {
  return p.panelShare > 0 && p.panelScore === null;
}

/**
 * The stage score the parts give: each score weighted by its share. A case without a panel
 * score blends the other parts, the panel's share going to them in proportion to their own
 * (the server's rule, docs/citizen-participation.md); with nothing else to blend the
 * judges' score stands.
 */
export function blendedScore(p: ScoreParts): number {
  if (lacksPanelScore(p)) {
    const rest = p.judgeShare + p.voteShare;
    return rest > 0 ? (p.judgeScore * p.judgeShare + p.voteScore * p.voteShare) / rest : p.judgeScore;
  }
  return (p.judgeScore * p.judgeShare + (p.panelScore ?? 0) * p.panelShare + p.voteScore * p.voteShare) / 100;
}
