import { defaultAssets } from './assets';
import { assetProfile, planRun } from './simulator';
import { ScenarioOptions } from './types';

const [dlt, stg, fct] = defaultAssets();
const base: ScenarioOptions = { seed: 5, intervalMs: 1000, failureRate: 0.3 };

test('same seed → same run outcomes; another seed differs', () => {
  const outcomes = (s: ScenarioOptions) =>
    Array.from({ length: 50 }, (_, i) => planRun(fct, i, s, assetProfile(fct, s.seed))).map((p) => [
      p.status,
      p.duration,
      p.rows.fetched,
    ]);
  expect(outcomes(base)).toEqual(outcomes({ ...base }));
  expect(outcomes({ ...base, seed: 6 })).not.toEqual(outcomes(base));
  const statuses = outcomes(base).map((o) => o[0]);
  expect(statuses).toContain('failure');
  expect(statuses).toContain('success');
});

test('failing asset fails every run, at a span that exists, with an error', () => {
  const s = { ...base, failureRate: 0, failingAsset: stg.name };
  for (let i = 0; i < 30; i++) {
    const p = planRun(stg, i, s, assetProfile(stg, 5));
    expect(p.status).toBe('failure');
    expect(p.spans.map((x) => x.name)).toContain(p.failedPhase);
    expect(p.errorType).toBeTruthy();
    expect(p.passRates).toEqual({});
    expect(p.spans.map((x) => x.name)).not.toContain('asset_check');
  }
});

test('slow asset durations are multiplied; children lie within their parents', () => {
  const normal = planRun(dlt, 0, { ...base, failureRate: 0 }, assetProfile(dlt, 5));
  const slow = planRun(dlt, 0, { ...base, failureRate: 0, slowAsset: dlt.name, slowFactor: 8 }, assetProfile(dlt, 5));
  expect(slow.duration / normal.duration).toBeCloseTo(8, 6);
  const byName = new Map(normal.spans.map((s) => [s.name, s]));
  for (const s of normal.spans) {
    if (s.parent) {
      const p = byName.get(s.parent)!;
      expect(s.start).toBeGreaterThanOrEqual(p.start);
      expect(s.end).toBeLessThanOrEqual(p.end + 1e-12);
    }
    expect(s.end).toBeGreaterThanOrEqual(s.start);
  }
  expect(normal.spans[0]).toMatchObject({
    name: dlt.name,
    start: 0,
    end: normal.duration,
    attributes: { asset_name: dlt.name },
  });
  expect(byName.get('fetch_from_api')!.attributes).toMatchObject({
    endpoint: 'nightscout_api',
    rows_fetched: normal.rows.fetched,
  });
  expect(byName.get('iceberg_merge')!.attributes).toMatchObject({
    table: 'raw.dlt_glucose_entries',
    inserts: normal.rows.inserts,
    updates: normal.rows.updates,
  });
  expect(normal.rows.inserts + normal.rows.updates).toBe(normal.rows.valid);
});

test('validation dip sets that check below 95 on every successful run', () => {
  const s = { ...base, failureRate: 0, validationDip: { asset: fct.name, check: 'no_duplicates', passRate: 91.5 } };
  for (let i = 0; i < 10; i++) {
    const p = planRun(fct, i, s, assetProfile(fct, 5));
    expect(p.passRates.no_duplicates).toBe(91.5);
    expect(p.passRates.glucose_range_check).toBeGreaterThanOrEqual(99);
  }
});
