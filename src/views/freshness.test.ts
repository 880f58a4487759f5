import { AssetHealth, DEFAULT_HEALTH_RULES, HealthRules, resolveMapping } from '../model';
import fc from 'fast-check';
import {
  forecastLine,
  slaBreachWords,
  complianceByAsset,
  complianceSummary,
  filterFreshness,
  freshnessAgeQuery,
  freshnessExpression,
  freshnessLevel,
  freshnessRows,
  levelCounts,
  noSuccessInRange,
  overallCompliance,
  resolveSla,
  slaCompliance,
} from './freshness';

const H = 3600;
const rules: HealthRules = {
  ...DEFAULT_HEALTH_RULES,
  freshnessOverrides: { daily: { warningSeconds: 24 * H, criticalSeconds: 36 * H } },
};
const row = (asset: string, freshness?: number): AssetHealth => ({
  asset,
  status: 'ok',
  reasons: [],
  upstream: [],
  downstream: [],
  freshness,
});

describe('resolveSla / freshnessLevel', () => {
  it('uses the per-asset override, else the default, and says which', () => {
    expect(resolveSla('daily', rules)).toEqual({ warningSeconds: 24 * H, criticalSeconds: 36 * H, source: 'override' });
    expect(resolveSla('x', rules)).toEqual({ warningSeconds: 2 * H, criticalSeconds: 4 * H, source: 'default' });
  });
  it.each(['constructor', '__proto__', 'toString'])(
    'an asset named %s gets the default SLA, not an inherited property',
    (asset) => {
      expect(resolveSla(asset, rules)).toEqual({ warningSeconds: 2 * H, criticalSeconds: 4 * H, source: 'default' });
    }
  );
  it('grades strictly above each threshold', () => {
    const sla = { warningSeconds: 2 * H, criticalSeconds: 4 * H };
    expect(freshnessLevel(2 * H, sla)).toBe('ok');
    expect(freshnessLevel(2 * H + 1, sla)).toBe('warning');
    expect(freshnessLevel(4 * H + 1, sla)).toBe('critical');
    expect(freshnessLevel(undefined, sla)).toBe('unknown');
  });
});

describe('freshnessRows', () => {
  it('sorts critical, warning, no data, ok; then by age relative to the critical SLA', () => {
    const out = freshnessRows(
      [
        row('fresh', 60),
        row('daily', 30 * H),
        row('late', 3 * H),
        row('dead', 10 * H),
        row('later', 3.5 * H),
        row('nodata'),
      ],
      rules
    );
    expect(out.map((r) => [r.asset, r.level])).toEqual([
      ['dead', 'critical'],
      ['later', 'warning'],
      ['daily', 'warning'],
      ['late', 'warning'],
      ['nodata', 'unknown'],
      ['fresh', 'ok'],
    ]);
    expect(out[0].urgency).toBe(2.5);
    expect(out[2].sla.source).toBe('override');
  });
});

