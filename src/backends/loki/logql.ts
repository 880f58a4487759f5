import { ResolvedMapping } from '../../model';
import { cleanValues, labelMatcher, quoteString } from '../queryEscape';

/**
 * LogQL builders. Pipeline logs are JSON lines under one stream selector (default `{job="dagster"}`);
 * asset, level and trace id are JSON fields extracted with `| json` and filtered as labels, so one
 * query serves any number of assets. Line filters (`|=`) come before `| json` because they are cheap.
 */

export interface LogFilter {
  assets?: string[];
  /** One or more levels (a multi-value variable expands to several). */
  levels?: string[];
  /** Case-sensitive substring of the line. */
  search?: string;
  traceId?: string;
}

const filterStage = (matcher: string) => (matcher ? ` | ${matcher}` : '');

/** Log query: selector, line filters, `| json`, then field filters. */
export function logsQuery(m: ResolvedMapping, f: LogFilter): string {
  let q = m.lokiSelector.trim();
  if (f.search) {
    q += ` |= ${quoteString(f.search)}`;
  }
  if (f.traceId) {
    q += ` |= ${quoteString(f.traceId)}`;
  }
  q += ' | json';
  q += filterStage(labelMatcher(m.lokiAssetField, f.assets));
  q += filterStage(labelMatcher(m.lokiLevelField, cleanValues(f.levels)));
  if (f.traceId) {
    q += filterStage(labelMatcher(m.lokiTraceIdField, [f.traceId]));
  }
  return q;
}

/** Error lines of the selected assets (newest first with direction=backward): the last error per asset. */
export function errorLinesQuery(m: ResolvedMapping, assets: string[] | undefined): string {
  return logsQuery(m, { assets, levels: ['error'] });
}

/** One metric query: error-line count per asset over the last `rangeSeconds`. */
export function errorCountQuery(m: ResolvedMapping, assets: string[] | undefined, rangeSeconds: number): string {
  const range = `${Math.max(1, Math.round(rangeSeconds))}s`;
  return `sum by (${m.lokiAssetField}) (count_over_time(${errorLinesQuery(m, assets)} [${range}]))`;
}

/**
 * Line count per asset over the last `rangeSeconds`, any level: which assets exist when Prometheus
 * does not answer (asked only then).
 */
export function assetLinesCountQuery(m: ResolvedMapping, rangeSeconds: number): string {
  const range = `${Math.max(1, Math.round(rangeSeconds))}s`;
  return `sum by (${m.lokiAssetField}) (count_over_time(${logsQuery(m, {})} [${range}]))`;
}

/** Any line of the stream (limit 1), for "Save & test". */
export function streamProbeQuery(m: ResolvedMapping): string {
  return m.lokiSelector.trim();
}
