import { GrafanaTheme2 } from '@grafana/data';
import { AssetStatus } from '../../datasource/types';
import { STATUS_COLORS } from '../../services/frames';
import { formatDuration } from '../../services/healthRules';
import { HIGHLIGHT, LineageGraph, Neighbourhood } from '../../services/lineageGraph';
import { LineageLayout } from '../../services/lineageLayout';
import { forEachNodeIn, levelOfDetail, NodeGrid, Size, ViewTransform, visibleWorld } from '../../services/lineageLayoutView';

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
  /** 1 = filtered out (drawn faint, never moved). */
  filteredOut?: Uint8Array;
  /** 1 = search match (outlined). */
  matches?: Uint8Array;
  hovered?: number;
}

const FAINT = 0.14;
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

function outline(ctx: CanvasRenderingContext2D, { layout, view }: LineageScene, i: number, color: string, width: number) {
  const w = Math.max(1, layout.nodeWidth * view.scale);
  const h = Math.max(1, layout.nodeHeight * view.scale);
  ctx.strokeStyle = color;
  ctx.lineWidth = width;
  ctx.strokeRect(layout.x[i] * view.scale + view.x - width / 2, layout.y[i] * view.scale + view.y - width / 2, w + width, h + width);
}

/** Draws one frame in CSS pixels (the caller has applied the device-pixel-ratio transform). */
export function drawLineage(ctx: CanvasRenderingContext2D, scene: LineageScene, p: LineagePalette): { nodes: number; edges: number } {
  const { graph, layout, grid, view, size, highlight, filteredOut, matches } = scene;
  const { scale } = view;
  const lod = levelOfDetail(scale, layout.nodeHeight);
  const nw = layout.nodeWidth * scale;
  const nh = layout.nodeHeight * scale;
  const sx = (wx: number) => wx * scale + view.x;
  const sy = (wy: number) => wy * scale + view.y;
  ctx.clearRect(0, 0, size.width, size.height);

  drawBands(ctx, scene, p);

  const world = visibleWorld(view, size);
  const visible: number[] = [];
  forEachNodeIn(grid, layout, world, (i) => visible.push(i));

  // Edges: cull by bounding box; faint ones in one batched path, highlighted ones on top.
  let edges = 0;
  const curve = lod !== 'dot';
  const x0 = world.x;
  const x1 = world.x + world.width;
  const y0 = world.y;
  const y1 = world.y + world.height;
  const highlighted: number[] = [];
  ctx.beginPath();
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
    edges++;
    if (highlight?.edgeMask[e]) {
      highlighted.push(e);
      continue;
    }
    pathEdge(ctx, sx(ax), sy(ay), sx(bx), sy(by), curve);
  }
  ctx.globalAlpha = highlight ? FAINT : 0.6;
  ctx.strokeStyle = p.edge;
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.globalAlpha = 1;
  for (const bit of [HIGHLIGHT.upstream, HIGHLIGHT.downstream]) {
    ctx.beginPath();
    for (const e of highlighted) {
      if (highlight!.edgeMask[e] & bit) {
        const s = graph.edgeSource[e];
        const t = graph.edgeTarget[e];
        pathEdge(ctx, sx(layout.x[s] + layout.nodeWidth), sy(layout.y[s] + layout.nodeHeight / 2), sx(layout.x[t]), sy(layout.y[t] + layout.nodeHeight / 2), curve);
      }
    }
    ctx.strokeStyle = bit === HIGHLIGHT.upstream ? p.upstream : p.downstream;
    ctx.lineWidth = 2;
    ctx.stroke();
  }

  const status = statusIndex(graph);
  const faint = (i: number) => (filteredOut?.[i] || (highlight && !highlight.nodeMask[i]) ? 1 : 0);
  if (lod === 'dot') {
    // Bucket by status and alpha in one pass, then one path and one fill per bucket.
    const buckets: number[][] = Array.from({ length: STATUSES.length * 2 }, () => []);
    for (const i of visible) {
      buckets[status[i] * 2 + faint(i)].push(i);
    }
    buckets.forEach((nodes, k) => {
      if (!nodes.length) {
        return;
      }
      ctx.globalAlpha = k % 2 ? FAINT : 1;
      ctx.fillStyle = p.status[STATUSES[k >> 1]];
      ctx.beginPath();
      for (const i of nodes) {
        ctx.rect(sx(layout.x[i]), sy(layout.y[i]), Math.max(1, nw), Math.max(1, nh));
      }
      ctx.fill();
    });
    ctx.globalAlpha = 1;
  } else {
    // Text sizes follow the box (11–12 px); the average glyph width is measured once per frame.
    const fontPx = Math.min(12, Math.max(10, Math.floor(nh * 0.36)));
    ctx.textBaseline = 'middle';
    ctx.font = `500 ${fontPx}px ${p.fontFamily}`;
    const charW = ctx.measureText('abcdefghijklmnopqrstuvwxyz_0123456789').width / 37 || fontPx * 0.58;
    for (const i of visible) {
      const a = graph.nodes[i];
      const x = sx(layout.x[i]);
      const y = sy(layout.y[i]);
      ctx.globalAlpha = faint(i) ? FAINT : 1;
      ctx.fillStyle = p.nodeFill;
      ctx.fillRect(x, y, nw, nh);
      ctx.fillStyle = p.status[a.status];
      ctx.fillRect(x, y, Math.max(3, 6 * scale), nh);
      ctx.strokeStyle = p.border;
      ctx.lineWidth = 1;
      ctx.strokeRect(x + 0.5, y + 0.5, nw - 1, nh - 1);
      const pad = Math.max(6, 12 * scale);
      const maxChars = Math.floor((nw - pad - 4) / charW);
      ctx.fillStyle = p.text;
      ctx.font = `500 ${fontPx}px ${p.fontFamily}`;
      ctx.fillText(truncate(a.id, maxChars), x + pad, lod === 'full' ? y + nh * 0.3 : y + nh / 2);
      if (lod === 'full') {
        ctx.fillStyle = p.textMuted;
        ctx.font = `${fontPx - 1}px ${p.fontFamily}`;
        ctx.fillText(truncate(nodeStats(a.freshness, a.passRate, a.status), maxChars), x + pad, y + nh * 0.7);
      }
    }
    ctx.globalAlpha = 1;
  }

  // Outlines, batched per colour: search matches, upstream, downstream; then selection and hover.
  const outlines = (color: string, width: number, pick: (i: number) => boolean) => {
    ctx.beginPath();
    let any = false;
    for (const i of visible) {
      if (pick(i)) {
        any = true;
        ctx.rect(sx(layout.x[i]) - width / 2, sy(layout.y[i]) - width / 2, Math.max(1, nw) + width, Math.max(1, nh) + width);
      }
    }
    if (any) {
      ctx.strokeStyle = color;
      ctx.lineWidth = width;
      ctx.stroke();
    }
  };
  if (matches) {
    outlines(p.match, 2, (i) => matches[i] === 1);
  }
  if (highlight) {
    const m = highlight.nodeMask;
    outlines(p.upstream, 1.5, (i) => (m[i] & HIGHLIGHT.upstream) !== 0);
    outlines(p.downstream, 1.5, (i) => (m[i] & HIGHLIGHT.upstream) === 0 && (m[i] & HIGHLIGHT.downstream) !== 0);
    outline(ctx, scene, highlight.selected, p.selected, 3);
  }
  if (scene.hovered !== undefined) {
    outline(ctx, scene, scene.hovered, p.text, 1);
  }
  return { nodes: visible.length, edges };
}

function pathEdge(ctx: CanvasRenderingContext2D, ax: number, ay: number, bx: number, by: number, curve: boolean) {
  ctx.moveTo(ax, ay);
  if (curve) {
    const mx = (ax + bx) / 2;
    ctx.bezierCurveTo(mx, ay, mx, by, bx, by);
  } else {
    ctx.lineTo(bx, by);
  }
}

/** Layer bands behind the nodes, labelled at the top of the viewport so the label is always in view. */
function drawBands(ctx: CanvasRenderingContext2D, { layout, view, size }: LineageScene, p: LineagePalette) {
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

/** "3h 12m · 99.5%" — the stats line of a node. */
export function nodeStats(freshness: number | undefined, passRate: number | undefined, status: AssetStatus): string {
  const parts = [freshness === undefined ? '' : `${formatDuration(freshness)} old`, passRate === undefined ? '' : `${Math.round(passRate * 10) / 10}% pass`];
  const text = parts.filter(Boolean).join(' · ');
  return text || status;
}

function truncate(text: string, max: number): string {
  if (max <= 1) {
    return '';
  }
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