describe('slaCompliance', () => {
  const sla = { warningSeconds: 100, criticalSeconds: 200 };
  it('weights samples by the time they hold', () => {
    // 4 samples 10 s apart over [0, 40 s]: 50, 150, 250, 50 → 2/4 within warning, 3/4 within critical.
    const c = slaCompliance({ timestamps: [0, 10e3, 20e3, 30e3], values: [50, 150, 250, 50] }, sla, {
      from: 0,
      to: 40e3,
    });
    expect(c.withinWarning).toBe(0.5);
    expect(c.withinCritical).toBe(0.75);
    expect(c.coveredMs).toBe(40e3);
    expect(c.samples).toBe(4);
  });
  it('counts gaps as uncovered, not compliant', () => {
    // Samples at 0 and 10 s, then nothing until 40 s: the gap after 20 s is uncovered.
    const c = slaCompliance({ timestamps: [0, 10e3, 40e3], values: [50, 50, 500] }, sla, { from: 0, to: 50e3 });
    expect(c.coveredMs).toBe(30e3);
    expect(c.withinWarning).toBeCloseTo(2 / 3);
  });
  it('skips nulls and clips to the range', () => {
    const c = slaCompliance({ timestamps: [-10e3, 0, 10e3, 20e3], values: [500, null, 50, 50] }, sla, {
      from: -5e3,
      to: 20e3,
    });
    // -10 s (500) holds 5 s inside the range, 10 s (50) holds 10 s, 20 s ends at the range end.
    expect(c.withinWarning).toBeCloseTo(2 / 3);
    expect(c.coveredMs).toBe(15e3);
  });
  it('is undefined without samples', () => {
    expect(slaCompliance({ timestamps: [], values: [] }, sla, { from: 0, to: 1 }).withinWarning).toBeUndefined();
  });
  it('complianceByAsset applies each asset its own SLA', () => {
    const m = complianceByAsset(
      [
        { asset: 'daily', timestamps: [0, 10e3], values: [30 * H, 30 * H] },
        { asset: 'x', timestamps: [0, 10e3], values: [30 * H, 30 * H] },
      ],
      rules,
      { from: 0, to: 20e3 }
    );
    expect(m.get('daily')?.withinCritical).toBe(1);
    expect(m.get('x')?.withinCritical).toBe(0);
  });
});

describe('freshnessExpression', () => {
  it('escapes the asset like the query builders', () => {
    expect(freshnessExpression('a"b\\c')).toBe('time() - asset_last_update_timestamp{asset_name="a\\"b\\\\c"}');
  });
});

describe('complianceSummary', () => {
  const NOW = Date.UTC(2026, 0, 1, 12);
  const full = { withinWarning: 1, withinCritical: 1, coveredMs: H * 1000, totalMs: H * 1000, samples: 60 };
  const fresh = (over: Partial<AssetHealth>) => freshnessRows([{ ...row('fct', 1800), ...over }], rules)[0];

  it('an asset whose every run in the range failed says so, with the time since its last success', () => {
    const r = fresh({ runs: 12, failures: 12, lastUpdate: NOW - 5 * H * 1000 - 120_000 });
    expect(noSuccessInRange(r)).toBe(true);
    expect(complianceSummary(r, full, NOW)).toBe(
      'no successful run in the range (all 12 failed): last success 5h 2m ago'
    );
    expect(complianceSummary(fresh({ runs: 3, failures: 3 }), full, NOW)).toBe(
      'no successful run in the range (all 3 failed): no success reported'
    );
  });

  it('otherwise the compliance over the range; no runs or one success is not "all failed"', () => {
    for (const over of [{ runs: 12, failures: 11 }, { runs: 0, failures: 0 }, {}]) {
      const r = fresh(over);
      expect(noSuccessInRange(r)).toBe(false);
      expect(complianceSummary(r, full, NOW)).toBe(
        'within SLA 100.0% of the time (within critical 100.0%), data for 100.0% of the range'
      );
    }
    expect(complianceSummary(fresh({}), undefined, NOW)).toBe('no freshness samples in the range');
  });
});

describe('freshnessAgeQuery', () => {
  it('puts the age query behind an Explore link on the Prometheus data source', () => {
    const q = freshnessAgeQuery('a"b', resolveMapping(undefined), 'prom-uid', { from: 'now-6h', to: 'now' });
    expect(q.expression).toBe('time() - asset_last_update_timestamp{asset_name="a\\"b"}');
    const panes = JSON.parse(new URL(q.exploreHref!, 'http://x').searchParams.get('panes')!);
    expect(panes.cascade).toMatchObject({
      datasource: 'prom-uid',
      queries: [{ expr: q.expression, datasource: { uid: 'prom-uid', type: 'prometheus' } }],
      range: { from: 'now-6h', to: 'now' },
    });
    expect(
      freshnessAgeQuery('a', resolveMapping(undefined), undefined, { from: 'now-6h', to: 'now' }).exploreHref
    ).toBe(undefined);
  });
});

