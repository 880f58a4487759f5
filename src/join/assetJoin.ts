import { AssetError, AssetHealth, AssetTrace, Backend, HealthRules } from '../model';
import { evaluateHealth, slaFor } from '../rules/healthRules';
import { PromSample } from '../backends/prometheus/parsePrometheus';

/**
 * Every signal of a health query, keyed by asset name. A map is absent when its backend failed or
 * is not configured; the join then leaves those columns empty instead of failing.
 */
export interface HealthSignals {
  info?: Map<string, { layer?: string; owner?: string }>;
  runs?: Map<string, number>;
  failures?: Map<string, number>;
  avgDuration?: Map<string, number>;
  p95Duration?: Map<string, number>;
  p99Duration?: Map<string, number>;
  /** ms epoch */
  lastUpdate?: Map<string, number>;
  passRate?: Map<string, number>;
  rowCount?: Map<string, number>;
  /** [asset, upstream] pairs */
  dependencies?: Array<[string, string]>;
  errorLogs?: Map<string, number>;
  lastErrors?: Map<string, AssetError>;
  lastTraces?: Map<string, AssetTrace>;
  /** Assets a source names without other signals (log lines by asset, provisioned SLA overrides). */
  seen?: Set<string>;
  /** Backends that did not answer at all: their assets' missing signals say so. */
  unavailable?: Backend[];
}

/** Reason of an asset without metrics because Prometheus did not answer (one wording for every page). */
export const PROMETHEUS_UNAVAILABLE = 'Prometheus is unavailable';

/** Finite values by one label (duplicates: the last wins; NaN and ±Inf are dropped as "no value"). */
export function byLabel(samples: PromSample[], label: string, scale = 1): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of samples) {
    const key = s.labels[label];
    if (key !== undefined && Number.isFinite(s.value)) {
      out.set(key, s.value * scale);
    }
  }
  return out;
}

const asc = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Why the last run is known to have failed, from the cheapest exact signal available:
 *   - every run in the range failed (Prometheus counters);
 *   - the asset's newest trace is an error and is newer than the last successful update (Jaeger);
 *   - an error was logged after the last successful update (Loki).
 * `asset_last_update_timestamp` moves on success only (the seed's contract), which is what makes
 * the last two comparisons meaningful.
 */
export function lastRunFailure(
  runs: number | undefined,
  failures: number | undefined,
  lastUpdate: number | undefined,
  trace: AssetTrace | undefined,
  error: AssetError | undefined
): string | undefined {
  if (runs !== undefined && runs > 0 && failures !== undefined && failures >= runs) {
    return runs === 1 ? 'last run failed' : `last run failed (all ${runs} runs in the range failed)`;
  }
  const since = lastUpdate ?? -Infinity;
  if (trace?.error && trace.start > since) {
    return `last run failed (trace ${trace.traceId})`;
  }
  if (error && error.at > since) {
    return `last run failed: ${error.message}`;
  }
  return undefined;
}

/**
 * Joins every signal into one row per asset, O(assets + series): each signal is a Map looked up once
 * per asset. Rows are sorted by asset name. With `assets`, exactly those assets get a row (unknown
 * when no backend knows them); without, every asset any signal mentions (or `seen` lists) does.
 */
export function joinAssets(s: HealthSignals, rules: HealthRules, nowMs: number, assets?: string[]): AssetHealth[] {
  const upstream = new Map<string, string[]>();
  const downstream = new Map<string, string[]>();
  for (const [asset, up] of s.dependencies ?? []) {
    if (addUnique(upstream, asset, up)) {
      addUnique(downstream, up, asset);
    }
  }

  let names: string[];
  if (assets && assets.length) {
    names = Array.from(new Set(assets));
  } else {
    const all = new Set<string>();
    for (const m of [
      s.info,
      s.runs,
      s.failures,
      s.lastUpdate,
      s.passRate,
      s.rowCount,
      s.avgDuration,
      s.errorLogs,
      s.lastTraces,
    ]) {
      m?.forEach((_, k) => all.add(k));
    }
    s.seen?.forEach((k) => all.add(k));
    upstream.forEach((_, k) => all.add(k));
    downstream.forEach((_, k) => all.add(k));
    names = Array.from(all);
  }
  names.sort(asc);

  const metricsMissing = s.unavailable?.includes('prometheus') ? PROMETHEUS_UNAVAILABLE : undefined;
  const rows: AssetHealth[] = new Array(names.length);
  for (let i = 0; i < names.length; i++) {
    const asset = names[i];
    const info = s.info?.get(asset);
    const runs = s.runs?.get(asset);
    const failures = s.failures?.get(asset) ?? (runs !== undefined && s.failures ? 0 : undefined);
    const lastUpdate = s.lastUpdate?.get(asset);
    const freshness = lastUpdate === undefined ? undefined : Math.max(0, (nowMs - lastUpdate) / 1000);
    const passRate = s.passRate?.get(asset);
    const trace = s.lastTraces?.get(asset);
    const lastError = s.lastErrors?.get(asset);
    const { status, severity, reasons } = evaluateHealth(
      {
        asset,
        freshness,
        passRate,
        runs,
        failures,
        lastRunFailure: lastRunFailure(runs, failures, lastUpdate, trace, lastError),
        metricsMissing,
      },
      rules
    );
    rows[i] = {
      asset,
      layer: info?.layer || undefined,
      owner: info?.owner || undefined,
      status,
      severity,
      reasons,
      lastUpdate,
      freshness,
      freshnessSla: slaFor(asset, rules).warningSeconds,
      passRate,
      runs,
      failures,
      errorRate: runs !== undefined && runs > 0 && failures !== undefined ? failures / runs : undefined,
      avgDuration: s.avgDuration?.get(asset),
      p95Duration: s.p95Duration?.get(asset),
      p99Duration: s.p99Duration?.get(asset),
      rowCount: s.rowCount?.get(asset),
      errorLogs: s.errorLogs ? (s.errorLogs.get(asset) ?? 0) : undefined,
      lastError: lastError?.message,
      lastTraceId: trace?.traceId,
      lastTraceDuration: trace?.duration,
      upstream: sorted(upstream.get(asset)),
      downstream: sorted(downstream.get(asset)),
    };
  }
  return rows;
}

const sorted = (list: string[] | undefined): string[] => (!list ? [] : list.length > 1 ? list.sort(asc) : list);

// Index of the few lists that grew past a linear scan's sweet spot (huge fan-in/fan-out).
const bigLists = new WeakMap<string[], Set<string>>();

/** Appends `value` to `map[key]` unless present; false when it was. Linear scan for small degrees, a Set beyond. */
function addUnique(map: Map<string, string[]>, key: string, value: string): boolean {
  const list = map.get(key);
  if (!list) {
    map.set(key, [value]);
    return true;
  }
  let index = bigLists.get(list);
  if (!index && list.length >= 32) {
    index = new Set(list);
    bigLists.set(list, index);
  }
  if (index ? index.has(value) : list.includes(value)) {
    return false;
  }
  list.push(value);
  index?.add(value);
  return true;
}
