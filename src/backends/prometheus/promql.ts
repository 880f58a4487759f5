import { CascadeMetric, DurationStat, ResolvedMapping } from '../../model';
import { labelMatcher, quoteString, regexAlternation } from '../queryEscape';

/**
 * PromQL builders. Every query aggregates `by (<asset label>)`, so one request answers for all
 * assets; `assets` only narrows the selector. Label values are always escaped (queryEscape.ts).
 */

/** `metric{m1,m2}` (or bare `metric` when there is no matcher). */
export function selector(metric: string, matchers: string[]): string {
  const ms = matchers.filter(Boolean);
  return ms.length ? `${metric}{${ms.join(',')}}` : metric;
}

/** A Prometheus duration literal in whole seconds (at least 1s). */
export function duration(seconds: number): string {
  return `${Math.max(1, Math.round(seconds))}s`;
}

/**
 * Exact increase of a counter over the last `rangeSeconds`: `c - c offset <range>`. Series younger
 * than the window have no offset sample and fall back to their whole value (`or c`). A reset inside
 * the window makes the difference negative; `>= 0` drops it and the fallback then counts only what
 * happened since the reset (a lower bound). Unlike increase() this never extrapolates, so run
 * counts stay integers.
 */
export function windowDelta(sel: string, rangeSeconds: number): string {
  return `((${sel} - ${sel} offset ${duration(rangeSeconds)}) >= 0 or ${sel})`;
}

/** Names of the instant queries a `health` query sends (one request each, whatever the asset count). */
export type HealthPromKey =
  | 'info'
  | 'runs'
  | 'failures'
  | 'avgDuration'
  | 'p95Duration'
  | 'p99Duration'
  | 'lastUpdate'
  | 'passRate'
  | 'rowCount'
  | 'dependencies';

export const HEALTH_PROM_KEYS: HealthPromKey[] = [
  'info',
  'runs',
  'failures',
  'avgDuration',
  'p95Duration',
  'p99Duration',
  'lastUpdate',
  'passRate',
  'rowCount',
  'dependencies',
];

/**
 * The instant queries a `health` query sends: all of HEALTH_PROM_KEYS but the duration quantiles not
 * asked for (`quantiles` missing = both).
 */
export function healthPromKeys(quantiles?: ReadonlyArray<'p95' | 'p99'>): HealthPromKey[] {
  const skip = new Set<HealthPromKey>();
  if (quantiles && !quantiles.includes('p95')) {
    skip.add('p95Duration');
  }
  if (quantiles && !quantiles.includes('p99')) {
    skip.add('p99Duration');
  }
  return HEALTH_PROM_KEYS.filter((k) => !skip.has(k));
}

/** The instant queries behind `health` (and `lineage`), evaluated at the end of the range. */
export function healthQueries(
  m: ResolvedMapping,
  assets: string[] | undefined,
  rangeSeconds: number
): Record<HealthPromKey, string> {
  const A = m.assetLabel;
  const match = labelMatcher(A, assets);
  const sel = (metric: string) => selector(metric, [match]);
  const delta = (metric: string) => windowDelta(sel(metric), rangeSeconds);
  const h = m.metrics.executionSeconds;
  const quantile = (q: number) => `histogram_quantile(${q}, sum by (${A}, le) (${delta(`${h}_bucket`)}))`;
  const depsBy = `max by (${A}, ${m.upstreamLabel})`;
  const dependencies = match
    ? `${depsBy} (${sel(m.metrics.assetDependency)}) or ${depsBy} (${selector(m.metrics.assetDependency, [
        labelMatcher(m.upstreamLabel, assets),
      ])})`
    : `${depsBy} (${m.metrics.assetDependency})`;
  return {
    info: `max by (${A}, ${m.layerLabel}, ${m.ownerLabel}) (${sel(m.metrics.assetInfo)})`,
    runs: `sum by (${A}) (${delta(m.metrics.executionsTotal)})`,
    failures: `sum by (${A}) (${delta(m.metrics.failuresTotal)})`,
    avgDuration: `sum by (${A}) (${delta(`${h}_sum`)}) / sum by (${A}) (${delta(`${h}_count`)})`,
    p95Duration: quantile(0.95),
    p99Duration: quantile(0.99),
    lastUpdate: `max by (${A}) (${sel(m.metrics.lastUpdateTimestamp)})`,
    passRate: `min by (${A}) (${sel(m.metrics.passRate)})`,
    rowCount: `sum by (${A}) (${sel(m.metrics.rowCount)})`,
    dependencies,
  };
}

