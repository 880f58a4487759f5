import { AssetSeverity, AssetStatus, FreshnessSla, HealthRules } from '../model';
import { ownValue } from '../model/ownKeys';

/**
 * The status rules, in one place (documented in src/datasource/README.md). Each rule that fires adds
 * a reason and a problem: a kind (what is wrong) and a severity (how bad):
 *   1. last run failed                                  → failing, critical
 *   2. time since last update > critical SLA (def. 4h)  → stale, critical
 *   3. time since last update > warning SLA (def. 2h)   → stale, warning
 *   4. error rate over the range > max (def. 10%)       → errors, critical
 *   5. min validation pass rate < min (def. 95%)        → quality, warning
 *   (volume anomalies, rules/volumeAnomalies.ts         → volume, warning)
 *   6. no signal at all                                 → unknown, else ok (severity none);
 *      its reason names the metrics backend when that is unavailable ("Prometheus is unavailable")
 * The asset's status and severity are its worst problem's: the highest severity, then the later
 * kind in AssetStatus. SLAs can be overridden per asset (rules.freshnessOverrides).
 */

/** Kind order (higher = named first when severities tie); matches the declaration order of AssetStatus. */
export const STATUS_SEVERITY: Record<AssetStatus, number> = {
  ok: 0,
  unknown: 1,
  quality: 2,
  volume: 3,
  errors: 4,
  stale: 5,
  failing: 6,
};

export const ALL_STATUSES: AssetStatus[] = ['ok', 'unknown', 'quality', 'volume', 'errors', 'stale', 'failing'];

/** Severity order, worst highest. */
export const SEVERITY_RANK: Record<AssetSeverity, number> = { none: 0, warning: 1, critical: 2 };

export const ALL_SEVERITIES: AssetSeverity[] = ['none', 'warning', 'critical'];

/** Severity a kind has when nothing says otherwise (rows read from frames written before severities). */
const DEFAULT_SEVERITY: Record<AssetStatus, AssetSeverity> = {
  ok: 'none',
  unknown: 'none',
  quality: 'warning',
  volume: 'warning',
  errors: 'critical',
  stale: 'warning',
  failing: 'critical',
};

/** A row's severity: its own, else its kind's default (never a severity for ok or unknown). */
export function severityOf(row: { status: AssetStatus; severity?: AssetSeverity }): AssetSeverity {
  if (row.status === 'ok' || row.status === 'unknown') {
    return 'none';
  }
  return row.severity && row.severity in SEVERITY_RANK ? row.severity : (DEFAULT_SEVERITY[row.status] ?? 'warning');
}

/** One thing wrong with an asset. */
export interface Problem {
  status: AssetStatus;
  severity: AssetSeverity;
}

/** Urgency of a problem as one number: severity first, then kind. */
export const urgency = (p: { status: AssetStatus; severity?: AssetSeverity }): number =>
  SEVERITY_RANK[severityOf(p)] * 10 + (STATUS_SEVERITY[p.status] ?? 0);

/** The worse of two problems (severity first, then kind). */
export function worstProblem<T extends { status: AssetStatus; severity?: AssetSeverity }>(a: T, b: T): T {
  return urgency(b) > urgency(a) ? b : a;
}

/** The later kind of two (for callers without severities). */
export const worstStatus = (a: AssetStatus, b: AssetStatus): AssetStatus =>
  STATUS_SEVERITY[b] > STATUS_SEVERITY[a] ? b : a;

/** The freshness SLA of one asset: its override, else the default. */
export function slaFor(asset: string, rules: HealthRules): FreshnessSla {
  const o = overrideFor(asset, rules);
  return o ? { ...rules.freshness, ...o } : rules.freshness;
}

/** The asset's own SLA override, if any (never an inherited property: asset names are data). */
export function overrideFor(asset: string, rules: HealthRules): FreshnessSla | undefined {
  return ownValue(rules.freshnessOverrides, asset);
}

/** What the rules look at for one asset. */
export interface HealthInputs {
  asset: string;
  /** seconds since last update */
  freshness?: number;
  passRate?: number;
  runs?: number;
  failures?: number;
  /** Why the last run is known to have failed (undefined = not failed / unknown). */
  lastRunFailure?: string;
  /** Why the asset has no metrics when the cause is known (e.g. "Prometheus is unavailable"). */
  metricsMissing?: string;
}

/** "2h 5m", "45s", "3d 4h": compact, for reasons and tooltips. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) {
    return `${s}s`;
  }
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d) {
    return h ? `${d}d ${h}h` : `${d}d`;
  }
  if (h) {
    return m ? `${h}h ${m}m` : `${h}h`;
  }
  return `${m}m`;
}

const pct = (v: number) => `${Math.round(v * 100) / 100}%`;

/** Applies the rules above (hot path: runs once per asset, so no closures or intermediate objects). */
export function evaluateHealth(
  x: HealthInputs,
  rules: HealthRules
): { status: AssetStatus; severity: AssetSeverity; reasons: string[] } {
  let worst: Problem = { status: 'ok', severity: 'none' };
  const reasons: string[] = [];
  const add = (status: AssetStatus, severity: AssetSeverity, reason: string) => {
    worst = worstProblem(worst, { status, severity });
    reasons.push(reason);
  };
  if (x.lastRunFailure) {
    add('failing', 'critical', x.lastRunFailure);
  }
  if (x.freshness !== undefined) {
    const sla = slaFor(x.asset, rules);
    if (x.freshness > sla.criticalSeconds) {
      add(
        'stale',
        'critical',
        `not updated for ${formatDuration(x.freshness)} (critical after ${formatDuration(sla.criticalSeconds)})`
      );
    } else if (x.freshness > sla.warningSeconds) {
      add(
        'stale',
        'warning',
        `not updated for ${formatDuration(x.freshness)} (SLA ${formatDuration(sla.warningSeconds)})`
      );
    }
  }
  if (x.runs !== undefined && x.runs > 0 && x.failures !== undefined && x.failures / x.runs > rules.maxErrorRate) {
    add(
      'errors',
      'critical',
      `error rate ${pct((x.failures / x.runs) * 100)} > ${pct(rules.maxErrorRate * 100)} (${x.failures} of ${x.runs} runs failed)`
    );
  }
  if (x.passRate !== undefined && x.passRate < rules.minPassRate) {
    add('quality', 'warning', `validation pass rate ${pct(x.passRate)} < ${pct(rules.minPassRate)}`);
  }
  if (worst.status === 'ok' && x.freshness === undefined && x.runs === undefined && x.passRate === undefined) {
    worst = { status: 'unknown', severity: 'none' };
    reasons.push(x.metricsMissing ?? 'no metrics for this asset in the range');
  }
  return { status: worst.status, severity: worst.severity, reasons };
}

/** Unhealthy = anything but ok or unknown (the words rules/rootCauses.ts also relies on). */
export function isUnhealthyStatus(status: AssetStatus): boolean {
  return status !== 'ok' && status !== 'unknown';
}

/** Sort comparator: most severe first, then by kind, then stalest, then by name. */
export function compareUrgency(
  a: { status: AssetStatus; severity?: AssetSeverity; freshness?: number; asset: string },
  b: { status: AssetStatus; severity?: AssetSeverity; freshness?: number; asset: string }
): number {
  return (
    urgency(b) - urgency(a) ||
    (b.freshness ?? -1) - (a.freshness ?? -1) ||
    (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0)
  );
}
