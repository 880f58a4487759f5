import { ResolvedMapping } from '../../model';
import { labelMatcher, quoteString, regexAlternation } from '../queryEscape';
import { parsePromVector } from './parsePrometheus';
import { HealthPromKey, selector } from './promql';

/**
 * Cascade's recording rules (prometheus/rules/cascade-recording.yml, docs/admin.md): the per-asset
 * window aggregates of the `health` query, precomputed by Prometheus (or Mimir, Thanos Ruler,
 * vmalert) for a few standard windows. Each rule records exactly the raw expression healthQueries
 * would send for that window, so reading the recorded series gives the same numbers as of the
 * rule's last evaluation, without aggregating hundreds of thousands of bucket series per refresh.
 */

/** The windows the rules record, by their length in seconds (a dashboard's "Last 1 hour" is 3600 s). */
export const RECORDED_WINDOWS: ReadonlyMap<number, string> = new Map([
  [3600, '1h'],
  [21600, '6h'],
  [86400, '24h'],
]);

/** The recorded window of a range of `rangeSeconds`, if the rules record exactly that window. */
export function recordedWindow(rangeSeconds: number): string | undefined {
  return RECORDED_WINDOWS.get(Math.max(1, Math.round(rangeSeconds)));
}

/**
 * Recorded series names, `level:metric:operations` (Prometheus' naming convention): the labels kept
 * (the asset label, plus `le` for buckets), the source metric, and `increase<window>`.
 */
export function recordedNames(m: ResolvedMapping, window: string) {
  const A = m.assetLabel;
  const h = m.metrics.executionSeconds;
  const name = (level: string, metric: string) => `${level}:${metric}:increase${window}`;
  return {
    runs: name(A, m.metrics.executionsTotal),
    failures: name(A, m.metrics.failuresTotal),
    durationSum: name(A, `${h}_sum`),
    durationCount: name(A, `${h}_count`),
    buckets: name(`${A}_le`, `${h}_bucket`),
  };
}

/** The window-aggregate queries of `health`, read from the recorded series instead of the raw ones. */
export function recordedHealthQueries(
  m: ResolvedMapping,
  assets: string[] | undefined,
  window: string
): Pick<Record<HealthPromKey, string>, 'runs' | 'failures' | 'avgDuration' | 'p95Duration' | 'p99Duration'> {
  const n = recordedNames(m, window);
  const sel = (metric: string) => selector(metric, [labelMatcher(m.assetLabel, assets)]);
  return {
    runs: sel(n.runs),
    failures: sel(n.failures),
    avgDuration: `${sel(n.durationSum)} / ${sel(n.durationCount)}`,
    p95Duration: `histogram_quantile(0.95, ${sel(n.buckets)})`,
    p99Duration: `histogram_quantile(0.99, ${sel(n.buckets)})`,
  };
}

/**
 * The detection query: which windows have recorded run counts, in one instant query that reads one
 * series per asset and window (`count by (__name__)`, answered from the index and the head block).
 */
export function recordingRulesProbeQuery(m: ResolvedMapping): string {
  const names = [...RECORDED_WINDOWS.values()].map((w) => recordedNames(m, w).runs);
  return `count by (__name__) ({__name__=~${quoteString(regexAlternation(names))}})`;
}

/** Windows present in the detection query's answer (empty when the answer is not a vector). */
export function recordedWindowsFrom(body: unknown, m: ResolvedMapping): Set<string> {
  const parsed = parsePromVector(body);
  const found = new Set<string>();
  if (!parsed.ok) {
    return found;
  }
  const present = new Set(parsed.value.map((s) => s.labels.__name__));
  for (const w of RECORDED_WINDOWS.values()) {
    if (present.has(recordedNames(m, w).runs)) {
      found.add(w);
    }
  }
  return found;
}
