import { resolveMapping, resolveRules } from '../model';
import { promqlErrors } from '../testing/grammar';
import { annotationRangeQuery, annotationStep } from '../backends/prometheus/annotationQueries';
import { alertEvents, annotationEvents, failedRunEvents, slaBreachEvents } from './annotationEvents';

const m = resolveMapping(undefined);
const T = 1_767_268_800_000; // ms, the range's first step
const STEP = 60_000;
const at = (i: number) => T + i * STEP;
const series = (labels: Record<string, string>, values: Array<number | undefined>) => ({
  labels,
  timestamps: values.flatMap((v, i) => (v === undefined ? [] : [at(i)])),
  values: values.filter((v): v is number => v !== undefined),
});
const window = (steps: number) => ({ fromMs: T, toMs: at(steps - 1), stepMs: STEP });
const HOUR = 3_600_000;
const sla = { warningSeconds: 7200, criticalSeconds: 14400 };

test('the query parses with the PromQL grammar for any asset selection and kinds, and selects only asset alerts', () => {
  for (const assets of [undefined, ['a'], ['a"b\\c', '__proto__']]) {
    const q = annotationRangeQuery(m, assets, ['failedRuns', 'slaBreaches', 'alerts']);
    expect(promqlErrors(q)).toEqual([]);
    expect(promqlErrors(annotationRangeQuery(m, assets, ['alerts']))).toEqual([]);
  }
  expect(annotationRangeQuery(m, undefined, ['alerts'])).toContain('ALERTS{asset_name!=""}');
  expect(annotationRangeQuery(m, ['x'], ['failedRuns'])).toBe(
    'label_replace(sum by (asset_name) (asset_execution_failures_total{asset_name="x"}), "cascade_signal", "failures", "", "")'
  );
  expect(annotationStep(3600, 15)).toBe(15);
  expect(annotationStep(7 * 86400, 15)).toBe(1210);
});

describe('failed runs', () => {
  test('each stretch of rising steps is one region, from the step before the first rise to the last', () => {
    const events = failedRunEvents('fct', series({}, [3, 3, 4, 6, 6, 6, 7, 7]), window(8));
    expect(events.map(({ time, timeEnd, text, ongoing }) => ({ time, timeEnd, text, ongoing }))).toEqual([
      { time: at(1), timeEnd: at(3), text: 'fct failed: 3 failed runs', ongoing: false },
      { time: at(5), timeEnd: at(6), text: 'fct failed: 1 failed run', ongoing: false },
    ]);
    expect(events[0]).toMatchObject({
      kind: 'failedRuns',
      severity: 'critical',
      tags: ['fct', 'failed run', 'critical'],
    });
  });

  test('a counter reset counts its new value, and failures up to the last step are still going', () => {
    const [e] = failedRunEvents('x', series({}, [10, 12, 2, 4]), window(4));
    expect(e).toMatchObject({ time: at(0), timeEnd: at(3), ongoing: true });
    expect(e.text).toBe('x failed: 6 failed runs, still failing at the end of the range');
  });

  test('a counter born inside the range counts its first value; a flat counter is no event', () => {
    expect(failedRunEvents('x', series({}, [undefined, undefined, 2, 2]), window(4))).toMatchObject([
      { time: at(1), timeEnd: at(2), text: 'x failed: 2 failed runs' },
    ]);
    expect(failedRunEvents('x', series({}, [5, 5, 5]), window(3))).toEqual([]);
  });
});

