import { CascadeAlert } from '../model';
import { containerHealth, severityRank, sortAlerts } from './overviewAlerts';

const alert = (alertname: string, state: string, severity?: string, activeAt?: number): CascadeAlert => ({
  alertname,
  state,
  severity,
  activeAt,
  labels: {},
});

describe('sortAlerts', () => {
  it('puts firing before pending, then severity, then the longest active', () => {
    const sorted = sortAlerts([
      alert('A', 'pending', 'critical', 1),
      alert('B', 'firing', 'warning', 5),
      alert('C', 'firing', 'critical', 9),
      alert('D', 'firing', 'warning', 2),
      alert('E', 'firing'),
    ]);
    expect(sorted.map((a) => a.alertname)).toEqual(['C', 'D', 'B', 'E', 'A']);
  });
  it('ranks unknown severities lowest', () => {
    expect(severityRank('CRITICAL')).toBeGreaterThan(severityRank('info'));
    expect(severityRank(undefined)).toBe(0);
  });
});

describe('containerHealth', () => {
  it('grades healthy/total', () => {
    expect(containerHealth({ containersHealthy: 5, containersTotal: 5 }).level).toBe('ok');
    expect(containerHealth({ containersHealthy: 4, containersTotal: 5 })).toEqual({
      healthy: 4,
      total: 5,
      unhealthy: 1,
      level: 'warning',
    });
    expect(containerHealth({ containersHealthy: 0, containersTotal: 3 }).level).toBe('critical');
    expect(containerHealth(undefined).level).toBe('unknown');
    expect(containerHealth({ containersHealthy: 0, containersTotal: 0 }).level).toBe('unknown');
  });
});
