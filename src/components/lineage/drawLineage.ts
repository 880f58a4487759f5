import { GrafanaTheme2 } from '@grafana/data';
import { AssetStatus } from '../../model';
import { STATUS_COLORS } from '../../frames/healthFrame';
import { formatDuration } from '../../rules/healthRules';
import { formatPercent } from '../../views/format';
import { HIGHLIGHT, LineageGraph, Neighbourhood } from '../../lineage/lineageGraph';
import { INCIDENT, IncidentFocus } from '../../lineage/incidentFocus';
import { LineageLayout } from '../../lineage/lineageLayout';
import {
  forEachNodeIn,
  levelOfDetail,
  NodeGrid,
  Rect,
  Size,
  truncateMiddle,
  ViewTransform,
  visibleWorld,
} from '../../lineage/lineageLayoutView';

/** Theme colours the canvas needs, resolved once per theme (canvas cannot read CSS variables). */
export interface LineagePalette {
  status: Record<AssetStatus, string>;
  nodeFill: string;
  border: string;
  text: string;
  textMuted: string;
  edge: string;
  upstream: string;
  downstream: string;
  selected: string;
  match: string;
  /** Outline of a focused incident's root cause. */
  incidentRoot: string;
  bandFill: string;
  bandText: string;
  fontFamily: string;
}

export function lineagePalette(theme: GrafanaTheme2): LineagePalette {
  const status = {} as Record<AssetStatus, string>;
  (Object.keys(STATUS_COLORS) as AssetStatus[]).forEach((s) => {
    status[s] = s === 'unknown' ? theme.colors.text.disabled : theme.visualization.getColorByName(STATUS_COLORS[s]);
  });
  return {
    status,
    nodeFill: theme.colors.background.primary,
    border: theme.colors.border.medium,
    text: theme.colors.text.primary,
    textMuted: theme.colors.text.secondary,
    edge: theme.colors.text.disabled,
    upstream: theme.colors.primary.main,
    downstream: theme.colors.warning.main,
    selected: theme.colors.primary.text,
    match: theme.visualization.getColorByName('purple'),
    incidentRoot: theme.colors.error.main,
    bandFill: theme.colors.background.secondary,
    bandText: theme.colors.text.secondary,
    fontFamily: theme.typography.fontFamily,
  };
}

/** Everything one frame of the lineage canvas depends on. */
export interface LineageScene {
  graph: LineageGraph;
  layout: LineageLayout;
  grid: NodeGrid;
  view: ViewTransform;
  size: Size;
  /** The clicked asset's neighbourhood; everything else is dimmed. */
  highlight?: Neighbourhood;
  /** A focused incident (root, impacted, the paths between); drawn when nothing is selected, the rest dimmed. */
  incident?: IncidentFocus;
  /** 1 = filtered out (drawn faint, never moved). */
  filteredOut?: Uint8Array;
  /** 1 = search match (outlined). */
  matches?: Uint8Array;
  hovered?: number;
}

/** Alpha of dimmed assets and edges. */
export const FAINT = 0.14;
const STATUSES = Object.keys(STATUS_COLORS) as AssetStatus[];
const statusCache = new WeakMap<LineageGraph, Uint8Array>();

/** Status of each node as a small integer, computed once per graph. */
function statusIndex(graph: LineageGraph): Uint8Array {
  let idx = statusCache.get(graph);
  if (!idx) {
    idx = Uint8Array.from(graph.nodes, (a) => Math.max(0, STATUSES.indexOf(a.status)));
    statusCache.set(graph, idx);
  }
  return idx;
}

const visibleNodes = ({ grid, layout }: LineageScene, world: Rect) => {
  const out: number[] = [];
  forEachNodeIn(grid, layout, world, (i) => out.push(i));
  return out;
};

/** Whether the base layer is dimmed: a selection or a focused incident is drawn on top of it. */
export function isDimmed(scene: Pick<LineageScene, 'highlight' | 'incident'>): boolean {
  return scene.highlight !== undefined || scene.incident !== undefined;
}

/**
 * One whole frame drawn directly (no cached layers): bands, then the base layer (dimmed as a whole
 * when something is selected), then the highlight overlay. In CSS pixels; the caller applies the
 * device-pixel-ratio transform.
 */
