import { KeyboardEvent, PointerEvent, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { IconButton, useStyles2, useTheme2 } from '@grafana/ui';
import { LineageGraph, Neighbourhood } from '../../lineage/lineageGraph';
import { IncidentFocus } from '../../lineage/incidentFocus';
import { LineageLayout } from '../../lineage/lineageLayout';
import {
  buildNodeGrid,
  fitBounds,
  placeTooltip,
  TooltipPlacement,
  minScale,
  nodeAt,
  nodesBounds,
  screenToWorld,
  Size,
  ViewTransform,
  ZOOM_STEP,
  zoomAt,
} from '../../lineage/lineageLayoutView';
import { testIds } from '../../testIds';
import { lineagePalette } from './drawLineage';
import { LineageFrameRenderer } from './lineageBitmap';

/** Ask the canvas to bring nodes into view; a new `key` repeats the request for the same nodes. */
export interface FocusRequest {
  nodes: number[];
  key: number;
}

interface Props {
  graph: LineageGraph;
  layout: LineageLayout;
  highlight?: Neighbourhood;
  /** A focused incident, drawn (the rest dimmed) while nothing is selected. */
  incident?: IncidentFocus;
  filteredOut?: Uint8Array;
  matches?: Uint8Array;
  focus?: FocusRequest;
  onSelect: (node: number | undefined) => void;
  /** Accessible summary of what the picture shows. */
  label: string;
}

const DRAG_THRESHOLD = 4;
const PAN_STEP = 80;

/**
 * The lineage DAG on a canvas: wheel/buttons/keys zoom, drag/arrows pan, click selects. The camera
 * lives in a ref and redraws on animation frames, so panning never re-renders React; only
 * selection, filters and search (props) do, and they restyle without moving a node.
 */
export function LineageCanvas({
  graph,
  layout,
  highlight,
  incident,
  filteredOut,
  matches,
  focus,
  onSelect,
  label,
}: Props) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const palette = useMemo(() => lineagePalette(theme), [theme]);
  const grid = useMemo(() => buildNodeGrid(layout), [layout]);
  const containerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const view = useRef<ViewTransform>({ scale: 1, x: 0, y: 0 });
  const size = useRef<Size>({ width: 0, height: 0 });
  const fitted = useRef(false);
  const frame = useRef(0);
  const drag = useRef<{ x: number; y: number; moved: boolean } | undefined>(undefined);
  const [hovered, setHovered] = useState<{ node: number; at: TooltipPlacement } | undefined>();
  const [dragging, setDragging] = useState(false);
  // Latest scene inputs for the animation-frame callback (synced before the draw effect runs).
  const scene = useRef({
    graph,
    layout,
    grid,
    highlight,
    incident,
    filteredOut,
    matches,
    hovered: hovered?.node,
    palette,
  });
  useLayoutEffect(() => {
    scene.current = { graph, layout, grid, highlight, incident, filteredOut, matches, hovered: hovered?.node, palette };
  });

  const renderer = useRef<LineageFrameRenderer | null>(null);
  const draw = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const canvas = canvasRef.current;
      const ctx = canvas?.getContext('2d');
      const { width, height } = size.current;
      if (!canvas || !ctx || typeof ctx.clearRect !== 'function' || width === 0 || height === 0) {
        return;
      }
      const dpr = window.devicePixelRatio || 1;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      const s = scene.current;
      renderer.current ??= new LineageFrameRenderer();
      renderer.current.draw(ctx, { ...s, view: view.current, size: size.current }, s.palette, dpr);
      // The camera, for browser tests and the benchmark ("the graph does not jump on click").
      const v = view.current;
      containerRef.current?.setAttribute('data-view', `${v.scale.toFixed(5)},${v.x.toFixed(1)},${v.y.toFixed(1)}`);
    });
  }, []);
  // The renderer asks for a new frame when its re-rendered zoom bitmap is ready.
  useEffect(() => {
    const r = (renderer.current ??= new LineageFrameRenderer());
    r.onBitmapReady = draw;
    return () => r.dispose();
  }, [draw]);

  const fitTo = useCallback(
    (nodes?: number[]) => {
      const bounds = nodes?.length
        ? nodesBounds(layout, nodes)
        : { x: 0, y: 0, width: layout.width, height: layout.height };
      if (!bounds || size.current.width === 0) {
        return;
      }
      // A single node (or a few) is shown at a readable zoom, not blown up to fill the screen.
      view.current = fitBounds(bounds, size.current, 32, nodes?.length ? 1 : 1.2);
      draw();
    },
    [layout, draw]
  );
  const fitAll = useCallback(() => fitTo(), [fitTo]);
  const limits = useCallback(
    () => minScale(fitBounds({ x: 0, y: 0, width: layout.width, height: layout.height }, size.current)),
    [layout]
  );
  const zoomBy = useCallback(
    (factor: number, sx = size.current.width / 2, sy = size.current.height / 2) => {
      view.current = zoomAt(view.current, factor, sx, sy, limits());
      draw();
    },
    [draw, limits]
  );

  // Track the container size; fit once the graph first has room.
  useLayoutEffect(() => {
    const el = containerRef.current;
    const canvas = canvasRef.current;
    if (!el || !canvas) {
      return;
    }
    const resize = () => {
      const rect = el.getBoundingClientRect();
      const dpr = window.devicePixelRatio || 1;
      size.current = { width: Math.floor(rect.width), height: Math.floor(rect.height) };
      canvas.width = Math.floor(rect.width * dpr);
      canvas.height = Math.floor(rect.height * dpr);
      if (!fitted.current && rect.width > 0) {
        fitted.current = true;
        fitTo(focus?.nodes);
      }
      draw();
    };
    resize();
    const observer = new ResizeObserver(resize);
    observer.observe(el);
    return () => observer.disconnect();
    // Only the first fit follows `focus`; later focus requests have their own effect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fitTo, draw]);

  // A new layout (different asset set) starts from "fit".
  useEffect(() => {
    fitted.current = size.current.width > 0;
    fitAll();
  }, [layout, fitAll]);

  useEffect(() => {
    if (focus && focus.nodes.length) {
      fitTo(focus.nodes);
    }
    // Keyed on the request, not on fitTo identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus?.key]);

  useEffect(draw, [draw, graph, highlight, incident, filteredOut, matches, hovered, palette]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) {
      return;
    }
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = canvas.getBoundingClientRect();
      zoomBy(Math.pow(ZOOM_STEP, -e.deltaY / 100), e.clientX - rect.left, e.clientY - rect.top);
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, [zoomBy]);

  const local = (e: PointerEvent) => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  };
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    drag.current = { ...local(e), moved: false };
    e.currentTarget.setPointerCapture?.(e.pointerId);
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const p = local(e);
    const d = drag.current;
    if (d) {
      const dx = p.x - d.x;
      const dy = p.y - d.y;
      if (d.moved || Math.abs(dx) + Math.abs(dy) > DRAG_THRESHOLD) {
        if (!d.moved) {
          setDragging(true);
          setHovered(undefined);
        }
        view.current = { ...view.current, x: view.current.x + dx, y: view.current.y + dy };
        drag.current = { x: p.x, y: p.y, moved: true };
        draw();
      }
      return;
    }
    const w = screenToWorld(view.current, p.x, p.y);
    const node = nodeAt(grid, layout, w.x, w.y);
    if (node !== hovered?.node) {
      setHovered(node === undefined ? undefined : { node, at: placeTooltip(p.x, p.y, size.current) });
    }
  };
  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = undefined;
    setDragging(false);
    if (d && !d.moved) {
      const p = local(e);
      const w = screenToWorld(view.current, p.x, p.y);
      onSelect(nodeAt(grid, layout, w.x, w.y));
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const pan = (dx: number, dy: number) => {
      view.current = { ...view.current, x: view.current.x + dx, y: view.current.y + dy };
      draw();
    };
    const keys: Record<string, () => void> = {
      '+': () => zoomBy(ZOOM_STEP),
      '=': () => zoomBy(ZOOM_STEP),
      '-': () => zoomBy(1 / ZOOM_STEP),
      '0': fitAll,
      ArrowLeft: () => pan(PAN_STEP, 0),
      ArrowRight: () => pan(-PAN_STEP, 0),
      ArrowUp: () => pan(0, PAN_STEP),
      ArrowDown: () => pan(0, -PAN_STEP),
      Escape: () => onSelect(undefined),
    };
    if (keys[e.key]) {
      e.preventDefault();
      keys[e.key]();
    }
  };

  return (
    <div className={styles.container} ref={containerRef} data-testid={testIds.lineage.graph}>
      <canvas
        ref={canvasRef}
        className={styles.canvas}
        role="img"
        aria-label={label}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => setHovered(undefined)}
        onDoubleClick={(e) => {
          const rect = e.currentTarget.getBoundingClientRect();
          zoomBy(ZOOM_STEP * ZOOM_STEP, e.clientX - rect.left, e.clientY - rect.top);
        }}
        onKeyDown={onKeyDown}
      />
      {hovered && !dragging && (
        <div className={styles.tooltip} style={hovered.at} role="tooltip">
          {graph.nodes[hovered.node]?.id} · {graph.nodes[hovered.node]?.status}
        </div>
      )}
      <div className={styles.controls} role="group" aria-label="Zoom">
        <IconButton name="plus" tooltip="Zoom in (+)" onClick={() => zoomBy(ZOOM_STEP)} />
        <IconButton name="minus" tooltip="Zoom out (−)" onClick={() => zoomBy(1 / ZOOM_STEP)} />
        <IconButton name="expand-arrows" tooltip="Fit the whole graph (0)" onClick={fitAll} />
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({
    position: 'relative',
    flex: 1,
    minHeight: 480,
    height: '100%',
    overflow: 'hidden',
    background: theme.colors.background.canvas,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
  canvas: css({
    position: 'absolute',
    inset: 0,
    width: '100%',
    height: '100%',
    cursor: 'grab',
    touchAction: 'none',
    '&:active': { cursor: 'grabbing' },
    '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: -2 },
  }),
  controls: css({
    position: 'absolute',
    right: theme.spacing(1),
    bottom: theme.spacing(1),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    padding: theme.spacing(0.5),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
  tooltip: css({
    position: 'absolute',
    pointerEvents: 'none',
    padding: theme.spacing(0.5, 1),
    background: theme.colors.background.elevated,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    boxShadow: theme.shadows.z2,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
  }),
});
