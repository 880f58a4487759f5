import { AssetHealth } from '../model';
import { lineagePositions, reusablePositions } from './lineagePositions';

const row = (asset: string, layer: string, upstream: string[] = []): AssetHealth => ({
  asset,
  layer,
  status: 'ok',
  reasons: [],
  upstream,
  downstream: [],
});

describe('lineagePositions (fixedx/fixedy for the Node Graph panel)', () => {
  it('places every asset, upstream-only ones included, left to right by layer', () => {
    const pos = lineagePositions([
      row('stg', 'silver', ['raw']),
      row('fct', 'gold', ['stg']),
      row('raw', 'bronze'),
      row('dim', 'gold', ['external_source']),
    ]);
    expect([...pos.keys()].sort()).toEqual(['dim', 'external_source', 'fct', 'raw', 'stg']);
    expect(pos.get('raw')!.x).toBeLessThan(pos.get('stg')!.x);
    expect(pos.get('stg')!.x).toBeLessThan(pos.get('fct')!.x);
    for (const p of pos.values()) {
      expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    }
  });

  it('is the same layout for the same assets in any order', () => {
    const rows = [row('a', 'bronze'), row('b', 'silver', ['a']), row('c', 'silver', ['a'])];
    expect(lineagePositions(rows)).toEqual(lineagePositions([...rows].reverse()));
  });
});

describe('reusablePositions', () => {
  const rows = [row('a', 'bronze'), row('b', 'silver', ['a']), row('c', 'silver', ['x'])];
  const cached = lineagePositions(rows);

  it('keeps the layout for the same nodes (statuses changed), drops it when a node is added or replaced', () => {
    expect(
      reusablePositions(
        rows.map((r) => ({ ...r, status: 'failing' as const })),
        cached
      )
    ).toBe(cached);
    expect(reusablePositions([...rows, row('d', 'gold')], cached)).toBeUndefined();
    expect(reusablePositions([rows[0], rows[1], row('c', 'silver', ['y'])], cached)).toBeUndefined();
    expect(reusablePositions(rows, undefined)).toBeUndefined();
  });
});
