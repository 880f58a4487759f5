import { createTheme } from '@grafana/data';
import { buildLineageGraph, neighbourhood } from '../../lineage/lineageGraph';
import { layoutLineage } from '../../lineage/lineageLayout';
import { buildNodeGrid, fitBounds } from '../../lineage/lineageLayoutView';
import { generateLineage } from '../../testing/lineageData';
import { lineagePalette } from './drawLineage';
import { LineageFrameRenderer } from './lineageBitmap';

/**
 * jsdom has no canvas: getContext returns a recorder counting the calls the renderer makes (only
 * the methods it uses). Pixels are checked in Chromium by the sandbox specs.
 */
type Recorder = CanvasRenderingContext2D & { calls: Record<string, number> };
const contexts: Recorder[] = [];
function recorder(): Recorder {
  const calls: Record<string, number> = {};
  const count = (name: string) => () => {
    calls[name] = (calls[name] ?? 0) + 1;
  };
  const ctx = { calls, measureText: (t: string) => ({ width: t.length * 7 }) } as Record<string, unknown>;
  for (const m of [
    'clearRect',
    'fillRect',
    'strokeRect',
    'beginPath',
    'moveTo',
    'lineTo',
    'bezierCurveTo',
    'rect',
    'fill',
    'stroke',
    'fillText',
    'drawImage',
    'setTransform',
  ]) {
    ctx[m] = count(m);
  }
  return ctx as unknown as Recorder;
}
const original = HTMLCanvasElement.prototype.getContext;
beforeAll(() => {
  HTMLCanvasElement.prototype.getContext = function getContext() {
    const ctx = recorder();
    contexts.push(ctx);
    return ctx;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext;
});
afterAll(() => {
  HTMLCanvasElement.prototype.getContext = original;
});

const palette = lineagePalette(createTheme());
const { assets, edges } = generateLineage(10000, 21);
const graph = buildLineageGraph(assets, edges);
const layout = layoutLineage(graph);
const grid = buildNodeGrid(layout);
const size = { width: 1400, height: 800 };
const fit = fitBounds({ x: 0, y: 0, width: layout.width, height: layout.height }, size, 32);
const scene = { graph, layout, grid, size };

describe('LineageFrameRenderer', () => {
  it('renders the zoomed-out base layer once, then pans and selects by blitting it', () => {
    contexts.length = 0;
    const r = new LineageFrameRenderer();
    const screen = recorder();
    expect(r.draw(screen, { ...scene, view: fit }, palette, 1)).toBe('cached');
    expect(contexts).toHaveLength(1);
    const base = contexts[0];
    expect(base.calls.rect).toBe(10000);

    expect(r.draw(screen, { ...scene, view: { ...fit, x: fit.x + 40 } }, palette, 1)).toBe('cached');
    const highlight = neighbourhood(graph, graph.index.get(assets[0].id)!);
    expect(r.draw(screen, { ...scene, view: fit, highlight }, palette, 1)).toBe('cached');
    // No new bitmap and no node drawn again into it: only drawImage plus the small overlay.
    expect(contexts).toHaveLength(1);
    expect(base.calls.rect).toBe(10000);
    expect(screen.calls.drawImage).toBe(3);
    expect(screen.calls.rect ?? 0).toBeLessThan(10000);
  });

  it('shows the scaled bitmap while zooming and re-renders once the wheel rests', () => {
    jest.useFakeTimers();
    contexts.length = 0;
    const r = new LineageFrameRenderer();
    const ready = jest.fn();
    r.onBitmapReady = ready;
    const screen = recorder();
    r.draw(screen, { ...scene, view: fit }, palette, 1);
    const zoomed = { ...fit, scale: fit.scale * 1.25 };
    expect(r.draw(screen, { ...scene, view: zoomed }, palette, 1)).toBe('scaled');
    expect(r.draw(screen, { ...scene, view: { ...zoomed, scale: zoomed.scale * 1.1 } }, palette, 1)).toBe('scaled');
    expect(contexts).toHaveLength(1);
    jest.advanceTimersByTime(500);
    expect(ready).toHaveBeenCalledTimes(1);
    expect(contexts).toHaveLength(2);
    expect(r.draw(screen, { ...scene, view: { ...zoomed, scale: zoomed.scale * 1.1 } }, palette, 1)).toBe('cached');
    jest.useRealTimers();
  });

  it('draws directly when zoomed in (culling keeps it cheap) and when the filter changes the base', () => {
    contexts.length = 0;
    const r = new LineageFrameRenderer();
    const screen = recorder();
    expect(r.draw(screen, { ...scene, view: { scale: 1, x: 0, y: 0 } }, palette, 1)).toBe('direct');
    expect(contexts).toHaveLength(0);
    r.draw(screen, { ...scene, view: fit }, palette, 1);
    r.draw(screen, { ...scene, view: fit, filteredOut: new Uint8Array(graph.nodes.length) }, palette, 1);
    expect(contexts).toHaveLength(2);
  });
});
