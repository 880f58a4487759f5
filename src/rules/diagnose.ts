import {
  AssetHealth,
  DEFAULT_FORECAST_RULES,
  DEFAULT_VOLUME_RULES,
  DiagnosisSignals,
  ForecastRules,
  FreshnessForecast,
  HealthRules,
  Incident,
  ownValue,
  RootCauseAnalysis,
  VolumeAnomaly,
  VolumeRules,
} from '../model';
import { forecastFreshness } from './freshnessForecast';
import { slaFor } from './healthRules';
import { analyseRootCauses, buildIncidents, rootCausesOf } from './rootCauses';
import { compareRowsPerRun, detectVolumeAnomalies, withVolumeAnomalies } from './volumeAnomalies';

/**
 * The whole diagnosis of one health snapshot, in the order the rules depend on each other:
 * volume anomalies (they can make an asset unhealthy) → root causes → freshness forecasts (blocked
 * by upstream roots) → incidents (since, first downstream SLA breach from the forecasts).
 */

/** A health row with its place in the diagnosis (the `health` frame's rootCauses / isRootCause). */
export type DiagnosedAsset = AssetHealth & Required<Pick<AssetHealth, 'rootCauses' | 'isRootCause'>>;

export interface DiagnosisOptions {
  rules: HealthRules;
  volume?: VolumeRules;
  forecast?: ForecastRules;
  /** ms epochs of the range. */
  fromMs: number;
  toMs: number;
}

export interface Diagnosis {
  rows: DiagnosedAsset[];
  analysis: RootCauseAnalysis;
  forecasts: FreshnessForecast[];
  anomalies: VolumeAnomaly[];
  incidents: Incident[];
}

/**
 * The volume anomalies of the joined health rows (status `volume` with its reason, rows per run and
 * its usual value): the first step of the diagnosis, which the `health` query applies too.
 */
export function applyVolumeSignals(
  health: readonly AssetHealth[],
  signals: Readonly<Record<string, DiagnosisSignals>>,
  volume: VolumeRules = DEFAULT_VOLUME_RULES
): { rows: AssetHealth[]; anomalies: VolumeAnomaly[] } {
  const anomalies: VolumeAnomaly[] = [];
  const rows = health.map((row) => {
    const s = ownValue(signals, row.asset);
    if (!s) {
      return row;
    }
    const input = { asset: row.asset, ...s };
    const found = detectVolumeAnomalies(input, volume);
    anomalies.push(...found);
    const rowsPerRun = compareRowsPerRun(input, volume);
    return {
      ...withVolumeAnomalies(row, found),
      rowsPerRun: rowsPerRun?.value,
      usualRowsPerRun: rowsPerRun?.usual,
      usualRowsPerRunFrom: rowsPerRun?.usualSource,
      volumeAnomalies: found.map((a) => a.reason),
    };
  });
  return { rows, anomalies };
}

/** Diagnoses the joined health rows with the extra signals (keyed by asset; missing = none). */
export function diagnose(
  health: readonly AssetHealth[],
  signals: Readonly<Record<string, DiagnosisSignals>>,
  opts: DiagnosisOptions
): Diagnosis {
  const { rows, anomalies } = applyVolumeSignals(health, signals, opts.volume);
  const analysis = analyseRootCauses(rows);
  const roots = new Set(analysis.roots);
  const rangeSeconds = Math.max(1, (opts.toMs - opts.fromMs) / 1000);
  const forecasts = rows.map((row) =>
    forecastFreshness(
      {
        asset: row.asset,
        lastUpdate: row.lastUpdate,
        updateTimes: ownValue(signals, row.asset)?.updateTimes,
        runs: row.runs,
        rangeSeconds,
        slaSeconds: slaFor(row.asset, opts.rules).warningSeconds,
        blockedBy: (analysis.upstreamRoots.get(row.asset) ?? []).filter((r) => r !== row.asset),
      },
      opts.toMs,
      opts.forecast ?? DEFAULT_FORECAST_RULES
    )
  );
  const forecastOf = new Map(forecasts.map((f) => [f.asset, f]));
  const since = (asset: string): number | undefined => {
    const failedAt = ownValue(signals, asset)?.firstFailureAt;
    const breach = forecastOf.get(asset)?.slaBreachAt;
    const breachInRange = breach !== undefined && breach >= opts.fromMs && breach <= opts.toMs ? breach : undefined;
    const times = [failedAt, breachInRange].filter((t): t is number => t !== undefined);
    return times.length ? Math.min(...times) : undefined;
  };
  const incidents = buildIncidents(rows, analysis, { since, slaBreachAt: (a) => forecastOf.get(a)?.slaBreachAt });
  const diagnosed = rows.map((row): DiagnosedAsset => ({
    ...row,
    rootCauses: rootCausesOf(row.asset, row.status, analysis),
    isRootCause: roots.has(row.asset),
  }));
  return { rows: diagnosed, analysis, forecasts, anomalies, incidents };
}