describe('overallCompliance / filterFreshness / levelCounts', () => {
  it('weights assets by covered time', () => {
    const c = overallCompliance(
      new Map([
        ['a', { withinWarning: 1, withinCritical: 1, coveredMs: 3000, totalMs: 4000, samples: 3 }],
        ['b', { withinWarning: 0, withinCritical: 0.5, coveredMs: 1000, totalMs: 4000, samples: 1 }],
        ['c', { withinWarning: undefined, withinCritical: undefined, coveredMs: 0, totalMs: 4000, samples: 0 }],
      ])
    );
    expect(c.withinWarning).toBe(0.75);
    expect(c.withinCritical).toBe(0.875);
    expect(c.coveredMs).toBe(4000);
    expect(overallCompliance(new Map()).withinWarning).toBeUndefined();
  });
  it('filters by name, level and layer; counts levels', () => {
    const rows = freshnessRows(
      [{ ...row('Dead_Bronze', 10 * H), layer: 'bronze' }, { ...row('fresh_gold', 60), layer: 'gold' }, row('nodata')],
      rules
    );
    expect(filterFreshness(rows, { search: 'dead' }).map((r) => r.asset)).toEqual(['Dead_Bronze']);
    expect(filterFreshness(rows, { levels: ['ok', 'unknown'] }).map((r) => r.asset)).toEqual(['nodata', 'fresh_gold']);
    expect(filterFreshness(rows, { layers: ['gold'] }).map((r) => r.asset)).toEqual(['fresh_gold']);
    expect(filterFreshness(rows, {})).toHaveLength(3);
    expect(levelCounts(rows)).toEqual({ critical: 1, warning: 0, unknown: 1, ok: 1 });
  });
});

describe('forecastLine / slaBreachWords', () => {
  const now = Date.parse('2026-01-01T12:00:00Z');
  const base = { asset: 'mrt', blockedBy: [] as string[], state: 'on-time' as const, summary: 'next update in 5 min' };

  it('a coming breach: its time and how soon', () => {
    expect(forecastLine({ ...base, slaBreachAt: now + 35 * 60_000 }, now, 'utc')).toEqual({
      badge: { color: 'green', text: 'On time' },
      summary: 'next update in 5 min',
      breach: 'SLA breach 2026-01-01 12:35:00 (in 35 min)',
    });
  });

  it('a past breach: past its SLA, how long ago, once; a predicted breach that happened is "Past SLA"', () => {
    const blocked = { ...base, state: 'blocked' as const, summary: 'blocked by stg', slaBreachAt: now - 25 * 60_000 };
    expect(forecastLine(blocked, now, 'utc')).toMatchObject({
      badge: { text: 'Blocked' },
      breach: 'past its SLA: breached 25 min ago',
    });
    const late = { ...base, state: 'late' as const, summary: 'late by 40 min, SLA breached 25 min ago' };
    expect(forecastLine({ ...late, slaBreachAt: now - 25 * 60_000 }, now).breach).toBe('past its SLA');
    const predicted = { ...base, state: 'breach-predicted' as const, summary: 'SLA breached 2 min ago' };
    expect(forecastLine({ ...predicted, slaBreachAt: now - 120_000 }, now).badge).toEqual({
      color: 'red',
      text: 'Past SLA',
    });
    expect(forecastLine({ ...base }, now)).toEqual({
      badge: { color: 'green', text: 'On time' },
      summary: base.summary,
    });
  });

  it('never shows a past time as coming, nor a coming one as past', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3 * 86400_000, max: 3 * 86400_000 }), (offset) => {
        const line = forecastLine({ ...base, slaBreachAt: now + offset }, now, 'utc');
        expect(line.breach!.startsWith('past its SLA')).toBe(offset <= 0);
        expect(slaBreachWords(now + offset, now).past).toBe(offset <= 0);
      })
    );
  });
});
