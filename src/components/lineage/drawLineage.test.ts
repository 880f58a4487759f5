import { createTheme } from '@grafana/data';
import { incidentFocus } from '../../lineage/incidentFocus';
import { buildLineageGraph, neighbourhood } from '../../lineage/lineageGraph';
import { layoutLineage } from '../../lineage/lineageLayout';
import { buildNodeGrid, fitBounds } from '../../lineage/lineageLayoutView';
import { generateLineage } from '../../testing/lineageData';
import { fastestMs } from '../../testing/timing';
import { drawLineage, FAINT, lineagePalette, nodeStats } from './drawLineage';

/**
 * jsdom has no canvas, so the 2D context is a recorder of the calls drawLineage makes (only the
 * methods it uses). What the pixels look like is checked in Chromium by the sandbox specs.
 */
function recordingContext() {
  const calls: Record<string, number> = {};
  const texts: string[] = [];
  /** The alpha each text was last drawn with, and the colour of every stroke. */
  const textAlpha: Record<string, number> = {};
  const strokes: string[] = [];
  const count = (name: string) => () => {
    calls[name] = (calls[name] ?? 0) + 1;
  };
  const ctx = {
    calls,
    texts,
    textAlpha,
    strokes,
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 1,
    globalAlpha: 1,
    font: '',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    clearRect: count('clearRect'),
    fillRect: count('fillRect'),
    strokeRect: count('strokeRect'),
    beginPath: count('beginPath'),
    moveTo: count('moveTo'),
    lineTo: count('lineTo'),
    bezierCurveTo: count('bezierCurveTo'),
    rect: count('rect'),
    fill: count('fill'),
    stroke: () => {
      calls.stroke = (calls.stroke ?? 0) + 1;
      strokes.push(ctx.strokeStyle);
    },
    measureText: (t: string) => ({ width: t.length * 7 }),
    fillText: (t: string) => {
      texts.push(t);
      textAlpha[t] = ctx.globalAlpha;
      calls.fillText = (calls.fillText ?? 0) + 1;
    },
  };
  return ctx as typeof ctx & CanvasRenderingContext2D;
}

const palette = lineagePalette(createTheme());
const { assets, edges } = generateLineage(10000, 21);
const graph = buildLineageGraph(assets, edges);
const layout = layoutLineage(graph);
const grid = buildNodeGrid(layout);
const size = { width: 1400, height: 800 };
const fit = fitBounds({ x: 0, y: 0, width: layout.width, height: layout.height }, size, 32);

describe('drawLineage', () => {
  it('draws all 10,000 nodes as batched boxes when zoomed out, without text', () => {
    const ctx = recordingContext();
    const drawn = drawLineage(ctx, { graph, layout, grid, view: fit, size }, palette);
    expect(drawn.nodes).toBe(10000);
    expect(ctx.calls.rect).toBe(10000);
    // One fill per status and alpha, not one per node.
    expect(ctx.calls.fill).toBeLessThanOrEqual(12);
    expect(ctx.calls.bezierCurveTo).toBeUndefined();
    // Only the band labels are text at this zoom.
    expect(ctx.texts).toEqual(['BRONZE', 'SILVER', 'GOLD']);
  });

  it('culls to the viewport and adds names and stats when zoomed in', () => {
    const ctx = recordingContext();
    const i = graph.index.get(graph.nodes[5000].id)!;
    const view = { scale: 1, x: -layout.x[i] + 100, y: -layout.y[i] + 100 };
    const drawn = drawLineage(ctx, { graph, layout, grid, view, size }, palette);
    expect(drawn.nodes).toBeGreaterThan(0);
    expect(drawn.nodes).toBeLessThan(200);
    expect(drawn.edges).toBeLessThan(graph.edgeSource.length);
    expect(ctx.texts).toContain(graph.nodes[i].id.length > 26 ? expect.any(String) : graph.nodes[i].id);
    expect(ctx.texts.some((t) => t.includes('% pass'))).toBe(true);
  });

  it('redraws a 10,000-node frame with a highlighted neighbourhood fast enough to pan', () => {
    const highlight = neighbourhood(graph, graph.index.get(assets[0].id)!);
    const ms = fastestMs(
      () => drawLineage(recordingContext(), { graph, layout, grid, view: fit, size, highlight }, palette),
      5
    );
    // Recording calls in jsdom, not pixels: a bound on our own per-frame work (culling, batching).
    expect(ms).toBeLessThan(50);
  });
});

describe('drawLineage with a focused incident', () => {
  it('draws the root and impacted assets at full strength over the dimmed rest, the root outlined in red', () => {
    const small = buildLineageGraph(
      [
        { id: 'raw', status: 'ok', layer: 'bronze' },
        { id: 'stg', status: 'failing', layer: 'silver' },
        { id: 'mrt', status: 'stale', layer: 'gold' },
        { id: 'lone', status: 'ok', layer: 'gold' },
      ],
      [
        { source: 'raw', target: 'stg' },
        { source: 'stg', target: 'mrt' },
      ]
    );
    const smallLayout = layoutLineage(small);
    const scene = {
      graph: small,
      layout: smallLayout,
      grid: buildNodeGrid(smallLayout),
      view: { scale: 1, x: 0, y: 0 },
      size: { width: smallLayout.width, height: smallLayout.height },
    };
    const ctx = recordingContext();
    drawLineage(ctx, { ...scene, incident: incidentFocus(small, 'stg') }, palette);
    expect(ctx.textAlpha).toMatchObject({ stg: 1, mrt: 1, raw: FAINT, lone: FAINT });
    expect(ctx.strokes).toContain(palette.incidentRoot);
    // A selection wins over the incident: its neighbourhood is drawn instead.
    const selected = recordingContext();
    const highlight = neighbourhood(small, small.index.get('lone')!);
    drawLineage(selected, { ...scene, incident: incidentFocus(small, 'stg'), highlight }, palette);
    expect(selected.textAlpha).toMatchObject({ lone: 1, stg: FAINT });
    expect(selected.strokes).not.toContain(palette.incidentRoot);
  });
});

describe('nodeStats', () => {
  it('formats freshness and pass rate, falling back to the status', () => {
    expect(nodeStats(7380, 99.54, 'ok')).toBe('2h 3m old · 99.54% pass');
    // The same rule as the side panel: an imperfect pass rate never reads 100%.
    expect(nodeStats(undefined, 99.996, 'ok')).toBe('99.99% pass');
    expect(nodeStats(undefined, undefined, 'unknown')).toBe('unknown');
  });
});
