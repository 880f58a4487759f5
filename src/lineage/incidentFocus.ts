import { isUnhealthy } from '../rules/rootCauses';
import { LineageGraph } from './lineageGraph';

/** Bits of an incident focus mask: the root, its impacted assets, and healthy assets on a path between them. */
export const INCIDENT = { root: 1, impacted: 2, path: 4 } as const;

/**
 * One incident focused on the lineage page: its root cause and the unhealthy assets downstream of it
 * (the `incidents` query's "impacted"), computed from the graph on screen. Everything else is dimmed.
 */
export interface IncidentFocus {
  root: number;
  /** Unhealthy descendants of the root, in node order. */
  impacted: number[];
  /** Per node: INCIDENT bits (0 = dimmed). Healthy assets between the root and an impacted one are `path`. */
  nodeMask: Uint8Array;
  /** Per edge: 1 when it lies on a path from the root to an impacted asset. */
  edgeMask: Uint8Array;
  /** Lit nodes (root, impacted, path), for the camera. */
  lit: number[];
}

/**
 * The focus of the incident rooted at `rootId`, or undefined when that asset is not in the graph or
 * is healthy (its incident is over or it is outside the range). O(reached nodes + their edges):
 * one walk down from the root, one walk back up from the impacted assets inside what was reached.
 */
export function incidentFocus(g: LineageGraph, rootId: string): IncidentFocus | undefined {
  const root = g.index.get(rootId);
  if (root === undefined || !isUnhealthy(g.nodes[root].status)) {
    return undefined;
  }
  const n = g.nodes.length;
  const below = new Uint8Array(n);
  below[root] = 1;
  const reached: number[] = [];
  for (let queue = [root]; queue.length;) {
    const next: number[] = [];
    for (const u of queue) {
      for (let k = g.downStart[u]; k < g.downStart[u + 1]; k++) {
        const v = g.edgeTarget[g.downEdge[k]];
        if (!below[v]) {
          below[v] = 1;
          reached.push(v);
          next.push(v);
        }
      }
    }
    queue = next;
  }
  const impacted = reached.filter((v) => isUnhealthy(g.nodes[v].status)).sort((a, b) => a - b);
  const nodeMask = new Uint8Array(n);
  const edgeMask = new Uint8Array(g.edgeSource.length);
  nodeMask[root] = INCIDENT.root;
  impacted.forEach((v) => (nodeMask[v] = INCIDENT.impacted));
  // Back up from the impacted assets, staying inside the root's descendants: the paths root → impacted.
  const onPath = new Uint8Array(n);
  const lit = [root];
  for (let queue = impacted.slice(); queue.length;) {
    const next: number[] = [];
    for (const v of queue) {
      if (onPath[v]) {
        continue;
      }
      onPath[v] = 1;
      if (v !== root) {
        lit.push(v);
      }
      for (let k = g.upStart[v]; k < g.upStart[v + 1]; k++) {
        const e = g.upEdge[k];
        const u = g.edgeSource[e];
        if (below[u]) {
          edgeMask[e] = 1;
          if (!nodeMask[u]) {
            nodeMask[u] = INCIDENT.path;
          }
          next.push(u);
        }
      }
    }
    queue = next;
  }
  return { root, impacted, nodeMask, edgeMask, lit };
}

/** The focus header: "Incident: fct_x failing → 3 impacted". */
export function incidentFocusTitle(g: LineageGraph, focus: IncidentFocus): string {
  const root = g.nodes[focus.root];
  return `Incident: ${root.id} ${root.status} → ${focus.impacted.length} impacted`;
}
