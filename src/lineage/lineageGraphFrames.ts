import { DataFrame } from '@grafana/data';
import { healthFromFrame } from '../frames/healthFrame';
import { findFrames } from '../frames/frameKit';
import { lineageEdgesFromFrame, lineageNodesFromFrame } from '../frames/lineageFrame';
import { LineageAsset, LineageEdge } from './lineageGraph';

/**
 * Assets and edges of the lineage page from the data source's frames (read with its own frame
 * readers): the `lineage` nodes/edges frames give the DAG; the `health` frame (same asset names)
 * adds owner, reasons and the latest trace. Either alone is enough: without lineage frames the DAG
 * comes from health's upstream lists, so one failing query still leaves a graph.
 */
export function lineageFromFrames(series: DataFrame[]): { assets: LineageAsset[]; edges: LineageEdge[] } {
  const byId = new Map<string, LineageAsset>();
  const edges: LineageEdge[] = [];

  for (const n of findFrames(series, 'lineage-nodes').flatMap(lineageNodesFromFrame)) {
    byId.set(n.id, {
      id: n.id,
      layer: n.layer,
      status: n.status,
      freshness: n.freshness,
      passRate: n.passRate,
      owner: n.owner,
      reasons: n.reasons,
    });
  }
  const edgeFrames = findFrames(series, 'lineage-edges');
  for (const e of edgeFrames.flatMap(lineageEdgesFromFrame)) {
    edges.push({ source: e.source, target: e.target });
  }
  for (const h of findFrames(series, 'health').flatMap(healthFromFrame)) {
    const prev = byId.get(h.asset);
    byId.set(h.asset, {
      id: h.asset,
      layer: h.layer ?? prev?.layer,
      status: h.status,
      freshness: h.freshness ?? prev?.freshness,
      passRate: h.passRate ?? prev?.passRate,
      owner: h.owner ?? prev?.owner,
      reasons: h.reasons.length ? h.reasons : prev?.reasons,
      lastTraceId: h.lastTraceId || undefined,
    });
    if (edgeFrames.length === 0) {
      h.upstream.forEach((source) => edges.push({ source, target: h.asset }));
    }
  }
  return { assets: Array.from(byId.values()), edges };
}

/**
 * True while the frames give the DAG but no verdict yet: only the `topology` packet of a streamed
 * `lineage` query has arrived (nodes without statuses) and no `health` frame.
 */
export function statusesPending(series: DataFrame[]): boolean {
  if (findFrames(series, 'health').length) {
    return false;
  }
  const nodes = findFrames(series, 'lineage-nodes');
  return nodes.length > 0 && nodes.every((f) => f.meta?.custom?.stage === 'topology');
}
