import { AssetSeverity, AssetStatus, DEFAULT_HEALTH_RULES, HealthRules, resolveRules } from '../model';
import { compareUrgency, evaluateHealth, formatDuration, severityOf, slaFor, worstStatus } from './healthRules';

const rules: HealthRules = resolveRules(undefined);
const fresh = { asset: 'a', freshness: 60, passRate: 100, runs: 10, failures: 0 };

describe('evaluateHealth', () => {
  it('ok when every rule passes', () => {
    expect(evaluateHealth(fresh, rules)).toEqual({ status: 'ok', severity: 'none', reasons: [] });
  });

  it('freshness: > 2h stale (warning), > 4h stale (critical), strictly greater', () => {
    expect(evaluateHealth({ ...fresh, freshness: 7200 }, rules).status).toBe('ok');
    expect(evaluateHealth({ ...fresh, freshness: 7201 }, rules)).toEqual({
      status: 'stale',
      severity: 'warning',
      reasons: ['not updated for 2h (SLA 2h)'],
    });
    expect(evaluateHealth({ ...fresh, freshness: 5 * 3600 + 120 }, rules)).toEqual({
      status: 'stale',
      severity: 'critical',
      reasons: ['not updated for 5h 2m (critical after 4h)'],
    });
  });

  it('per-asset SLA overrides win over the default', () => {
    const custom = resolveRules({ freshnessOverrides: { a: { warningSeconds: 600, criticalSeconds: 1200 } } });
    expect(slaFor('a', custom)).toEqual({ warningSeconds: 600, criticalSeconds: 1200 });
    expect(slaFor('b', custom)).toEqual(DEFAULT_HEALTH_RULES.freshness);
    expect(evaluateHealth({ ...fresh, freshness: 900 }, custom).status).toBe('stale');
    expect(evaluateHealth({ ...fresh, asset: 'b', freshness: 900 }, custom).status).toBe('ok');
  });

  it('pass rate < 95% → quality (warning); error rate > 10% → errors (critical); last run failed → failing (critical)', () => {
    expect(evaluateHealth({ ...fresh, passRate: 94.5 }, rules)).toEqual({
      status: 'quality',
      severity: 'warning',
      reasons: ['validation pass rate 94.5% < 95%'],
    });
    expect(evaluateHealth({ ...fresh, passRate: 95 }, rules).status).toBe('ok');
    expect(evaluateHealth({ ...fresh, failures: 1 }, rules).status).toBe('ok');
    expect(evaluateHealth({ ...fresh, failures: 2 }, rules)).toEqual({
      status: 'errors',
      severity: 'critical',
      reasons: ['error rate 20% > 10% (2 of 10 runs failed)'],
    });
    expect(evaluateHealth({ ...fresh, lastRunFailure: 'last run failed' }, rules)).toEqual({
      status: 'failing',
      severity: 'critical',
      reasons: ['last run failed'],
    });
  });

  it('collects every reason and reports the worst status', () => {
    const r = evaluateHealth(
      { asset: 'a', freshness: 3 * 3600, passRate: 50, runs: 4, failures: 4, lastRunFailure: 'last run failed' },
      rules
    );
    expect(r.status).toBe('failing');
    expect(r.severity).toBe('critical');
    expect(r.reasons).toHaveLength(4);
  });

  it('names the status after the most severe problem, not the first: critical stale beats a quality warning', () => {
    const r = evaluateHealth({ asset: 'a', freshness: 5 * 3600, passRate: 50, runs: 4, failures: 0 }, rules);
    expect(r).toMatchObject({ status: 'stale', severity: 'critical' });
    const w = evaluateHealth({ asset: 'a', freshness: 3 * 3600, passRate: 50, runs: 4, failures: 0 }, rules);
    expect(w).toMatchObject({ status: 'stale', severity: 'warning' });
  });

  it('unknown without any metric; configured thresholds apply', () => {
    expect(evaluateHealth({ asset: 'a' }, rules)).toEqual({
      status: 'unknown',
      severity: 'none',
      reasons: ['no metrics for this asset in the range'],
    });
    const strict = resolveRules(
      { minPassRate: 99.9, maxErrorRate: 0 },
      { freshness: { warningSeconds: 30, criticalSeconds: 90 } }
    );
    expect(evaluateHealth({ ...fresh, passRate: 99.8 }, strict).status).toBe('stale');
    expect(evaluateHealth({ ...fresh, freshness: 10, failures: 1 }, strict).status).toBe('errors');
  });
});

describe('helpers', () => {
  it('formatDuration', () => {
    expect([0, 59, 60, 3600, 3660, 86400, 90000].map(formatDuration)).toEqual([
      '0s',
      '59s',
      '1m',
      '1h',
      '1h 1m',
      '1d',
      '1d 1h',
    ]);
  });

  it('compareUrgency: severity first (critical > warning > none), then kind, then stalest', () => {
    expect(worstStatus('stale', 'quality')).toBe('stale');
    const rows: Array<{ asset: string; status: AssetStatus; severity?: AssetSeverity; freshness?: number }> = [
      { asset: 'ok', status: 'ok' },
      { asset: 'q', status: 'quality', severity: 'warning' },
      { asset: 's2', status: 'stale', severity: 'warning', freshness: 10 },
      { asset: 's1', status: 'stale', severity: 'warning', freshness: 20 },
      { asset: 'f', status: 'failing', severity: 'critical' },
      { asset: 'u', status: 'unknown' },
      { asset: 'sc', status: 'stale', severity: 'critical' },
      { asset: 'e', status: 'errors' },
    ];
    expect([...rows].sort(compareUrgency).map((r) => r.asset)).toEqual(['f', 'sc', 'e', 's1', 's2', 'q', 'u', 'ok']);
    expect(severityOf({ status: 'errors' })).toBe('critical');
    expect(severityOf({ status: 'ok', severity: 'critical' })).toBe('none');
  });
});
