import { DataFrame, FieldConfig, FieldType } from '@grafana/data';
import { AssetHealth, AssetStatus } from '../model';
import { LINEAGE_EDGE_FIELDS as E, LINEAGE_NODE_FIELDS as N } from './frameFields';
import { asNumber, asString, buildTable, ColumnSpec, readRows } from './frameKit';
import { AppUrls, assetPageLink } from './dataLinks';
import { STATUS_COLORS } from './healthFrame';
import { ALL_STATUSES } from '../rules/healthRules';

/** A lineage edge: `source` (upstream) feeds `target` (the asset). */
export interface LineageEdge {
  id: string;
  source: string;
  target: string;
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
}

/** `arc__<status>` field name: the Node Graph colours a node's ring by these fractions (one-hot here). */
export const arcField = (s: AssetStatus) => `arc__${s}`;

/** Edges upstream → asset, from each asset's `upstream` list; edges to unknown assets are kept (they are real deps). */
export function lineageEdges(rows: AssetHealth[]): LineageEdge[] {
  const edges: LineageEdge[] = [];
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
 * Upstream assets outside `rows` get a node of status unknown so no edge dangles.
 */
export function lineageToFrames(rows: AssetHealth[], app: AppUrls, refId?: string): DataFrame[] {
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
  const arcs: Array<ColumnSpec<LineageNode>> = ALL_STATUSES.map((s) => ({
    name: arcField(s),
    type: FieldType.number,
    get: (n: LineageNode) => (n.status === s ? 1 : 0),
    config: { color: { mode: 'fixed', fixedColor: STATUS_COLORS[s] }, displayNameFromDS: s } as FieldConfig,
  }));
  const nodeFrame = buildTable<LineageNode>(
    'lineage-nodes',
    refId,
    [
      { name: N.id, type: FieldType.string, get: (n) => n.id, config: { links: [assetPageLink(app)] } },
      { name: N.title, type: FieldType.string, get: (n) => n.id },
      { name: N.subtitle, type: FieldType.string, get: (n) => n.layer },
      {
        name: N.mainstat,
        type: FieldType.number,
        get: (n) => n.freshness,
        config: { unit: 's', displayNameFromDS: 'Freshness' },
      },
      {
        name: N.secondarystat,
        type: FieldType.number,
        get: (n) => n.passRate,
        config: { unit: 'percent', displayNameFromDS: 'Pass rate' },
      },
      ...arcs,
      { name: N.owner, type: FieldType.string, get: (n) => n.owner, config: { displayNameFromDS: 'Owner' } },
      { name: N.status, type: FieldType.string, get: (n) => n.status, config: { displayNameFromDS: 'Status' } },
      {
        name: N.reasons,
        type: FieldType.string,
        get: (n) => n.reasons.join('; '),
        config: { displayNameFromDS: 'Why' },
      },
    ],
    nodes,
    { preferredVisualisationType: 'nodeGraph' }
  );
  const edgeFrame = buildTable<LineageEdge>(
    'lineage-edges',
    refId,
    [
      { name: E.id, type: FieldType.string, get: (e) => e.id },
      { name: E.source, type: FieldType.string, get: (e) => e.source },
      { name: E.target, type: FieldType.string, get: (e) => e.target },
    ],
    edges,
    { preferredVisualisationType: 'nodeGraph' }
  );
  // The Node Graph panel tells the two frames apart by name.
  nodeFrame.name = 'nodes';
  edgeFrame.name = 'edges';
  return [nodeFrame, edgeFrame];
}

export function lineageNodesFromFrame(frame: DataFrame): LineageNode[] {
  return readRows(frame, (get) => {
    const reasons = asString(get(N.reasons));
    return {
      id: asString(get(N.id)) ?? '',
      layer: asString(get(N.subtitle)),
      owner: asString(get(N.owner)),
      status: (asString(get(N.status)) ?? 'unknown') as AssetStatus,
      reasons: reasons ? reasons.split('; ') : [],
      freshness: asNumber(get(N.mainstat)),
      passRate: asNumber(get(N.secondarystat)),
    };
  });
}

export function lineageEdgesFromFrame(frame: DataFrame): LineageEdge[] {
  return readRows(frame, (get) => ({
    id: asString(get(E.id)) ?? '',
    source: asString(get(E.source)) ?? '',
    target: asString(get(E.target)) ?? '',
  }));
}
