import { resolveMapping } from '../model';
import { promqlErrors } from '../testing/grammar';
import { diagnosisRangeQuery, diagnosisStep, volumeWindowQuery } from '../backends/prometheus/diagnosisQueries';
import { diagnosisSignals } from './diagnosisSignals';

const m = resolveMapping(undefined);
const T = 1_767_268_800; // s
const series = (kind: string, asset: string, values: number[]) => ({
  metric: { asset_name: asset, cascade_signal: kind },
  values: values.map((v, i) => [T + i * 60, String(v)]),
});
const matrix = (result: unknown[]) => ({ status: 'success', data: { resultType: 'matrix', result } });
const vector = (result: Array<[string, string, number]>) => ({
  status: 'success',
  data: {
    resultType: 'vector',
    result: result.map(([asset, kind, v]) => ({
      metric: { asset_name: asset, cascade_signal: kind },
      value: [T, String(v)],
    })),
  },
});

test('the queries parse with the PromQL grammar, with and without an asset selection, odd names included', () => {
  for (const assets of [undefined, ['a'], ['a"b\\c', '__proto__']]) {
    expect(promqlErrors(diagnosisRangeQuery(m, assets))).toEqual([]);
    expect(promqlErrors(volumeWindowQuery(m, assets, 3600))).toEqual([]);
  }
  expect(diagnosisStep(3600, 15)).toBe(15);
  expect(diagnosisStep(7 * 86400, 15)).toBe(2520);
});

test('range matrix and baselines become per-asset signals (counter reset counted, latest run split off)', () => {
  const { signals, errors } = diagnosisSignals(
    {
      range: matrix([
        series('runs', 'fct', [10, 11, 12, 1, 2]), // reset at step 3 counts 1
        series('rows', 'fct', [1000, 1100, 1200, 100, 110]),
        series('failures', 'fct', [0, 0, 1, 1, 2]),
        series('rowCount', 'fct', [500, 600, 700, 400, 410]),
        series('lastUpdate', 'fct', [T - 60, T - 60, T + 60, T + 60, T + 180]),
      ]),
      dayBefore: vector([
        ['fct', 'rows', 4000],
        ['fct', 'runs', 4],
      ]),
      weekBefore: { status: 'error', errorType: 'bad_data', error: 'boom' },
    },
    m
  );
  expect(errors).toHaveLength(1);
  expect(signals.fct).toEqual({
    updateTimes: [(T - 60) * 1000, (T + 60) * 1000, (T + 180) * 1000],
    firstFailureAt: (T + 120) * 1000,
    range: { runs: 4, rows: 310 },
    latestRuns: { runs: 1, rows: 10 },
    earlierRuns: { runs: 3, rows: 300 },
    rowCountMax: 700,
    rowCountLast: 410,
    dayBefore: { rows: 4000, runs: 4 },
    weekBefore: undefined,
  });
});

test('a counter born inside the range counts its first value (its runs before the first step it was seen)', () => {
  const body = matrix([
    series('failures', 'new', [3, 5]),
    series('runs', 'new', [3, 5]),
    series('rows', 'new', [30, 50]),
  ]);
  const born = diagnosisSignals({ range: body }, m, (T - 60) * 1000).signals.new;
  expect(born).toMatchObject({ firstFailureAt: T * 1000, range: { runs: 5, rows: 50 } });
  // Present since the range's first step: only increases count.
  const old = diagnosisSignals({ range: body }, m, T * 1000).signals.new;
  expect(old).toMatchObject({ firstFailureAt: (T + 60) * 1000, range: { runs: 2, rows: 20 } });
});
