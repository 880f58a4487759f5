/** Asset status, worst last: the order is used to sort "most urgent first". */
export type AssetStatus = 'ok' | 'unknown' | 'warning' | 'stale' | 'critical' | 'failing';

/** One row of the `health` frame: everything Cascade knows about an asset, joined by name. */
export interface AssetHealth {
  asset: string;
  layer?: string;
  owner?: string;
  status: AssetStatus;
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
}

/** A lineage edge: data flows from `source` (upstream) to `target` (the asset that reads it). */
export interface LineageEdge {
  source: string;
  target: string;
}
