import type { Agency } from "../api/types";

export interface AgencyNode {
  agency: Agency;
  depth: number;
}

/**
 * Orders agencies as a depth-first tree (each parent followed by its children, siblings in
 * API order). With `roots`, only those agencies and their descendants are kept. Agencies
 * whose parent is unknown are treated as roots so nothing silently disappears.
 */
export function agencyTree(agencies: readonly Agency[], roots?: readonly string[]): AgencyNode[] {
  const ids = new Set(agencies.map((a) => a.id));
  const children = new Map<string | null, Agency[]>();
  for (const agency of agencies) {
    const parent = agency.parentId && ids.has(agency.parentId) ? agency.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(agency);
    children.set(parent, list);
  }
  const out: AgencyNode[] = [];
  const seen = new Set<string>();
  const walk = (agency: Agency, depth: number) => {
    if (seen.has(agency.id)) return; // guards against cycles in bad data
    seen.add(agency.id);
    out.push({ agency, depth });
    for (const child of children.get(agency.id) ?? []) walk(child, depth + 1);
  };
  if (roots) {
    for (const id of roots) {
      const agency = agencies.find((a) => a.id === id);
      if (agency) walk(agency, 0);
    }
  } else {
    for (const agency of children.get(null) ?? []) walk(agency, 0);
  }
  return out;
}
