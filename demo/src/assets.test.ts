import { defaultAssets, generateAssets, topologicalOrder } from './assets';

test("defaultAssets is the seed's chain", () => {
  const assets = defaultAssets();
  expect(assets.map((a) => a.name)).toEqual([
    'dlt_glucose_entries',
    'stg_glucose_entries',
    'fct_glucose_readings',
    'mrt_glucose_readings',
    'publish_to_postgres',
  ]);
  expect(assets.slice(1).map((a) => a.upstream)).toEqual([
    ['dlt_glucose_entries'],
    ['stg_glucose_entries'],
    ['fct_glucose_readings'],
    ['mrt_glucose_readings'],
  ]);
  expect(assets.flatMap((a) => a.checks)).toEqual(
    expect.arrayContaining([
      'glucose_range_check',
      'glucose_freshness_check',
      'no_duplicates',
      'statistical_bounds_check',
      'schema',
    ])
  );
});

test('generateAssets(10000) is fast, deterministic and a layered DAG', () => {
  const t = Date.now();
  const assets = generateAssets(10000, 9);
  // Generous bound: typically ~100 ms, but CI machines are shared.
  expect(Date.now() - t).toBeLessThan(2000);
  expect(assets).toHaveLength(10000);
  expect(generateAssets(10000, 9)).toEqual(assets);
  expect(generateAssets(10000, 10)).not.toEqual(assets);
  expect(new Set(assets.map((a) => a.name)).size).toBe(10000);
  const layer = new Map(assets.map((a) => [a.name, a.layer]));
  for (const a of assets) {
    for (const up of a.upstream) {
      if (a.layer === 'bronze') {
        throw new Error('bronze assets have no upstream');
      }
      expect(a.layer === 'silver' ? layer.get(up) === 'bronze' : layer.get(up) !== 'bronze').toBe(true);
    }
    expect(a.layer === 'bronze' ? a.upstream.length === 0 : a.upstream.length > 0).toBe(true);
  }
  const order = topologicalOrder(assets).map((a) => a.name);
  const pos = new Map(order.map((n, i) => [n, i]));
  for (const a of assets) {
    for (const up of a.upstream) {
      expect(pos.get(up)!).toBeLessThan(pos.get(a.name)!);
    }
  }
  // Depth: gold chains reach well beyond three layers.
  const depth = new Map<string, number>();
  const byName = new Map(assets.map((a) => [a.name, a]));
  for (const name of order) {
    const a = byName.get(name)!;
    depth.set(name, 1 + Math.max(0, ...a.upstream.map((u) => depth.get(u)!)));
  }
  expect(Math.max(...depth.values())).toBeGreaterThan(5);
});

test('small n and bad input', () => {
  expect(generateAssets(1).map((a) => a.layer)).toEqual(['bronze']);
  expect(generateAssets(2).map((a) => a.layer)).toEqual(['bronze', 'silver']);
  expect(() => generateAssets(0)).toThrow(/positive integer/);
  expect(() => topologicalOrder([{ ...defaultAssets()[1], upstream: ['nope'] }])).toThrow(/unknown upstream/);
});