export function drawLineage(
  ctx: CanvasRenderingContext2D,
  scene: LineageScene,
  p: LineagePalette
): { nodes: number; edges: number } {
  ctx.clearRect(0, 0, scene.size.width, scene.size.height);
  drawBands(ctx, scene, p);
  const world = visibleWorld(scene.view, scene.size);
  const counts = drawBase(ctx, scene, p, world, isDimmed(scene) ? FAINT : 1, true);
  drawOverlay(ctx, scene, p, world);
  return counts;
}

/**
 * The base layer: every edge and node in its unselected look (filtered-out assets faint), culled to
 * `world`. It does not depend on selection, search or hover, so the canvas can cache it as a bitmap
 * and only redraw the overlay on a click. `alpha` dims the whole layer. `onlyTouching` drops edges
 * with both ends outside `world`: when zoomed in on a big graph, hundreds of long edges merely pass
 * through the view, cost most of the frame and say little (each visible asset keeps its own edges).
 */
export function drawBase(
  ctx: CanvasRenderingContext2D,
  scene: LineageScene,
  p: LineagePalette,
  world: Rect,
  alpha = 1,
  onlyTouching = false
): { nodes: number; edges: number } {
  const { graph, layout, view, filteredOut } = scene;
  const lod = levelOfDetail(view.scale, layout.nodeHeight);
  const edges: number[] = [];
  const x0 = world.x;
  const x1 = world.x + world.width;
  const y0 = world.y;
  const y1 = world.y + world.height;
  for (let e = 0; e < graph.edgeSource.length; e++) {
    const s = graph.edgeSource[e];
    const t = graph.edgeTarget[e];
    const ax = layout.x[s] + layout.nodeWidth;
    const bx = layout.x[t];
    const ay = layout.y[s] + layout.nodeHeight / 2;
    const by = layout.y[t] + layout.nodeHeight / 2;
    if (Math.max(ax, bx) < x0 || Math.min(ax, bx) > x1 || Math.max(ay, by) < y0 || Math.min(ay, by) > y1) {
      continue;
    }
    if (
      onlyTouching &&
      !(ax >= x0 && ax <= x1 && ay >= y0 && ay <= y1) &&
      !(bx >= x0 && bx <= x1 && by >= y0 && by <= y1)
    ) {
      continue;
    }
    edges.push(e);
  }
  strokeEdges(ctx, scene, edges, p.edge, 1, 0.6 * alpha, lod !== 'dot');
  const visible = visibleNodes(scene, world);
  drawNodes(ctx, scene, p, visible, (i) => (filteredOut?.[i] ? FAINT : 1) * alpha);
  return { nodes: visible.length, edges: edges.length };
}

/** The selected neighbourhood at full strength on top of the dimmed base, then every outline. */
export function drawOverlay(ctx: CanvasRenderingContext2D, scene: LineageScene, p: LineagePalette, world: Rect): void {
  const { graph, layout, view, highlight, matches, filteredOut } = scene;
  const lod = levelOfDetail(view.scale, layout.nodeHeight);
  const inView = (i: number) => {
    const x = layout.x[i];
    const y = layout.y[i];
    return (
      x <= world.x + world.width &&
      x + layout.nodeWidth >= world.x &&
      y <= world.y + world.height &&
      y + layout.nodeHeight >= world.y
    );
  };
  if (highlight) {
    const lit = [
      highlight.selected,
      ...highlight.upstream.map((r) => r.node),
      ...highlight.downstream.map((r) => r.node),
    ];
    for (const bit of [HIGHLIGHT.upstream, HIGHLIGHT.downstream]) {
      const edges: number[] = [];
      highlight.edgeMask.forEach((m, e) => m & bit && edges.push(e));
      strokeEdges(ctx, scene, edges, bit === HIGHLIGHT.upstream ? p.upstream : p.downstream, 2, 1, lod !== 'dot');
    }
    const shown = lit.filter(inView);
    drawNodes(ctx, scene, p, shown, (i) => (filteredOut?.[i] ? FAINT : 1));
    strokeOutlines(ctx, scene, shown, p.upstream, 1.5, (i) => (highlight.nodeMask[i] & HIGHLIGHT.upstream) !== 0);
    strokeOutlines(
      ctx,
      scene,
      shown,
      p.downstream,
      1.5,
      (i) => (highlight.nodeMask[i] & (HIGHLIGHT.upstream | HIGHLIGHT.downstream)) === HIGHLIGHT.downstream
    );
  }
  const { incident } = scene;
  if (incident && !highlight) {
    const edges: number[] = [];
    incident.edgeMask.forEach((m, e) => m && edges.push(e));
    strokeEdges(ctx, scene, edges, p.downstream, 2, 1, lod !== 'dot');
    const shown = incident.lit.filter(inView);
    drawNodes(ctx, scene, p, shown, (i) => (filteredOut?.[i] ? FAINT : 1));
    strokeOutlines(ctx, scene, shown, p.downstream, 2, (i) => incident.nodeMask[i] === INCIDENT.impacted);
    outline(ctx, scene, incident.root, p.incidentRoot, 3);
  }
  if (matches) {
    strokeOutlines(ctx, scene, visibleNodes(scene, world), p.match, 2, (i) => matches[i] === 1);
  }
  if (highlight) {
    outline(ctx, scene, highlight.selected, p.selected, 3);
  }
  if (scene.hovered !== undefined && graph.nodes[scene.hovered]) {
    outline(ctx, scene, scene.hovered, p.text, 1);
  }
}

