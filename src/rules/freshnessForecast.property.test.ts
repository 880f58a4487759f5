/** Property tests (fast-check) of the freshness forecast, plus the sentences of the issue. */
import fc from 'fast-check';
import { DEFAULT_FORECAST_RULES } from '../model';
import { cadenceFromUpdates, compareTimeToBreach, forecastFreshness, ForecastInput } from './freshnessForecast';

const MIN = 60_000;
const NOW = Date.UTC(2026, 0, 1, 15, 0);

const input = fc.record({
  asset: fc.constantFrom('a', 'b', 'c'),
  lastUpdate: fc.option(fc.integer({ min: NOW - 48 * 60 * MIN, max: NOW }), { nil: undefined }),
  updateTimes: fc.array(fc.integer({ min: NOW - 48 * 60 * MIN, max: NOW }), { maxLength: 8 }),
  runs: fc.option(fc.nat(500), { nil: undefined }),
  rangeSeconds: fc.constantFrom(3600, 6 * 3600, 86400),
  slaSeconds: fc.integer({ min: 60, max: 8 * 3600 }),
  blockedBy: fc.array(fc.constantFrom('fct', 'stg'), { maxLength: 2 }),
});

test('the state follows its definition and the sentence says it', () => {
  fc.assert(
    fc.property(input, (x) => {
      const f = forecastFreshness(x, NOW);
      expect(f.state === 'blocked').toBe(x.blockedBy.length > 0);
      if (f.state === 'blocked') {
        expect(f.summary).toBe(`blocked by ${x.blockedBy.join(', ')}`);
      }
      if (x.lastUpdate !== undefined) {
        expect(f.slaBreachAt).toBe(x.lastUpdate + x.slaSeconds * 1000);
      }
      if (f.cadenceSeconds !== undefined && f.lastUpdate !== undefined) {
        expect(f.expectedNextUpdate).toBeCloseTo(f.lastUpdate + f.cadenceSeconds * 1000, 3);
      }
      if (f.state === 'late' && f.expectedNextUpdate !== undefined) {
        expect(NOW - f.expectedNextUpdate).toBeGreaterThan(
          DEFAULT_FORECAST_RULES.lateGraceFraction * f.cadenceSeconds! * 1000 - 1e-6
        );
        expect(f.summary).toMatch(/^late by /);
      }
      if (f.state === 'breach-predicted') {
        expect(f.expectedNextUpdate!).toBeGreaterThan(f.slaBreachAt!);
        expect(f.summary).toMatch(/SLA/);
      }
      if (f.state === 'on-time' && f.slaBreachAt !== undefined) {
        expect(f.expectedNextUpdate ?? -Infinity).toBeLessThanOrEqual(
          f.expectedNextUpdate === undefined ? Infinity : f.slaBreachAt
        );
      }
    })
  );
});

test('cadence: a regular period is found exactly from the update times, in any order, with repeats', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 2, max: 20 }), (periodS, count) => {
      const times = Array.from({ length: count }, (_, i) => NOW - i * periodS * 1000);
      expect(cadenceFromUpdates([...times, ...times.slice(0, 2)].reverse())).toBe(periodS);
    })
  );
  expect(cadenceFromUpdates([NOW])).toBeUndefined();
});

test('sorting puts the soonest breach first and assets without a forecast last', () => {
  fc.assert(
    fc.property(fc.array(input, { maxLength: 20 }), (xs) => {
      const sorted = xs.map((x) => forecastFreshness(x, NOW)).sort(compareTimeToBreach);
      for (let i = 1; i < sorted.length; i++) {
        expect(sorted[i - 1].slaBreachAt ?? Infinity).toBeLessThanOrEqual(sorted[i].slaBreachAt ?? Infinity);
      }
    })
  );
});

describe('the sentences of the issue', () => {
  const every15: ForecastInput = {
    asset: 'mrt',
    lastUpdate: NOW - 10 * MIN,
    updateTimes: [NOW - 40 * MIN, NOW - 25 * MIN, NOW - 10 * MIN],
    slaSeconds: 2 * 3600,
  };
  it('on time', () => {
    expect(forecastFreshness(every15, NOW)).toMatchObject({
      state: 'on-time',
      cadenceSeconds: 900,
      cadenceSource: 'updates',
      expectedNextUpdate: NOW + 5 * MIN,
      summary: 'next update in 5 min',
    });
  });
  it('late by 12 min', () => {
    expect(forecastFreshness({ ...every15, lastUpdate: NOW - 27 * MIN }, NOW)).toMatchObject({
      state: 'late',
      summary: 'late by 12 min',
    });
  });
  it('breaches its SLA in 35 min (hourly asset whose next update is due after its SLA)', () => {
    const hourly = { asset: 'pub', lastUpdate: NOW - 40 * MIN, runs: 6, rangeSeconds: 6 * 3600, slaSeconds: 75 * 60 };
    expect(forecastFreshness({ ...hourly, slaSeconds: 45 * 60 }, NOW)).toMatchObject({
      state: 'breach-predicted',
      cadenceSource: 'executions',
      summary: 'breaches its SLA in 5 min',
    });
    expect(forecastFreshness({ ...hourly, lastUpdate: NOW - 20 * MIN, slaSeconds: 55 * 60 }, NOW).summary).toBe(
      'breaches its SLA in 35 min'
    );
  });
  it('blocked by fct_glucose_readings', () => {
    expect(forecastFreshness({ ...every15, blockedBy: ['fct_glucose_readings'] }, NOW).summary).toBe(
      'blocked by fct_glucose_readings'
    );
  });
  it('late past the SLA says both', () => {
    expect(forecastFreshness({ ...every15, lastUpdate: NOW - 150 * MIN }, NOW).summary).toBe(
      'late by 2h 15m, SLA breached 30 min ago'
    );
  });
});
