import {
  AssetSeverity,
  AssetStatus,
  DEFAULT_VOLUME_RULES,
  DiagnosisSignals,
  RowsWindow,
  VolumeAnomaly,
  VolumeBaselineSource,
  VolumeRules,
} from '../model';
import { worstProblem } from './healthRules';

/**
 * Volume anomalies (issue 12, documented in src/datasource/README.md):
 *   - rows per run: the range's rows per run against the same window one day and one week earlier
 *     (the mean of those that have runs); when neither has, the latest run of the range against the
 *     earlier runs of the range. A drop of at least `minDropPercent` (default 50 %) is an anomaly;
 *   - row count: the table's row count at the end of the range at least `rowCountDropPercent`
 *     (default 20 %) below its highest value in the range is an anomaly.
 * Each anomaly is a `volume` problem of `severity` (default warning): it names the asset's status when
 * it is the worst problem, and adds its reason.
 */

/** The volume signals of one asset (the range, the same window a day and a week earlier, its runs). */
export type VolumeInput = { asset: string } & Pick<
  DiagnosisSignals,
  'range' | 'dayBefore' | 'weekBefore' | 'latestRuns' | 'earlierRuns' | 'rowCountMax' | 'rowCountLast'
>;

/** "9,800": thousands separators, at most one decimal under 10. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: Math.abs(n) < 10 ? 1 : 0 });
}

/** "−90%" with a real minus sign, "+12%". */
export function formatChange(percent: number): string {
  const r = Math.round(percent);
  return r < 0 ? `\u2212${-r}%` : `+${r}%`;
}

const perRun = (w: RowsWindow) => w.rows / w.runs;

function baselineOf(
  x: VolumeInput,
  minRuns: number
): { current: RowsWindow; value: number; source: VolumeBaselineSource } | undefined {
  const has = (w?: RowsWindow): w is RowsWindow => !!w && w.runs >= minRuns && w.runs > 0 && Number.isFinite(w.rows);
  const day = has(x.dayBefore) ? x.dayBefore : undefined;
  const week = has(x.weekBefore) ? x.weekBefore : undefined;
  if ((day || week) && has(x.range)) {
    const values = [day, week].filter(has).map(perRun);
    const source: VolumeBaselineSource = day && week ? 'day-and-week-before' : day ? 'day-before' : 'week-before';
    return { current: x.range, value: values.reduce((a, b) => a + b, 0) / values.length, source };
  }
  if (has(x.latestRuns) && has(x.earlierRuns)) {
    return { current: x.latestRuns, value: perRun(x.earlierRuns), source: 'earlier-runs' };
  }
  return undefined;
}

/** Rows per run as the anomaly rule compares them: the value, its usual (baseline) and the change. */
export interface RowsPerRunComparison {
  /** Rows per run of the range (or of its latest run, when the baseline is the earlier runs). */
  value: number;
  /** The usual rows per run; undefined when no baseline window has runs. */
  usual?: number;
  usualSource?: VolumeBaselineSource;
  /** Signed percent against the usual (negative = fewer rows). */
  changePercent?: number;
}

/** Rows per run against the baseline the anomaly rule uses; undefined when the range has no run. */
export function compareRowsPerRun(
  x: VolumeInput,
  rules: VolumeRules = DEFAULT_VOLUME_RULES
): RowsPerRunComparison | undefined {
  const base = baselineOf(x, Math.max(1, rules.minRuns));
  if (base && base.value > 0) {
    const value = perRun(base.current);
    return {
      value,
      usual: base.value,
      usualSource: base.source,
      changePercent: ((value - base.value) / base.value) * 100,
    };
  }
  const range = x.range;
  return range && range.runs > 0 && Number.isFinite(range.rows) ? { value: perRun(range) } : undefined;
}

/** The anomalies of one asset (none, one or both kinds). */
export function detectVolumeAnomalies(x: VolumeInput, rules: VolumeRules = DEFAULT_VOLUME_RULES): VolumeAnomaly[] {
  const out: VolumeAnomaly[] = [];
  const base = baselineOf(x, Math.max(1, rules.minRuns));
  if (base && base.value > 0) {
    const value = perRun(base.current);
    const changePercent = ((value - base.value) / base.value) * 100;
    if (changePercent <= -rules.minDropPercent) {
      out.push({
        asset: x.asset,
        kind: 'rows-per-run',
        value,
        baseline: base.value,
        baselineSource: base.source,
        changePercent,
        status: rules.status,
        severity: rules.severity,
        reason: `rows per run ${formatCount(value)} vs ${formatCount(base.value)} usual (${formatChange(changePercent)})`,
      });
    }
  }
  const max = x.rowCountMax;
  const last = x.rowCountLast;
  if (max !== undefined && last !== undefined && max > 0 && Number.isFinite(last)) {
    const changePercent = ((last - max) / max) * 100;
    if (changePercent <= -rules.rowCountDropPercent) {
      out.push({
        asset: x.asset,
        kind: 'row-count',
        value: last,
        baseline: max,
        baselineSource: 'range-max',
        changePercent,
        status: rules.status,
        severity: rules.severity,
        reason: `row count fell from ${formatCount(max)} to ${formatCount(last)} (${formatChange(changePercent)})`,
      });
    }
  }
  return out;
}

/** The asset's status and reasons with its anomalies applied (the worst status wins). */
export function withVolumeAnomalies<T extends { status: AssetStatus; severity?: AssetSeverity; reasons: string[] }>(
  row: T,
  anomalies: readonly VolumeAnomaly[]
): T {
  if (!anomalies.length) {
    return row;
  }
  const worst = anomalies.reduce<{ status: AssetStatus; severity?: AssetSeverity }>(
    (w, a) => worstProblem(w, { status: a.status, severity: a.severity }),
    { status: row.status, severity: row.severity }
  );
  return {
    ...row,
    status: worst.status,
    severity: worst.severity,
    reasons: [...row.reasons, ...anomalies.map((a) => a.reason)],
  };
}

/** Volume rules: defaults, then each layer's finite numbers and status. */
export function resolveVolumeRules(...layers: Array<Partial<VolumeRules> | undefined>): VolumeRules {
  const rules = { ...DEFAULT_VOLUME_RULES };
  for (const layer of layers) {
    for (const key of ['minDropPercent', 'rowCountDropPercent', 'minRuns'] as const) {
      const v = layer?.[key];
      if (typeof v === 'number' && Number.isFinite(v)) {
        rules[key] = v;
      }
    }
    if (typeof layer?.status === 'string') {
      rules.status = layer.status;
    }
    if (layer?.severity === 'warning' || layer?.severity === 'critical') {
      rules.severity = layer.severity;
    }
  }
  return rules;
}
