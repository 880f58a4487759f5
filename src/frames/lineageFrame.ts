import { DataFrame, FieldConfig, FieldType, NodeGraphDataFrameFieldNames } from '@grafana/data';
import { AssetHealth, AssetStatus, LineageEdge } from '../model';
import { FrameSpec, readFrame, writeFrame } from './frameKit';
import { AppUrls, assetPageLink } from './dataLinks';
import { STATUS_COLORS } from './healthFrame';
import { ALL_STATUSES } from '../rules/healthRules';

/** A row of the lineage edges frame: `source` (upstream) feeds `target` (the asset). */
export interface LineageEdgeRow extends LineageEdge {
  id: string;
}

/** A lineage node as the Node Graph panel and the lineage page read it. */
export interface LineageNode {
  id: string;
  layer?: string;
  owner?: string;
  status: AssetStatus;
  reasons: string[];
  /** seconds since last update */
  freshness?: number;
  passRate?: number;
  /** Position in Cascade's layered layout, so Grafana's Node Graph panel draws the same DAG as the app. */
  x?: number;
  y?: number;
}

/** `arc__<status>` field name: the Node Graph colours a node's ring by these fractions (one-hot here). */
export const arcField = (s: AssetStatus) => `arc__${s}`;

/** Edges upstream → asset, from each asset's `upstream` list; edges to unknown assets are kept (they are real deps). */
export function lineageEdges(rows: AssetHealth[]): LineageEdgeRow[] {
  const edges: LineageEdgeRow[] = [];
  for (const r of rows) {
    for (const up of r.upstream) {
      edges.push({ id: JSON.stringify([up, r.asset]), source: up, target: r.asset });
    }
  }
  return edges;
}

/**
 * Node Graph frames (`preferredVisualisationType: 'nodeGraph'`): nodes titled by asset with layer,
 * freshness (mainstat) and pass rate (secondarystat), ring coloured by status; edges upstream → asset.
 * Upstream assets outside `rows` get a node of status unknown so no edge dangles. With `positions`, nodes
 * carry `fixedx`/`fixedy` so the panel keeps Cascade's layout.
 */
export function lineageToFrames(
  rows: AssetHealth[],
  app: AppUrls,
  refId?: string,
  positions?: ReadonlyMap<string, { x: number; y: number }>
): DataFrame[] {
  const known = new Set(rows.map((r) => r.asset));
  const nodes: LineageNode[] = rows.map((r) => ({
    id: r.asset,
    layer: r.layer,
    owner: r.owner,
    status: r.status,
    reasons: r.reasons,
    freshness: r.freshness,
    passRate: r.passRate,
  }));
  const edges = lineageEdges(rows);
  for (const e of edges) {
    if (!known.has(e.source)) {
      known.add(e.source);
      nodes.push({ id: e.source, status: 'unknown', reasons: ['not in the selection'] });
    }
  }
  if (positions) {
    for (const n of nodes) {
      const p = positions.get(n.id);
      n.x = p?.x;
      n.y = p?.y;
    }
  }
  const nodeFrame = writeFrame(LINEAGE_NODES_FRAME, nodes, app, refId, { preferredVisualisationType: 'nodeGraph' });
  const edgeFrame = writeFrame(LINEAGE_EDGES_FRAME, edges, undefined, refId, {
    preferredVisualisationType: 'nodeGraph',
  });
  // The Node Graph panel tells the two frames apart by name.
  nodeFrame.name = 'nodes';
  edgeFrame.name = 'edges';
  return [nodeFrame, edgeFrame];
}

const G = NodeGraphDataFrameFieldNames;

/** The Node Graph panel's nodes frame, declared once (Grafana's field names; details as `detail__*`). */
export const LINEAGE_NODES_FRAME: FrameSpec<LineageNode, AppUrls> = {
  kind: 'lineage-nodes',
  emptyRow: () => ({ id: '', status: 'unknown', reasons: [] }),
  fields: [
    { name: G.id, key: 'id', type: FieldType.string, config: (app) => ({ links: [assetPageLink(app)] }) },
    { name: G.title, type: FieldType.string, write: (n) => n.id },
    { name: G.subTitle, key: 'layer', type: FieldType.string },
    {
      name: G.mainStat,
      key: 'freshness',
      type: FieldType.number,
      config: { unit: 's', displayNameFromDS: 'Freshness' },
    },
    {
      name: G.secondaryStat,
      key: 'passRate',
      type: FieldType.number,
      config: { unit: 'percent', displayNameFromDS: 'Pass rate' },
    },
    ...ALL_STATUSES.map((s) => ({
      name: arcField(s),
      type: FieldType.number,
      write: (n: LineageNode) => (n.status === s ? 1 : 0),
      config: { color: { mode: 'fixed', fixedColor: STATUS_COLORS[s] }, displayNameFromDS: s } as FieldConfig,
    })),
    { name: `${G.detail}owner`, key: 'owner', type: FieldType.string, config: { displayNameFromDS: 'Owner' } },
    { name: `${G.detail}status`, key: 'status', type: FieldType.string, config: { displayNameFromDS: 'Status' } },
    { name: `${G.detail}reasons`, key: 'reasons', type: FieldType.other, config: { displayNameFromDS: 'Why' } },
    { name: G.fixedX, key: 'x', type: FieldType.number, config: { custom: { hidden: true } } },
    { name: G.fixedY, key: 'y', type: FieldType.number, config: { custom: { hidden: true } } },
  ],
};

/** The Node Graph panel's edges frame, declared once. */
export const LINEAGE_EDGES_FRAME: FrameSpec<LineageEdgeRow, undefined> = {
  kind: 'lineage-edges',
  emptyRow: () => ({ id: '', source: '', target: '' }),
  fields: [
    { name: G.id, key: 'id', type: FieldType.string },
    { name: G.source, key: 'source', type: FieldType.string },
    { name: G.target, key: 'target', type: FieldType.string },
  ],
};

export const lineageNodesFromFrame = (frame: DataFrame): LineageNode[] => readFrame(LINEAGE_NODES_FRAME, frame);

export const lineageEdgesFromFrame = (frame: DataFrame): LineageEdgeRow[] => readFrame(LINEAGE_EDGES_FRAME, frame);
