import { AssetHealth, AssetSeverity, AssetStatus, FreshnessSla, HealthRules } from '../model';
import { overrideFor, slaFor } from '../rules/healthRules';
import { MetricSeries } from './overviewSeries';
import { quoteString } from '../backends/queryEscape';

export interface ResolvedSla extends FreshnessSla {
  /** where the SLA comes from: a per-asset override or the default */
  source: 'override' | 'default';
}

/** The SLA that applies to one asset under resolved rules (the data source's slaFor), and where it comes from. */
export function resolveSla(asset: string, rules: HealthRules): ResolvedSla {
  return { ...slaFor(asset, rules), source: overrideFor(asset, rules) ? 'override' : 'default' };
}

export type FreshnessLevel = 'ok' | 'warning' | 'critical' | 'unknown';

/** ok up to the warning SLA, warning past it (the data source's `stale`), critical past the critical SLA. */
export function freshnessLevel(freshness: number | undefined, sla: FreshnessSla): FreshnessLevel {
  if (freshness === undefined || !Number.isFinite(freshness)) {
    return 'unknown';
  }
  if (freshness > sla.criticalSeconds) {
    return 'critical';
  }
  return freshness > sla.warningSeconds ? 'warning' : 'ok';
}

const LEVEL_RANK: Record<FreshnessLevel, number> = { critical: 3, warning: 2, unknown: 1, ok: 0 };

export interface FreshnessRow {
  asset: string;
  layer?: string;
  owner?: string;
  status: AssetStatus;
  severity?: AssetSeverity;
  /** ms epoch */
  lastUpdate?: number;
  /** seconds since last update */
  freshness?: number;
  sla: ResolvedSla;
  level: FreshnessLevel;
  /** freshness / critical SLA; NaN when unknown */
  urgency: number;
}

/** One row per asset, most urgent first: critical, warning, no data, ok; then by age relative to SLA. */
export function freshnessRows(rows: AssetHealth[], rules: HealthRules): FreshnessRow[] {
  return rows
    .map((r) => {
      const sla = resolveSla(r.asset, rules);
      const level = freshnessLevel(r.freshness, sla);
      return {
        asset: r.asset,
        layer: r.layer,
        owner: r.owner,
        status: r.status,
        severity: r.severity,
        lastUpdate: r.lastUpdate,
        freshness: r.freshness,
        sla,
        level,
        urgency: level === 'unknown' ? Number.NaN : r.freshness! / sla.criticalSeconds,
      };
    })
    .sort(
      (a, b) =>
        LEVEL_RANK[b.level] - LEVEL_RANK[a.level] ||
        (Number.isNaN(a.urgency) ? 0 : b.urgency - a.urgency) ||
        a.asset.localeCompare(b.asset)
    );
}

export interface SlaCompliance {
  /** fraction of covered time with age ≤ warning SLA */
  withinWarning?: number;
  /** fraction of covered time with age ≤ critical SLA */
  withinCritical?: number;
  /** ms of the range that had samples */
  coveredMs: number;
  /** ms of the range */
  totalMs: number;
  samples: number;
}

// Range-query samples are evenly spaced with holes where there is no data: the smallest spacing is the step.
function sampleStep(times: number[]): number | undefined {
  let step: number | undefined;
  for (let i = 1; i < times.length; i++) {
    const d = times[i] - times[i - 1];
    if (d > 0 && (step === undefined || d < step)) {
      step = d;
    }
  }
  return step;
}

/**
 * Fraction of the range the freshness series was within SLA, time-weighted: each sample holds until
 * the next one but at most one step (the smallest sample spacing), so gaps with no data count as
 * uncovered rather than compliant. Fractions are of covered time; undefined without samples.
 */
export function slaCompliance(
  series: Pick<MetricSeries, 'timestamps' | 'values'>,
  sla: FreshnessSla,
  range: { from: number; to: number }
): SlaCompliance {
  const totalMs = Math.max(range.to - range.from, 0);
  const step = sampleStep(series.timestamps) ?? totalMs;
  let covered = 0;
  let okWarning = 0;
  let okCritical = 0;
  let samples = 0;
  for (let i = 0; i < series.timestamps.length; i++) {
    const v = series.values[i];
    const t = series.timestamps[i];
    if (v === null || t > range.to) {
      continue;
    }
    const next = i + 1 < series.timestamps.length ? series.timestamps[i + 1] : Number.POSITIVE_INFINITY;
    const start = Math.max(t, range.from);
    const end = Math.min(next, t + step, range.to);
    const ms = end - start;
    if (ms <= 0) {
      continue;
    }
    samples++;
    covered += ms;
    if (v <= sla.warningSeconds) {
      okWarning += ms;
    }
    if (v <= sla.criticalSeconds) {
      okCritical += ms;
    }
  }
  return {
    withinWarning: covered ? okWarning / covered : undefined,
    withinCritical: covered ? okCritical / covered : undefined,
    coveredMs: covered,
    totalMs,
    samples,
  };
}

/** Compliance of every asset's freshness series under its own SLA. */
export function complianceByAsset(
  series: MetricSeries[],
  rules: HealthRules,
  range: { from: number; to: number }
): Map<string, SlaCompliance> {
  const out = new Map<string, SlaCompliance>();
  for (const s of series) {
    out.set(s.asset, slaCompliance(s, resolveSla(s.asset, rules), range));
  }
  return out;
}

/** The PromQL behind an asset's age, as shown in the "why" panel (label value escaped like the queries). */
export function freshnessExpression(
  asset: string,
  lastUpdateMetric = 'asset_last_update_timestamp',
  assetLabel = 'asset_name'
): string {
  return `time() - ${lastUpdateMetric}{${assetLabel}=${quoteString(asset)}}`;
}

/** Time-weighted compliance over all assets (each asset weighs by the time it had data). */
export function overallCompliance(byAsset: Map<string, SlaCompliance>): SlaCompliance {
  let covered = 0;
  let okWarning = 0;
  let okCritical = 0;
  let samples = 0;
  let totalMs = 0;
  byAsset.forEach((c) => {
    covered += c.coveredMs;
    okWarning += (c.withinWarning ?? 0) * c.coveredMs;
    okCritical += (c.withinCritical ?? 0) * c.coveredMs;
    samples += c.samples;
    totalMs += c.totalMs;
  });
  return {
    withinWarning: covered ? okWarning / covered : undefined,
    withinCritical: covered ? okCritical / covered : undefined,
    coveredMs: covered,
    totalMs,
    samples,
  };
}

export interface FreshnessFilter {
  /** case-insensitive substring of the asset name */
  search?: string;
  levels?: FreshnessLevel[];
  layers?: string[];
}

/** Rows matching the page filters (order kept). */
export function filterFreshness(rows: FreshnessRow[], f: FreshnessFilter): FreshnessRow[] {
  const q = f.search?.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!q || r.asset.toLowerCase().includes(q)) &&
      (!f.levels?.length || f.levels.includes(r.level)) &&
      (!f.layers?.length || (r.layer !== undefined && f.layers.includes(r.layer)))
  );
}

/** How many assets are at each level. */
export function levelCounts(rows: FreshnessRow[]): Record<FreshnessLevel, number> {
  const out: Record<FreshnessLevel, number> = { critical: 0, warning: 0, unknown: 0, ok: 0 };
  rows.forEach((r) => out[r.level]++);
  return out;
}
