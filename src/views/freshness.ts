import { RawTimeRange, TimeZone } from '@grafana/data';
import {
  AssetHealth,
  AssetSeverity,
  AssetStatus,
  ForecastState,
  FreshnessForecast,
  FreshnessSla,
  HealthRules,
  ResolvedMapping,
} from '../model';
import { formatDuration, overrideFor, slaFor } from '../rules/healthRules';
import { exploreUrl } from './assetPageLinks';
import { formatTime, formatValue } from './format';
import { durationInWords } from '../rules/freshnessForecast';
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
  /** runs and failed runs over the range (an asset whose every run failed is not fresh, whatever its age) */
  runs?: number;
  failures?: number;
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
        runs: r.runs,
        failures: r.failures,
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

/** True when the asset ran in the range and every run failed (its age then only counts since the last success). */
export function noSuccessInRange(row: Pick<FreshnessRow, 'runs' | 'failures'>): boolean {
  return row.runs !== undefined && row.runs > 0 && (row.failures ?? 0) >= row.runs;
}

const pct = (v?: number) => (v === undefined ? '–' : formatValue(v * 100, 'percent', 1));

/**
 * The card's "SLA compliance" line. An asset whose every run in the range failed says so (with the
 * time since its last success) instead of a compliance that only measures the age of old data.
 */
export function complianceSummary(row: FreshnessRow, compliance: SlaCompliance | undefined, nowMs: number): string {
  if (noSuccessInRange(row)) {
    const runs = formatValue(row.runs, 'none', 0);
    const last =
      row.lastUpdate !== undefined
        ? `last success ${formatDuration((nowMs - row.lastUpdate) / 1000)} ago`
        : 'no success reported';
    return `no successful run in the range (all ${runs} failed): ${last}`;
  }
  if (!compliance?.samples) {
    return 'no freshness samples in the range';
  }
  const covered = compliance.totalMs ? compliance.coveredMs / compliance.totalMs : undefined;
  return `within SLA ${pct(compliance.withinWarning)} of the time (within critical ${pct(compliance.withinCritical)}), data for ${pct(covered)} of the range`;
}

/** An asset's age query (the Explore link's tooltip) and its Explore URL (undefined without Prometheus). */
export function freshnessAgeQuery(
  asset: string,
  mapping: Pick<ResolvedMapping, 'assetLabel'> & { metrics: Pick<ResolvedMapping['metrics'], 'lastUpdateTimestamp'> },
  prometheusUid: string | undefined,
  range: RawTimeRange
): { expression: string; exploreHref?: string } {
  const expression = freshnessExpression(asset, mapping.metrics.lastUpdateTimestamp, mapping.assetLabel);
  const exploreHref = prometheusUid
    ? exploreUrl({ uid: prometheusUid, type: 'prometheus' }, { expr: expression }, range)
    : undefined;
  return { expression, exploreHref };
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

/** An SLA breach time seen from `nowMs` (the range's end): "breached 25 min ago" once past, else "in 35 min". */
export function slaBreachWords(atMs: number, nowMs: number): { past: boolean; words: string } {
  const seconds = (atMs - nowMs) / 1000;
  return seconds <= 0
    ? { past: true, words: `breached ${durationInWords(seconds)} ago` }
    : { past: false, words: `in ${durationInWords(seconds)}` };
}

const FORECAST_LOOK: Record<ForecastState, { color: 'red' | 'orange' | 'green'; text: string }> = {
  blocked: { color: 'red', text: 'Blocked' },
  late: { color: 'orange', text: 'Late' },
  'breach-predicted': { color: 'orange', text: 'Breach predicted' },
  'on-time': { color: 'green', text: 'On time' },
};

/** One forecast row as the Freshness page shows it: badge, the rule's sentence, and the SLA breach in words. */
export interface ForecastLine {
  badge: { color: 'red' | 'orange' | 'green'; text: string };
  summary: string;
  /** "SLA breach 15:10 (in 35 min)", or once past "past its SLA: breached 25 min ago". */
  breach?: string;
}

/**
 * A forecast in words at `nowMs`: a breach time already past is never shown as if it were coming
 * ("past its SLA", not "SLA breach 03:40"), and a predicted breach that has happened reads "Past SLA".
 */
export function forecastLine(f: FreshnessForecast, nowMs: number, timeZone?: TimeZone): ForecastLine {
  const look = FORECAST_LOOK[f.state] ?? FORECAST_LOOK['on-time'];
  if (f.slaBreachAt === undefined) {
    return { badge: look, summary: f.summary };
  }
  const { past, words } = slaBreachWords(f.slaBreachAt, nowMs);
  if (!past) {
    return { badge: look, summary: f.summary, breach: `SLA breach ${formatTime(f.slaBreachAt, timeZone)} (${words})` };
  }
  const badge =
    f.state === 'breach-predicted' || f.state === 'on-time' ? { color: 'red' as const, text: 'Past SLA' } : look;
  // The rule's sentence may already say how long ago ("late by 12 min, SLA breached 25 min ago").
  return {
    badge,
    summary: f.summary,
    breach: f.summary.includes('breached') ? 'past its SLA' : `past its SLA: ${words}`,
  };
}
