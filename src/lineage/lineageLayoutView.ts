import { LineageLayout } from './lineageLayout';

/** Camera of the lineage canvas: screen = world × scale + (x, y). */
export interface ViewTransform {
  scale: number;
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MAX_SCALE = 2.5;
/** Zoom factor of one button press / one wheel notch. */
export const ZOOM_STEP = 1.25;

/** Smallest useful zoom: a bit further out than "fit", never less than 0.005. */
export function minScale(fit: ViewTransform): number {
  return Math.max(0.005, Math.min(0.5, fit.scale / 2));
}

/** Scale and offset that show `bounds` centred in the viewport with `padding` pixels around. */
export function fitBounds(bounds: Rect, viewport: Size, padding = 24, maxScale = 1.2): ViewTransform {
  const w = Math.max(1, viewport.width - 2 * padding);
  const h = Math.max(1, viewport.height - 2 * padding);
  const scale = Math.min(maxScale, w / Math.max(1, bounds.width), h / Math.max(1, bounds.height));
  return {
    scale,
    x: viewport.width / 2 - (bounds.x + bounds.width / 2) * scale,
    y: viewport.height / 2 - (bounds.y + bounds.height / 2) * scale,
  };
}

/** Zoom by `factor` keeping the world point under the screen point (sx, sy) fixed. */
export function zoomAt(
  view: ViewTransform,
  factor: number,
  sx: number,
  sy: number,
  min: number,
  max = MAX_SCALE
): ViewTransform {
  const scale = Math.min(max, Math.max(min, view.scale * factor));
  const k = scale / view.scale;
  return { scale, x: sx - (sx - view.x) * k, y: sy - (sy - view.y) * k };
}

export function screenToWorld(view: ViewTransform, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - view.x) / view.scale, y: (sy - view.y) / view.scale };
}

/** The world rectangle the viewport shows. */
export function visibleWorld(view: ViewTransform, viewport: Size): Rect {
  return {
    x: -view.x / view.scale,
    y: -view.y / view.scale,
    width: viewport.width / view.scale,
    height: viewport.height / view.scale,
  };
}

/** Bounding box of some nodes (e.g. search matches) in world coordinates. */
export function nodesBounds(layout: LineageLayout, nodes: number[]): Rect | undefined {
  if (nodes.length === 0) {
    return undefined;
  }
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const i of nodes) {
    x0 = Math.min(x0, layout.x[i]);
    y0 = Math.min(y0, layout.y[i]);
    x1 = Math.max(x1, layout.x[i] + layout.nodeWidth);
    y1 = Math.max(y1, layout.y[i] + layout.nodeHeight);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * How much to draw per node at a zoom level, from the node's height on screen: 'dot' = coloured
 * box only (< 16 px), 'label' = plus the name, 'full' = plus freshness and pass rate (≥ 28 px).
 * Text is drawn at a fixed screen size, so it is readable whenever it is drawn at all.
 */
export type LevelOfDetail = 'dot' | 'label' | 'full';

export function levelOfDetail(scale: number, nodeHeight = 48): LevelOfDetail {
  const h = nodeHeight * scale;
  return h < 16 ? 'dot' : h < 28 ? 'label' : 'full';
}

/**
 * Uniform grid over node boxes for hit testing and viewport culling. Each node sits in the one
 * cell holding its top-left corner; queries widen their rectangle by one node size instead.
 */
export interface NodeGrid {
  cellSize: number;
  cols: number;
  rows: number;
  cellStart: Int32Array;
  cellNodes: Int32Array;
}

export function buildNodeGrid(layout: LineageLayout, cellSize = 512): NodeGrid {
  const n = layout.x.length;
  const cols = Math.max(1, Math.ceil((layout.width + 1) / cellSize));
  const rows = Math.max(1, Math.ceil((layout.height + 1) / cellSize));
  const cellOf = new Int32Array(n);
  const cellStart = new Int32Array(cols * rows + 1);
  for (let i = 0; i < n; i++) {
    const cx = Math.min(cols - 1, Math.max(0, Math.floor(layout.x[i] / cellSize)));
    const cy = Math.min(rows - 1, Math.max(0, Math.floor(layout.y[i] / cellSize)));
    cellOf[i] = cy * cols + cx;
    cellStart[cellOf[i] + 1]++;
  }
  for (let c = 0; c < cols * rows; c++) {
    cellStart[c + 1] += cellStart[c];
  }
  const fill = cellStart.slice(0, cols * rows);
  const cellNodes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    cellNodes[fill[cellOf[i]]++] = i;
  }
  return { cellSize, cols, rows, cellStart, cellNodes };
}

/** Calls `visit` for every node whose box intersects `rect`. */
export function forEachNodeIn(grid: NodeGrid, layout: LineageLayout, rect: Rect, visit: (node: number) => void): void {
  const { cellSize, cols, rows } = grid;
  const cx0 = Math.max(0, Math.floor((rect.x - layout.nodeWidth) / cellSize));
  const cy0 = Math.max(0, Math.floor((rect.y - layout.nodeHeight) / cellSize));
  const cx1 = Math.min(cols - 1, Math.floor((rect.x + rect.width) / cellSize));
  const cy1 = Math.min(rows - 1, Math.floor((rect.y + rect.height) / cellSize));
  for (let cy = cy0; cy <= cy1; cy++) {
    for (let cx = cx0; cx <= cx1; cx++) {
      const c = cy * cols + cx;
      for (let k = grid.cellStart[c]; k < grid.cellStart[c + 1]; k++) {
        const i = grid.cellNodes[k];
        const x = layout.x[i];
        const y = layout.y[i];
        if (
          x <= rect.x + rect.width &&
          x + layout.nodeWidth >= rect.x &&
          y <= rect.y + rect.height &&
          y + layout.nodeHeight >= rect.y
        ) {
          visit(i);
        }
      }
    }
  }
}

/** The node under a world point, if any. */
export function nodeAt(grid: NodeGrid, layout: LineageLayout, wx: number, wy: number): number | undefined {
  let hit: number | undefined;
  forEachNodeIn(grid, layout, { x: wx, y: wy, width: 0, height: 0 }, (i) => {
    hit = i;
  });
  return hit;
}

/** Where a tooltip goes: CSS offsets inside the canvas box, on whichever side of the pointer has room. */
export interface TooltipPlacement {
  left?: number;
  right?: number;
  top?: number;
  bottom?: number;
}

/**
 * Places a tooltip next to a point of the viewport so it never runs past the canvas edge: right of
 * and below the pointer, or left of / above it in the right and bottom halves.
 */
export function placeTooltip(x: number, y: number, viewport: Size, gap = 12): TooltipPlacement {
  const horizontal = x > viewport.width / 2 ? { right: viewport.width - x + gap } : { left: x + gap };
  const vertical = y > viewport.height / 2 ? { bottom: viewport.height - y + gap } : { top: y + gap };
  return { ...horizontal, ...vertical };
}

/**
 * A name cut to `max` characters in the middle ("fct_glu…readings"): asset names share prefixes
 * (fct_, stg_), so the end tells them apart.
 */
export function truncateMiddle(text: string, max: number): string {
  if (max <= 1) {
    return '';
  }
  if (text.length <= max) {
    return text;
  }
  const head = Math.ceil((max - 1) / 2);
  const tail = max - 1 - head;
  return `${text.slice(0, head)}…${tail > 0 ? text.slice(text.length - tail) : ''}`;
}
