import { DiagnosisSignals, ResolvedMapping, RowsWindow } from '../model';
import { parsePromMatrix, parsePromVector, PromSeries } from '../backends/prometheus/parsePrometheus';
import { ParseError } from '../backends/parseResult';
import { DIAGNOSIS_SIGNAL_LABEL, DiagnosisSeries } from '../backends/prometheus/diagnosisQueries';

/**
 * Backend bodies of the diagnosis queries → DiagnosisSignals per asset (pure). Counter deltas are
 * read step by step; a negative step is a reset and counts its new value.
 */

export interface DiagnosisSignalsResult {
  signals: Record<string, DiagnosisSignals>;
  errors: ParseError[];
}

/**
 * Per step: the increase since the previous step (a decrease is a counter reset: the new value). A
 * series born inside the range (its first point later than the range's first step) counts its first
 * value as an increase from 0, as the health query's `or c` fallback does.
 */
export function stepIncreases(s: PromSeries, bornAfterMs: number): Map<number, number> {
  const out = new Map<number, number>();
  if (s.timestamps.length && s.timestamps[0] > bornAfterMs && Number.isFinite(s.values[0])) {
    out.set(s.timestamps[0], s.values[0]);
  }
  for (let i = 1; i < s.values.length; i++) {
    const [prev, cur] = [s.values[i - 1], s.values[i]];
    if (Number.isFinite(prev) && Number.isFinite(cur)) {
      out.set(s.timestamps[i], cur >= prev ? cur - prev : cur);
    }
  }
  return out;
}

function fromRange(series: Partial<Record<DiagnosisSeries, PromSeries>>, bornAfterMs: number): DiagnosisSignals {
  const out: DiagnosisSignals = {};
  const last = series.lastUpdate;
  if (last) {
    out.updateTimes = [...new Set(last.values.filter((v) => Number.isFinite(v) && v > 0))].map((v) => v * 1000);
  }
  const failures = series.failures && stepIncreases(series.failures, bornAfterMs);
  for (const [t, d] of failures ?? []) {
    if (d > 0) {
      out.firstFailureAt = t;
      break;
    }
  }
  if (series.runs && series.rows) {
    const runs = stepIncreases(series.runs, bornAfterMs);
    const rows = stepIncreases(series.rows, bornAfterMs);
    const total: RowsWindow = { rows: 0, runs: 0 };
    let latestAt: number | undefined;
    for (const [t, d] of runs) {
      total.runs += d;
      total.rows += rows.get(t) ?? 0;
      if (d > 0) {
        latestAt = t;
      }
    }
    out.range = total;
    if (latestAt !== undefined) {
      out.latestRuns = { runs: runs.get(latestAt)!, rows: rows.get(latestAt) ?? 0 };
      out.earlierRuns = { runs: total.runs - out.latestRuns.runs, rows: total.rows - out.latestRuns.rows };
    }
  }
  const count = series.rowCount?.values.filter(Number.isFinite);
  if (count?.length) {
    out.rowCountMax = Math.max(...count);
    out.rowCountLast = count[count.length - 1];
  }
  return out;
}

/** Rows and runs of one volume window per asset. */
function windows(body: unknown, m: ResolvedMapping, errors: ParseError[]): Map<string, RowsWindow> {
  const out = new Map<string, RowsWindow>();
  const parsed = parsePromVector(body);
  if (!parsed.ok) {
    errors.push(parsed.error);
    return out;
  }
  for (const x of parsed.value) {
    const asset = x.labels[m.assetLabel];
    const kind = x.labels[DIAGNOSIS_SIGNAL_LABEL];
    if (asset === undefined || (kind !== 'rows' && kind !== 'runs') || !Number.isFinite(x.value)) {
      continue;
    }
    const w = out.get(asset) ?? { rows: 0, runs: 0 };
    w[kind] = x.value;
    out.set(asset, w);
  }
  return out;
}

/**
 * The range query's matrix and the two volume baselines' vectors (any may be undefined: a failed
 * request). `firstStepMs`: the range query's first step (series starting later were born in the range).
 */
export function diagnosisSignals(
  bodies: { range?: unknown; dayBefore?: unknown; weekBefore?: unknown },
  m: ResolvedMapping,
  firstStepMs = Number.POSITIVE_INFINITY
): DiagnosisSignalsResult {
  const errors: ParseError[] = [];
  const perAsset = new Map<string, Partial<Record<DiagnosisSeries, PromSeries>>>();
  if (bodies.range !== undefined) {
    const parsed = parsePromMatrix(bodies.range);
    if (parsed.ok) {
      for (const s of parsed.value.series) {
        const asset = s.labels[m.assetLabel];
        const kind = s.labels[DIAGNOSIS_SIGNAL_LABEL] as DiagnosisSeries | undefined;
        if (asset !== undefined && kind) {
          perAsset.set(asset, { ...perAsset.get(asset), [kind]: s });
        }
      }
    } else {
      errors.push(parsed.error);
    }
  }
  const day = bodies.dayBefore === undefined ? new Map() : windows(bodies.dayBefore, m, errors);
  const week = bodies.weekBefore === undefined ? new Map() : windows(bodies.weekBefore, m, errors);
  const signals: Record<string, DiagnosisSignals> = {};
  for (const asset of new Set([...perAsset.keys(), ...day.keys(), ...week.keys()])) {
    // defineProperty: asset names are data (a "__proto__" asset must stay an own key).
    Object.defineProperty(signals, asset, {
      value: {
        ...fromRange(perAsset.get(asset) ?? {}, firstStepMs),
        dayBefore: day.get(asset),
        weekBefore: week.get(asset),
      },
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return { signals, errors };
}
