import { AssetStatus, FreshnessSla, HealthRules } from '../model';
import { ownValue } from '../model/ownKeys';

/**
 * The status rules, in one place (documented in src/datasource/README.md). Each rule that fires adds
 * a reason; the asset's status is the worst one:
 *   1. last run failed                                  → failing
 *   2. time since last update > critical SLA (def. 4h)  → critical
 *   3. time since last update > warning SLA (def. 2h)   → stale
 *   4. error rate over the range > max (def. 10%)       → critical
 *   5. min validation pass rate < min (def. 95%)        → warning
 *   6. no signal at all                                 → unknown, else ok
 * SLAs can be overridden per asset (rules.freshnessOverrides).
 */

/** Severity order (higher = more urgent); matches the declaration order of AssetStatus. */
export const STATUS_SEVERITY: Record<AssetStatus, number> = {
  ok: 0,
  unknown: 1,
  warning: 2,
  stale: 3,
  critical: 4,
  failing: 5,
};

export const ALL_STATUSES: AssetStatus[] = ['ok', 'unknown', 'warning', 'stale', 'critical', 'failing'];

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
export function evaluateHealth(x: HealthInputs, rules: HealthRules): { status: AssetStatus; reasons: string[] } {
  let status: AssetStatus = 'ok';
  const reasons: string[] = [];
  if (x.lastRunFailure) {
    status = 'failing';
    reasons.push(x.lastRunFailure);
  }
  if (x.freshness !== undefined) {
    const sla = slaFor(x.asset, rules);
    if (x.freshness > sla.criticalSeconds) {
      status = worstStatus(status, 'critical');
      reasons.push(
        `not updated for ${formatDuration(x.freshness)} (critical after ${formatDuration(sla.criticalSeconds)})`
      );
    } else if (x.freshness > sla.warningSeconds) {
      status = worstStatus(status, 'stale');
      reasons.push(`not updated for ${formatDuration(x.freshness)} (SLA ${formatDuration(sla.warningSeconds)})`);
    }
  }
  if (x.runs !== undefined && x.runs > 0 && x.failures !== undefined && x.failures / x.runs > rules.maxErrorRate) {
    status = worstStatus(status, 'critical');
    reasons.push(
      `error rate ${pct((x.failures / x.runs) * 100)} > ${pct(rules.maxErrorRate * 100)} (${x.failures} of ${x.runs} runs failed)`
    );
  }
  if (x.passRate !== undefined && x.passRate < rules.minPassRate) {
    status = worstStatus(status, 'warning');
    reasons.push(`validation pass rate ${pct(x.passRate)} < ${pct(rules.minPassRate)}`);
  }
  if (status === 'ok' && x.freshness === undefined && x.runs === undefined && x.passRate === undefined) {
    status = 'unknown';
    reasons.push('no metrics for this asset in the range');
  }
  return { status, reasons };
}

/** Sort comparator: most urgent status first, then stalest, then by name. */
export function compareUrgency(
  a: { status: AssetStatus; freshness?: number; asset: string },
  b: { status: AssetStatus; freshness?: number; asset: string }
): number {
  return (
    STATUS_SEVERITY[b.status] - STATUS_SEVERITY[a.status] ||
    (b.freshness ?? -1) - (a.freshness ?? -1) ||
    (a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0)
  );
}
