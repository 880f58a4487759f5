/**
 * What is wrong with an asset, in the words every page, filter, count, reason and alert uses:
 * `failing` (its last run failed), `stale` (not updated within its freshness SLA), `errors` (too many
 * of its runs failed over the range), `volume` (rows per run or row count dropped), `quality`
 * (validation pass rate below the minimum); `ok` (nothing wrong) and `unknown` (no signal).
 * How bad it is, is `AssetSeverity`, separately. Listed least urgent first: when two problems have
 * the same severity, the later one names the status.
 */
export type AssetStatus = 'ok' | 'unknown' | 'quality' | 'volume' | 'errors' | 'stale' | 'failing';

/** How bad an asset's status is: `none` for ok and unknown, else `warning` or `critical`. */
export type AssetSeverity = 'none' | 'warning' | 'critical';

/** One row of the `health` frame: everything Cascade knows about an asset, joined by name. */
export interface AssetHealth {
  asset: string;
  layer?: string;
  owner?: string;
  /** What is wrong (the worst problem's kind). */
  status: AssetStatus;
  /** How bad: the worst problem's severity (absent on rows from before severities: see severityOf). */
  severity?: AssetSeverity;
  /** Human-readable reasons behind `status`. */
  reasons: string[];
  /** ms epoch */
  lastUpdate?: number;
  /** seconds since last update */
  freshness?: number;
  freshnessSla?: number;
  /** percent, min over checks */
  passRate?: number;
  runs?: number;
  failures?: number;
  errorRate?: number;
  /** seconds */
  avgDuration?: number;
  p95Duration?: number;
  p99Duration?: number;
  rowCount?: number;
  errorLogs?: number;
  lastError?: string;
  lastTraceId?: string;
  /** ms */
  lastTraceDuration?: number;
  upstream: string[];
  downstream: string[];
  /** The root causes upstream of it when it is impacted (issue 12); empty for roots and healthy assets. */
  rootCauses?: string[];
  /** Unhealthy with no unhealthy ancestor (rules/rootCauses.ts). */
  isRootCause?: boolean;
  /** Rows per run as the volume rule compares them (diagnosed rows only: the `incidents` query). */
  rowsPerRun?: number;
  /** The volume rule's baseline: usual rows per run (the same window a day and a week earlier). */
  usualRowsPerRun?: number;
  /** Where usualRowsPerRun came from: day-before, week-before, day-and-week-before or earlier-runs. */
  usualRowsPerRunFrom?: string;
  /** The reasons of its volume anomalies (empty when volumes look normal). */
  volumeAnomalies?: string[];
}

/** A lineage edge: data flows from `source` (upstream) to `target` (the asset that reads it). */
export interface LineageEdge {
  source: string;
  target: string;
}
