import { DataFrame, FieldType } from '@grafana/data';
import { AssetHealth, TraceSummary } from '../model';

export interface RunSummary {
  runs?: number;
  successes?: number;
  failures?: number;
  /** 0..1 */
  successRate?: number;
  failureRate?: number;
}

/** Runs, successes and failures over the range from the health row (successes = runs − failures). */
export function runSummary(row: AssetHealth | undefined): RunSummary {
  const runs = row?.runs;
  if (runs === undefined || !Number.isFinite(runs)) {
    return {};
  }
  const failures = Math.min(Math.max(row?.failures ?? 0, 0), runs);
  const successes = runs - failures;
  return {
    runs,
    successes,
    failures,
    successRate: runs > 0 ? successes / runs : undefined,
    failureRate: runs > 0 ? failures / runs : undefined,
  };
}

const failed = (t: TraceSummary) => t.status === 'error' || t.errors > 0;

/** Failed traces first, then newest first. */
export function sortTraces(traces: TraceSummary[]): TraceSummary[] {
  return [...traces].sort(
    (a, b) => Number(failed(b)) - Number(failed(a)) || b.start - a.start || a.traceID.localeCompare(b.traceID)
  );
}

/** Level filter options of the logs panel; '' = all levels. */
export const LOG_LEVELS = ['', 'error', 'warning', 'info', 'debug'] as const;

/** Canonical level of a log line severity ("ERR", "Warn", "critical" → error/warning). */
export function normalizeLevel(severity: string | undefined): 'error' | 'warning' | 'info' | 'debug' | 'unknown' {
  const s = (severity ?? '').toLowerCase();
  if (/^(err|error|crit|critical|fatal|panic|alert|emerg)/.test(s)) {
    return 'error';
  }
  if (/^warn/.test(s)) {
    return 'warning';
  }
  if (/^(info|notice|informational)/.test(s)) {
    return 'info';
  }
  if (/^(debug|trace|dbug)/.test(s)) {
    return 'debug';
  }
  return 'unknown';
}

/** Copies of `metrics` frames whose value field is displayed as `name` (e.g. "p95" in a legend). */
export function renameSeries(frames: DataFrame[], name: string): DataFrame[] {
  return frames.map((f) => ({
    ...f,
    fields: f.fields.map((field) =>
      field.type === FieldType.number ? { ...field, config: { ...field.config, displayNameFromDS: name } } : field
    ),
  }));
}

export interface AssetFilter {
  search?: string;
  statuses?: string[];
  layers?: string[];
}

/** Health rows matching the list filters (order kept). */
export function filterAssets(rows: AssetHealth[], f: AssetFilter): AssetHealth[] {
  const q = f.search?.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!q || r.asset.toLowerCase().includes(q) || (r.owner ?? '').toLowerCase().includes(q)) &&
      (!f.statuses?.length || f.statuses.includes(r.status)) &&
      (!f.layers?.length || (r.layer !== undefined && f.layers.includes(r.layer)))
  );
}

export { logSummary, prettyLogBody } from './logLine';
