import { CascadeAlert, SystemUtilization } from '../model';

const SEVERITY_ORDER = ['critical', 'error', 'warning', 'info'];

/** Higher = more severe; unknown or missing severities rank lowest. */
export function severityRank(severity: string | undefined): number {
  const i = SEVERITY_ORDER.indexOf((severity ?? '').toLowerCase());
  return i < 0 ? 0 : SEVERITY_ORDER.length - i;
}

/** Firing before pending, then most severe, then longest active, then name. */
export function sortAlerts(alerts: CascadeAlert[]): CascadeAlert[] {
  const firing = (a: CascadeAlert) => (a.state.toLowerCase() === 'firing' ? 1 : 0);
  return [...alerts].sort(
    (a, b) =>
      firing(b) - firing(a) ||
      severityRank(b.severity) - severityRank(a.severity) ||
      (a.activeAt ?? Number.MAX_SAFE_INTEGER) - (b.activeAt ?? Number.MAX_SAFE_INTEGER) ||
      a.alertname.localeCompare(b.alertname) ||
      (a.asset ?? '').localeCompare(b.asset ?? '')
  );
}

/** Utilization thresholds (percent) for disk and memory gauges. */
export const UTILIZATION_THRESHOLDS = { warning: 80, critical: 90 };

export interface ContainerHealth {
  healthy: number;
  total: number;
  unhealthy: number;
  level: 'ok' | 'warning' | 'critical' | 'unknown';
}

/** Container health: all up = ok, some down = warning, none up = critical. */
export function containerHealth(system: SystemUtilization | undefined): ContainerHealth {
  const healthy = system?.containersHealthy;
  const total = system?.containersTotal;
  if (
    healthy === undefined ||
    total === undefined ||
    !Number.isFinite(healthy) ||
    !Number.isFinite(total) ||
    total <= 0
  ) {
    return { healthy: healthy ?? 0, total: total ?? 0, unhealthy: 0, level: 'unknown' };
  }
  const unhealthy = Math.max(total - healthy, 0);
  const level = unhealthy === 0 ? 'ok' : healthy === 0 ? 'critical' : 'warning';
  return { healthy, total, unhealthy, level };
}