const QUANTILES: Record<Exclude<DurationStat, 'avg'>, number> = { p50: 0.5, p95: 0.95, p99: 0.99 };

/**
 * Rate window for range queries, as Grafana's `$__rate_interval`: at least four scrapes and never
 * shorter than one step plus a scrape, so every step sees two samples.
 */
export function rateWindow(stepSeconds: number, scrapeIntervalSeconds: number): number {
  return Math.max(stepSeconds + scrapeIntervalSeconds, 4 * scrapeIntervalSeconds);
}

/** The range query behind a `metrics` query: one series per asset (per asset and check for passRate). */
export function metricsQuery(
  m: ResolvedMapping,
  assets: string[] | undefined,
  metric: CascadeMetric,
  stat: DurationStat,
  windowSeconds: number
): string {
  const A = m.assetLabel;
  const sel = (name: string) => selector(name, [labelMatcher(A, assets)]);
  const w = duration(windowSeconds);
  const h = m.metrics.executionSeconds;
  const increase = (name: string) => `sum by (${A}) (increase(${sel(name)}[${w}]))`;
  switch (metric) {
    case 'duration':
      if (stat === 'avg') {
        return `sum by (${A}) (rate(${sel(`${h}_sum`)}[${w}])) / sum by (${A}) (rate(${sel(`${h}_count`)}[${w}]))`;
      }
      return `histogram_quantile(${QUANTILES[stat]}, sum by (${A}, le) (rate(${sel(`${h}_bucket`)}[${w}])))`;
    case 'runs':
      return increase(m.metrics.executionsTotal);
    case 'failures':
      return increase(m.metrics.failuresTotal);
    case 'rows':
      return increase(m.metrics.rowsProcessedTotal);
    case 'rowCount':
      return `sum by (${A}) (${sel(m.metrics.rowCount)})`;
    case 'freshness':
      return `time() - max by (${A}) (${sel(m.metrics.lastUpdateTimestamp)})`;
    case 'passRate':
      return `min by (${A}, ${m.checkLabel}) (${sel(m.metrics.passRate)})`;
  }
}

/** Label the `system` query puts on each of its five series. */
export const SYSTEM_STAT_LABEL = 'cascade_stat';

/** One instant query returning all resource figures, each series tagged with SYSTEM_STAT_LABEL. */
export function systemQuery(m: ResolvedMapping): string {
  const tag = (expr: string, stat: string) => `label_replace(${expr}, "${SYSTEM_STAT_LABEL}", "${stat}", "", "")`;
  const s = m.system;
  return [
    tag(`max(${s.diskUsagePercent})`, 'disk'),
    tag(`max(${s.memoryUsagePercent})`, 'memory'),
    tag(`sum(${s.lakeSizeBytes})`, 'lake'),
    tag(`sum(${s.containerHealth})`, 'healthy'),
    tag(`count(${s.containerHealth})`, 'total'),
  ].join(' or ');
}

/** Instant query listing assets, layers or owners for dashboard variables. */
export function variableQuery(m: ResolvedMapping, kind: 'assets' | 'layers' | 'owners', layer?: string): string {
  const info = m.metrics.assetInfo;
  if (kind === 'layers') {
    return `group by (${m.layerLabel}) (${info})`;
  }
  if (kind === 'owners') {
    return `group by (${m.ownerLabel}) (${info})`;
  }
  if (layer) {
    return `group by (${m.assetLabel}) (${selector(info, [`${m.layerLabel}=${quoteString(layer)}`])})`;
  }
  // Assets without asset_info still count if they ran.
  return `group by (${m.assetLabel}) (${info}) or group by (${m.assetLabel}) (${m.metrics.executionsTotal})`;
}

/** Metric names the data source reads (histograms by their `_count` series), for "Save & test". */
export function expectedMetricNames(m: ResolvedMapping): string[] {
  const x = m.metrics;
  return [
    `${x.executionSeconds}_count`,
    x.executionsTotal,
    x.failuresTotal,
    x.rowsProcessedTotal,
    x.rowCount,
    x.lastUpdateTimestamp,
    x.passRate,
    x.assetInfo,
    x.assetDependency,
  ];
}

/** `count by (__name__)` over the expected metrics: which of them exist, in one request. */
export function presenceQuery(names: string[]): string {
  return `count by (__name__) ({__name__=~${quoteString(regexAlternation(names))}})`;
}