describe('SLA breaches', () => {
  test('a breach runs from last update + SLA to the next update; critical when the gap passed the critical SLA', () => {
    const u0 = (at(0) - 1.5 * HOUR) / 1000;
    const u1 = (at(0) + 4.5 * HOUR) / 1000;
    // Steps of an hour: the asset is seen 2.5 h and 3.5 h old, then updated 6 h after u0.
    const w = { fromMs: T, toMs: T + 6 * HOUR, stepMs: HOUR };
    const s = {
      labels: {},
      timestamps: [0, 1, 2, 3, 4, 5, 6].map((h) => T + h * HOUR),
      values: [u0, u0, u0, u0, u0, u1, u1],
    };
    const [e, ...rest] = slaBreachEvents('mrt', s, sla, w);
    expect(rest).toEqual([]);
    expect(e).toMatchObject({
      time: u0 * 1000 + 2 * HOUR,
      timeEnd: u1 * 1000,
      ongoing: false,
      severity: 'critical',
      title: 'mrt past its SLA',
      text: 'mrt past its 2h SLA: no update for 6h, then updated (critical after 4h)',
      tags: ['mrt', 'SLA breach', 'critical'],
    });
  });

  test('a breach without a later update is still open at the end of the range (warning below the critical SLA)', () => {
    const u = (at(0) - 2.5 * HOUR) / 1000;
    const [e] = slaBreachEvents('mrt', series({}, [u, u, u]), sla, window(3));
    expect(e).toMatchObject({ time: u * 1000 + 2 * HOUR, timeEnd: at(2), ongoing: true, severity: 'warning' });
    expect(e.text).toBe('mrt past its 2h SLA: not updated for 2h 32m, still stale');
  });

  test('updates within the SLA are no breach, and a gap no step saw as late is none either', () => {
    const fresh = [0, 1, 2, 3].map((i) => (at(i) - 30_000) / 1000);
    expect(slaBreachEvents('a', series({}, fresh), sla, window(4))).toEqual([]);
    // Each step saw the asset 1 min old, even though the values are 3 h apart: the steps are 3 h.
    const w = { fromMs: T, toMs: T + 6 * HOUR, stepMs: 3 * HOUR };
    const s = {
      labels: {},
      timestamps: [T, T + 3 * HOUR, T + 6 * HOUR],
      values: [T - STEP, T + 3 * HOUR - STEP, T + 6 * HOUR - STEP].map((v) => v / 1000),
    };
    expect(slaBreachEvents('a', s, sla, w)).toEqual([]);
  });

  test("the asset's own SLA override decides", () => {
    const u = (at(0) - 1.5 * HOUR) / 1000;
    const rules = resolveRules({ freshnessOverrides: { tight: { warningSeconds: 3600, criticalSeconds: 7200 } } });
    const body = {
      status: 'success',
      data: {
        resultType: 'matrix',
        result: ['tight', 'loose'].map((a) => ({
          metric: { asset_name: a, cascade_signal: 'lastUpdate' },
          values: [0, 1].map((i) => [at(i) / 1000, String(u)]),
        })),
      },
    };
    const { events } = annotationEvents(body, m, ['slaBreaches'], rules, window(2));
    expect(events.map((e) => [e.asset, e.text])).toEqual([
      ['tight', 'tight past its 1h SLA: not updated for 1h 31m, still stale'],
    ]);
  });
});

describe('alert state changes', () => {
  const labels = { alertname: 'DatasetFreshness', alertstate: 'firing', asset_name: 'mrt' };

  test('each stretch of an ALERTS series is one spell; firing is critical unless the rule says warning', () => {
    const events = alertEvents('mrt', series(labels, [1, 1, 1, undefined, undefined, 1, 1]), window(7));
    expect(events.map(({ time, timeEnd, ongoing, severity }) => ({ time, timeEnd, ongoing, severity }))).toEqual([
      { time: at(0), timeEnd: at(2), ongoing: false, severity: 'critical' },
      { time: at(5), timeEnd: at(6), ongoing: true, severity: 'critical' },
    ]);
    expect(events[1]).toMatchObject({
      title: 'alert DatasetFreshness firing',
      text: 'alert DatasetFreshness firing for mrt, still firing at the end of the range',
      tags: ['mrt', 'alert', 'critical', 'DatasetFreshness', 'firing'],
    });
    expect(alertEvents('mrt', series({ ...labels, severity: 'warning' }, [1]), window(3))[0]).toMatchObject({
      severity: 'warning',
      timeEnd: undefined,
    });
  });

  test('pending is a warning', () => {
    const [e] = alertEvents('mrt', series({ ...labels, alertstate: 'pending' }, [1, 1]), window(4));
    expect(e).toMatchObject({ title: 'alert DatasetFreshness pending', severity: 'warning', ongoing: false });
  });
});

test('the whole answer: kinds not asked for are left out, events sorted by time, a bad body is an error', () => {
  const body = {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: [
        {
          metric: { asset_name: 'b', cascade_signal: 'failures' },
          values: [
            [at(0) / 1000, '0'],
            [at(1) / 1000, '1'],
          ],
        },
        {
          metric: { asset_name: 'a', cascade_signal: 'alert', alertname: 'X', alertstate: 'pending' },
          values: [[at(0) / 1000, '1']],
        },
        { metric: { cascade_signal: 'failures' }, values: [[at(1) / 1000, '1']] },
      ],
    },
  };
  const rules = resolveRules();
  const all = annotationEvents(body, m, ['failedRuns', 'slaBreaches', 'alerts'], rules, window(3));
  expect(all.events.map((e) => [e.asset, e.kind, e.time])).toEqual(
    [
      ['b', 'failedRuns', at(0)],
      ['a', 'alerts', at(0)],
    ].sort((x, y) => (x[2] as number) - (y[2] as number) || String(x[0]).localeCompare(String(y[0])))
  );
  expect(annotationEvents(body, m, ['alerts'], rules, window(3)).events.map((e) => e.asset)).toEqual(['a']);
  expect(annotationEvents({ status: 'error', error: 'boom' }, m, ['alerts'], rules, window(3)).errors).toHaveLength(1);
});
