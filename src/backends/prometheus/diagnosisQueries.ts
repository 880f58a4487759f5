import { ResolvedMapping } from '../../model';
import { labelMatcher } from '../queryEscape';
import { selector, windowDelta } from './promql';

/**
 * The Prometheus queries the diagnosis (issue 12) adds to the health signals: one range query over
 * the range (five signals per asset, told apart by a label) and one instant query of the volume of
 * a window (evaluated at the same window one day and one week earlier). Constant in the asset count.
 */

/** Label that tells the diagnosis signals apart in one answer. */
export const DIAGNOSIS_SIGNAL_LABEL = 'cascade_signal';

/** The signals of the diagnosis range query. */
export type DiagnosisSeries = 'rows' | 'runs' | 'failures' | 'rowCount' | 'lastUpdate';

/** At most this many steps per series: enough to see each update of a 15 s pipeline over 1 h, cheap over 7 d. */
export const DIAGNOSIS_MAX_POINTS = 240;

/** Step in seconds of the range query: the range over DIAGNOSIS_MAX_POINTS, never below the scrape interval. */
export function diagnosisStep(rangeSeconds: number, scrapeIntervalSeconds: number): number {
  return Math.max(1, Math.round(scrapeIntervalSeconds), Math.ceil(rangeSeconds / DIAGNOSIS_MAX_POINTS));
}

const tag = (expr: string, kind: string) => `label_replace(${expr}, "${DIAGNOSIS_SIGNAL_LABEL}", "${kind}", "", "")`;

/**
 * Range query: rows processed (all operations), runs and failures (raw counters: the steps' deltas
 * are read in the browser), row count and last-update timestamp, per asset.
 */
export function diagnosisRangeQuery(m: ResolvedMapping, assets: string[] | undefined): string {
  const A = m.assetLabel;
  const sel = (metric: string) => selector(metric, [labelMatcher(A, assets)]);
  const parts: Array<[DiagnosisSeries, string]> = [
    ['rows', `sum by (${A}) (${sel(m.metrics.rowsProcessedTotal)})`],
    ['runs', `sum by (${A}) (${sel(m.metrics.executionsTotal)})`],
    ['failures', `sum by (${A}) (${sel(m.metrics.failuresTotal)})`],
    ['rowCount', `sum by (${A}) (${sel(m.metrics.rowCount)})`],
    ['lastUpdate', `max by (${A}) (${sel(m.metrics.lastUpdateTimestamp)})`],
  ];
  return parts.map(([kind, expr]) => tag(expr, kind)).join(' or ');
}

/** Instant query: rows processed and runs over the `rangeSeconds` before its evaluation time, per asset. */
export function volumeWindowQuery(m: ResolvedMapping, assets: string[] | undefined, rangeSeconds: number): string {
  const A = m.assetLabel;
  const delta = (metric: string) => windowDelta(selector(metric, [labelMatcher(A, assets)]), rangeSeconds);
  return `${tag(`sum by (${A}) (${delta(m.metrics.rowsProcessedTotal)})`, 'rows')} or ${tag(
    `sum by (${A}) (${delta(m.metrics.executionsTotal)})`,
    'runs'
  )}`;
}

/** How far back the volume baselines are evaluated: the same window one day and one week earlier. */
export const VOLUME_BASELINE_OFFSETS = { dayBefore: 86400, weekBefore: 7 * 86400 } as const;