function strokeEdges(
  ctx: CanvasRenderingContext2D,
  { graph, layout, view }: LineageScene,
  edges: number[],
  color: string,
  width: number,
  alpha: number,
  curve: boolean
) {
  if (!edges.length) {
    return;
  }
  const { scale } = view;
  ctx.beginPath();
  for (const e of edges) {
    const s = graph.edgeSource[e];
    const t = graph.edgeTarget[e];
    const ax = (layout.x[s] + layout.nodeWidth) * scale + view.x;
    const ay = (layout.y[s] + layout.nodeHeight / 2) * scale + view.y;
    const bx = layout.x[t] * scale + view.x;
    const by = (layout.y[t] + layout.nodeHeight / 2) * scale + view.y;
    ctx.moveTo(ax, ay);
    if (curve) {
      const mx = (ax + bx) / 2;
      ctx.bezierCurveTo(mx, ay, mx, by, bx, by);
    } else {
      ctx.lineTo(bx, by);
    }
  }
  ctx.globalAlpha = alpha;
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.stroke();
  ctx.globalAlpha = 1;
}

/** Nodes as batched coloured boxes when small, as cards with name (and stats) when readable. */
function drawNodes(
  ctx: CanvasRenderingContext2D,
  scene: LineageScene,
  p: LineagePalette,
  nodes: number[],
  alphaOf: (i: number) => number
) {
  const { graph, layout, view } = scene;
  const { scale } = view;
  const lod = levelOfDetail(scale, layout.nodeHeight);
  const nw = layout.nodeWidth * scale;
  const nh = layout.nodeHeight * scale;
  const sx = (i: number) => layout.x[i] * scale + view.x;
  const sy = (i: number) => layout.y[i] * scale + view.y;
  if (lod === 'dot') {
    // Bucket by status and alpha in one pass, then one path and one fill per bucket.
    const status = statusIndex(graph);
    const buckets = new Map<number, number[]>();
    for (const i of nodes) {
      const a = alphaOf(i);
      const key = status[i] * 1000 + Math.round(a * 999);
      const b = buckets.get(key);
      b ? b.push(i) : buckets.set(key, [i]);
    }
    buckets.forEach((list, key) => {
      ctx.globalAlpha = (key % 1000) / 999;
      ctx.fillStyle = p.status[STATUSES[Math.floor(key / 1000)]];
      ctx.beginPath();
      for (const i of list) {
        ctx.rect(sx(i), sy(i), Math.max(1, nw), Math.max(1, nh));
      }
      ctx.fill();
    });
    ctx.globalAlpha = 1;
    return;
  }
  // Text sizes follow the box (10–12 px); the average glyph width is measured once per call.
  const fontPx = Math.min(12, Math.max(10, Math.floor(nh * 0.36)));
  ctx.textBaseline = 'middle';
  ctx.font = `500 ${fontPx}px ${p.fontFamily}`;
  const charW = ctx.measureText('abcdefghijklmnopqrstuvwxyz_0123456789').width / 37 || fontPx * 0.58;
  const pad = Math.max(6, 12 * scale);
  const maxChars = Math.floor((nw - pad - 4) / charW);
  // Boxes first, then all names, then all stats: setting ctx.font is slow, so it is set twice per call, not per node.
  for (const i of nodes) {
    const x = sx(i);
    const y = sy(i);
    ctx.globalAlpha = alphaOf(i);
    ctx.fillStyle = p.nodeFill;
    ctx.fillRect(x, y, nw, nh);
    ctx.fillStyle = p.status[graph.nodes[i].status];
    ctx.fillRect(x, y, Math.max(3, 6 * scale), nh);
    ctx.strokeStyle = p.border;
    ctx.lineWidth = 1;
    ctx.strokeRect(x + 0.5, y + 0.5, nw - 1, nh - 1);
  }
  ctx.fillStyle = p.text;
  for (const i of nodes) {
    ctx.globalAlpha = alphaOf(i);
    ctx.fillText(
      truncateMiddle(graph.nodes[i].id, maxChars),
      sx(i) + pad,
      lod === 'full' ? sy(i) + nh * 0.3 : sy(i) + nh / 2
    );
  }
  if (lod === 'full') {
    ctx.fillStyle = p.textMuted;
    ctx.font = `${fontPx - 1}px ${p.fontFamily}`;
    for (const i of nodes) {
      const a = graph.nodes[i];
      ctx.globalAlpha = alphaOf(i);
      ctx.fillText(truncate(nodeStats(a.freshness, a.passRate, a.status), maxChars), sx(i) + pad, sy(i) + nh * 0.7);
    }
  }
  ctx.globalAlpha = 1;
}

