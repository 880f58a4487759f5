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

// Fields every line carries (shown elsewhere in the row or in its labels), left out of the summary.
const SUMMARY_SKIP = new Set([
  'event',
  'message',
  'msg',
  'level',
  'asset_name',
  'trace_id',
  'span_id',
  'timestamp',
  'time',
  'ts',
  'logger',
]);

/**
 * A one-line summary of a structured (JSON) log line: its event/message, then its other fields as
 * key=value. Plain-text lines are returned as they are.
 */
export function logSummary(body: string): string {
  const t = body.trim();
  if (!t.startsWith('{')) {
    return body;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(t);
  } catch {
    return body;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return body;
  }
  const fields = parsed as Record<string, unknown>;
  const head = fields.event ?? fields.message ?? fields.msg;
  const rest = Object.entries(fields)
    .filter(([k, v]) => !SUMMARY_SKIP.has(k) && v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${typeof v === 'string' ? (/\s/.test(v) ? JSON.stringify(v) : v) : JSON.stringify(v)}`);
  return [head !== undefined ? String(head) : undefined, ...rest].filter(Boolean).join(' ');
}

/** The full line for the expanded row: JSON indented, anything else as it is. */
export function prettyLogBody(body: string): string {
  try {
    const parsed = JSON.parse(body);
    return parsed && typeof parsed === 'object' ? JSON.stringify(parsed, null, 2) : body;
  } catch {
    return body;
  }
}
