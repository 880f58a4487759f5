import { defaultAssets, generateAssets } from './assets';
import { Pipeline } from './pipeline';
import { AssetState } from './types';

const outcome = (s: Record<string, AssetState>) =>
  Object.fromEntries(
    Object.entries(s).map(([k, v]) => [
      k,
      { runs: v.runs, failures: v.failures, durations: v.durations, rows: v.rowsProcessed, passRates: v.passRates },
    ])
  );

test('same seed → same state after the same runs (no sinks: metrics only)', async () => {
  const make = (seed: number) =>
    new Pipeline({ assets: generateAssets(40, 2), scenario: { seed, intervalMs: 1000, failureRate: 0.2 } });
  const [a, b, c] = [make(1), make(1), make(2)];
  for (let i = 0; i < 4; i++) {
    await Promise.all([a.runAll(), b.runAll(), c.runAll()]);
  }
  expect(outcome(a.state())).toEqual(outcome(b.state()));
  expect(outcome(a.state())).not.toEqual(outcome(c.state()));
  await Promise.all([a.stop(), b.stop(), c.stop()]);
});

test('stale asset never runs and keeps its old update; runAsset and unknown names', async () => {
  const now = 1_800_000_000_000;
  const p = new Pipeline({
    assets: defaultAssets(),
    scenario: { seed: 1, intervalMs: 10000, failureRate: 0, staleAsset: 'stg_glucose_entries', staleSeconds: 7200 },
    now: () => now,
  });
  expect(p.state().stg_glucose_entries.lastUpdate).toBe(now / 1000 - 7200);
  expect(p.state().dlt_glucose_entries.lastUpdate).toBe(now / 1000 - 10);
  await p.runAll();
  await p.runAsset('stg_glucose_entries');
  await p.runAsset('dlt_glucose_entries');
  const s = p.state();
  expect(s.stg_glucose_entries.runs).toBe(0);
  expect(s.stg_glucose_entries.lastUpdate).toBe(now / 1000 - 7200);
  expect(s.dlt_glucose_entries.runs).toBe(2);
  expect(s.dlt_glucose_entries.lastUpdate).toBe(now / 1000);
  await expect(p.runAsset('nope')).rejects.toThrow(/unknown asset/);
  expect(
    () =>
      new Pipeline({
        assets: defaultAssets(),
        scenario: { seed: 1, intervalMs: 1, failureRate: 0, failingAsset: 'nope' },
      })
  ).toThrow(/unknown asset/);
  await p.stop();
});
