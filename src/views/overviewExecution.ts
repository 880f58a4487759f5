import { dateTime, TimeRange } from '@grafana/data';
import { AssetHealth, AssetSeverity, AssetStatus } from '../model';

const DAY_MS = 24 * 3600 * 1000;

/**
 * The longer window an asset's own baseline is measured over: 7× the page range, at least 7 days,
 * ending where the page range ends (so a pipeline younger than the window still has a baseline).
 */
export function baselineRange(range: TimeRange, minDays = 7, factor = 7): TimeRange {
  const to = range.to.valueOf();
  const span = Math.max(to - range.from.valueOf(), 0);
  const from = to - Math.max(span * factor, minDays * DAY_MS);
  return { from: dateTime(from), to: dateTime(to), raw: { from: dateTime(from), to: dateTime(to) } };
}

export interface ExecutionRow {
  asset: string;
  status: AssetStatus;
  severity?: AssetSeverity;
  /** seconds over the page range */
  avg?: number;
  p95?: number;
  /** seconds over the baseline window */
  baselineAvg?: number;
  baselineP95?: number;
  /** worst of avg/baselineAvg and p95/baselineP95 */
  ratio?: number;
  slow: boolean;
}

const ratioOf = (v: number | undefined, base: number | undefined) =>
  v !== undefined && base !== undefined && base > 0 && Number.isFinite(v) ? v / base : undefined;

/**
 * Execution times against each asset's own baseline. Slow = avg or p95 more than `factor` × its
 * baseline. Slow first, then by ratio, then by p95; assets that never ran are left out.
 */
export function executionTimes(
  rows: AssetHealth[],
  baseline: { avg: Map<string, number>; p95: Map<string, number> },
  factor = 1.5
): ExecutionRow[] {
  const out: ExecutionRow[] = [];
  for (const r of rows) {
    if (r.avgDuration === undefined && r.p95Duration === undefined) {
      continue;
    }
    const baselineAvg = baseline.avg.get(r.asset);
    const baselineP95 = baseline.p95.get(r.asset);
    const ratios = [ratioOf(r.avgDuration, baselineAvg), ratioOf(r.p95Duration, baselineP95)].filter(
      (x): x is number => x !== undefined
    );
    const ratio = ratios.length ? Math.max(...ratios) : undefined;
    out.push({
      asset: r.asset,
      status: r.status,
      severity: r.severity,
      avg: r.avgDuration,
      p95: r.p95Duration,
      baselineAvg,
      baselineP95,
      ratio,
      slow: ratio !== undefined && ratio > factor,
    });
  }
  return out.sort(
    (a, b) =>
      Number(b.slow) - Number(a.slow) ||
      (b.ratio ?? 0) - (a.ratio ?? 0) ||
      (b.p95 ?? 0) - (a.p95 ?? 0) ||
      a.asset.localeCompare(b.asset)
  );
}
