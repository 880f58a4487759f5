import { buildLineageGraph } from './lineageGraph';
import { layoutLineage } from './lineageLayout';
import {
  buildNodeGrid,
  fitBounds,
  forEachNodeIn,
  levelOfDetail,
  nodeAt,
  nodesBounds,
  placeTooltip,
  screenToWorld,
  truncateMiddle,
  visibleWorld,
  zoomAt,
} from './lineageLayoutView';
import { generateLineage } from '../testing/lineageData';

describe('view transforms', () => {
  it('fits bounds centred inside the padded viewport', () => {
    const v = fitBounds({ x: 100, y: 0, width: 1000, height: 100 }, { width: 540, height: 400 }, 20);
    expect(v.scale).toBeCloseTo(0.5);
    const centre = screenToWorld(v, 270, 200);
    expect(centre.x).toBeCloseTo(600);
    expect(centre.y).toBeCloseTo(50);
  });

  it('zooms around the cursor and clamps the scale', () => {
    const v = { scale: 1, x: 10, y: 20 };
    const before = screenToWorld(v, 300, 200);
    const z = zoomAt(v, 2, 300, 200, 0.1);
    const after = screenToWorld(z, 300, 200);
    expect(z.scale).toBe(2);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
    expect(zoomAt(v, 1e6, 0, 0, 0.1).scale).toBe(2.5);
    expect(zoomAt(v, 1e-6, 0, 0, 0.1).scale).toBe(0.1);
  });

  it('reports the visible world rectangle', () => {
    expect(visibleWorld({ scale: 2, x: -100, y: 0 }, { width: 400, height: 200 })).toEqual({
      x: 50,
      y: -0,
      width: 200,
      height: 100,
    });
  });

  it('draws less detail when zoomed out', () => {
    expect(levelOfDetail(0.1)).toBe('dot');
    expect(levelOfDetail(0.5)).toBe('label');
    expect(levelOfDetail(0.6)).toBe('full');
    expect(levelOfDetail(1)).toBe('full');
  });
});

describe('node grid', () => {
  const { assets, edges } = generateLineage(2000, 11);
  const layout = layoutLineage(buildLineageGraph(assets, edges));
  const grid = buildNodeGrid(layout, 300);

  it('finds exactly the nodes a brute-force scan finds in a rectangle', () => {
    const rect = { x: layout.width * 0.3, y: layout.height * 0.4, width: 900, height: 500 };
    const found: number[] = [];
    forEachNodeIn(grid, layout, rect, (i) => found.push(i));
    const expected: number[] = [];
    for (let i = 0; i < layout.x.length; i++) {
      const inside =
        layout.x[i] <= rect.x + rect.width &&
        layout.x[i] + layout.nodeWidth >= rect.x &&
        layout.y[i] <= rect.y + rect.height &&
        layout.y[i] + layout.nodeHeight >= rect.y;
      if (inside) {
        expected.push(i);
      }
    }
    expect(found.sort((a, b) => a - b)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('hit-tests a point inside a node and misses empty space', () => {
    const i = 123;
    expect(nodeAt(grid, layout, layout.x[i] + 5, layout.y[i] + layout.nodeHeight - 1)).toBe(i);
    expect(nodeAt(grid, layout, -500, -500)).toBeUndefined();
  });

  it('bounds a set of nodes', () => {
    expect(nodesBounds(layout, [])).toBeUndefined();
    const b = nodesBounds(layout, [0, 1])!;
    expect(b.x).toBe(Math.min(layout.x[0], layout.x[1]));
    expect(b.width).toBeGreaterThanOrEqual(layout.nodeWidth);
  });
});

describe('placeTooltip', () => {
  const viewport = { width: 600, height: 400 };
  it('goes right of and below a point in the top-left half', () => {
    expect(placeTooltip(100, 50, viewport)).toEqual({ left: 112, top: 62 });
  });
  it('flips left and up near the right and bottom edges, so it stays inside the canvas', () => {
    expect(placeTooltip(590, 390, viewport)).toEqual({ right: 22, bottom: 22 });
  });
});

describe('truncateMiddle', () => {
  it('keeps both ends of a long name and the whole of a short one', () => {
    expect(truncateMiddle('fct_glucose_readings', 12)).toBe('fct_gl…dings');
    expect(truncateMiddle('fct_glucose_readings', 12)).toHaveLength(12);
    expect(truncateMiddle('stg', 12)).toBe('stg');
    expect(truncateMiddle('abc', 1)).toBe('');
    expect(truncateMiddle('abcdef', 2)).toBe('a…');
  });
});