function strokeOutlines(
  ctx: CanvasRenderingContext2D,
  { layout, view }: LineageScene,
  nodes: number[],
  color: string,
  width: number,
  pick: (i: number) => boolean
) {
  const w = Math.max(1, layout.nodeWidth * view.scale) + width;
  const h = Math.max(1, layout.nodeHeight * view.scale) + width;
  ctx.beginPath();
  let any = false;
  for (const i of nodes) {
    if (pick(i)) {
      any = true;
      ctx.rect(layout.x[i] * view.scale + view.x - width / 2, layout.y[i] * view.scale + view.y - width / 2, w, h);
    }
  }
  if (any) {
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.stroke();
  }
}

function outline(ctx: CanvasRenderingContext2D, scene: LineageScene, i: number, color: string, width: number) {
  strokeOutlines(ctx, scene, [i], color, width, () => true);
}

/** Layer bands behind the nodes, labelled at the top of the viewport so the label is always in view. */
export function drawBands(ctx: CanvasRenderingContext2D, { layout, view, size }: LineageScene, p: LineagePalette) {
  ctx.font = `500 12px ${p.fontFamily}`;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'center';
  layout.bands.forEach((b, k) => {
    const x = b.x * view.scale + view.x;
    const w = b.width * view.scale;
    if (x > size.width || x + w < 0) {
      return;
    }
    if (k % 2 === 0) {
      ctx.fillStyle = p.bandFill;
      ctx.fillRect(x, 0, w, size.height);
    }
    if (b.layer) {
      ctx.fillStyle = p.bandText;
      const cx = Math.min(Math.max(x + w / 2, Math.min(x + 40, size.width / 2)), Math.max(x + w - 40, size.width / 2));
      ctx.fillText(b.layer.toUpperCase(), cx, 8);
    }
  });
  ctx.textAlign = 'start';
}

/** "3h 12m old · 99.5% pass" — the stats line of a node. */
export function nodeStats(freshness: number | undefined, passRate: number | undefined, status: AssetStatus): string {
  const parts = [
    freshness === undefined ? '' : `${formatDuration(freshness)} old`,
    passRate === undefined ? '' : `${formatPercent(passRate)} pass`,
  ];
  const text = parts.filter(Boolean).join(' · ');
  return text || status;
}

function truncate(text: string, max: number): string {
  if (max <= 1) {
    return '';
  }
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
