import { AssetHealth, DEFAULT_VOLUME_RULES, resolveRules } from '../model';
import { applyVolumeSignals, diagnose } from './diagnose';

const MIN = 60_000;
const NOW = Date.UTC(2026, 0, 1, 15, 0);
const row = (asset: string, over: Partial<AssetHealth>): AssetHealth => ({
  asset,
  status: 'ok',
  reasons: [],
  upstream: [],
  downstream: [],
  ...over,
});

test('chain failure with a volume drop upstream: the drop is the root, the failure and the stale asset are impacted', () => {
  const rows = [
    row('stg', { owner: 'ingest', lastUpdate: NOW - MIN, runs: 24 }),
    row('fct', {
      owner: 'ingest',
      upstream: ['stg'],
      status: 'failing',
      reasons: ['last run failed'],
      lastUpdate: NOW - 150 * MIN,
    }),
    row('mrt', {
      owner: 'analytics',
      upstream: ['fct'],
      status: 'stale',
      reasons: ['not updated'],
      lastUpdate: NOW - 150 * MIN,
    }),
    row('pub', { owner: 'bi', upstream: ['mrt'], lastUpdate: NOW - 100 * MIN, runs: 6 }),
  ];
  const d = diagnose(
    rows,
    {
      stg: { range: { rows: 24 * 1020, runs: 24 }, dayBefore: { rows: 24 * 9800, runs: 24 } },
      fct: { firstFailureAt: NOW - 58 * MIN },
    },
    { rules: resolveRules(undefined), fromMs: NOW - 6 * 60 * MIN, toMs: NOW }
  );
  expect(d.anomalies.map((a) => a.reason)).toEqual(['rows per run 1,020 vs 9,800 usual (\u221290%)']);
  expect(d.incidents).toHaveLength(1);
  const [inc] = d.incidents;
  expect(inc).toMatchObject({
    root: 'stg',
    status: 'volume',
    impacted: ['fct', 'mrt'],
    blastRadius: ['fct', 'mrt', 'pub'],
    owners: ['analytics', 'bi', 'ingest'],
    // fct and mrt passed their 2 h SLA 30 min ago; pub will in 20 min.
    firstSlaBreachAt: NOW - 30 * MIN,
  });
  expect(d.rows.find((r) => r.asset === 'mrt')).toMatchObject({ rootCauses: ['stg'], isRootCause: false });
  expect(d.rows.find((r) => r.asset === 'stg')).toMatchObject({ rootCauses: [], isRootCause: true });
  // The pages' volume column and chart read the rule's own comparison from the diagnosed row.
  expect(d.rows.find((r) => r.asset === 'stg')).toMatchObject({
    rowsPerRun: 1020,
    usualRowsPerRun: 9800,
    usualRowsPerRunFrom: 'day-before',
    volumeAnomalies: ['rows per run 1,020 vs 9,800 usual (\u221290%)'],
  });
  expect(d.rows.find((r) => r.asset === 'mrt')?.rowsPerRun).toBeUndefined();
  expect(d.forecasts.find((f) => f.asset === 'pub')).toMatchObject({ state: 'blocked', summary: 'blocked by stg' });

  // Without the drop, fct is the root; since = its first failed run in the range.
  const noDrop = diagnose(
    rows,
    { fct: { firstFailureAt: NOW - 58 * MIN } },
    {
      rules: resolveRules(undefined),
      fromMs: NOW - 6 * 60 * MIN,
      toMs: NOW,
    }
  );
  expect(noDrop.incidents[0]).toMatchObject({ root: 'fct', since: NOW - 58 * MIN, impacted: ['mrt'] });
});

test("applyVolumeSignals: the health query's volume step gives the rows the diagnosis gives them", () => {
  const rows = [row('stg', { runs: 24 }), row('fct', { upstream: ['stg'], runs: 24 })];
  const signals = { stg: { range: { rows: 24 * 1020, runs: 24 }, dayBefore: { rows: 24 * 9800, runs: 24 } } };
  const { rows: out, anomalies } = applyVolumeSignals(rows, signals);
  expect(anomalies).toHaveLength(1);
  expect(out[0]).toMatchObject({
    status: 'volume',
    severity: 'warning',
    reasons: ['rows per run 1,020 vs 9,800 usual (\u221290%)'],
    rowsPerRun: 1020,
    usualRowsPerRun: 9800,
  });
  expect(out[1]).toBe(rows[1]);
  const diagnosed = diagnose(rows, signals, { rules: resolveRules(undefined), fromMs: NOW - 60 * MIN, toMs: NOW });
  expect(diagnosed.rows[0]).toMatchObject(out[0]);
  // The severity is the rules' to choose.
  expect(applyVolumeSignals(rows, signals, { ...DEFAULT_VOLUME_RULES, severity: 'critical' }).rows[0]).toMatchObject({
    status: 'volume',
    severity: 'critical',
  });
});
