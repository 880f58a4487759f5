import { DEFAULT_FORECAST_RULES, ForecastRules, FreshnessForecast } from '../model';
import { formatDuration } from './healthRules';

/**
 * Freshness forecast (issue 12, documented in src/datasource/README.md). For each asset:
 *   - cadence: the median gap between the distinct values its last-update timestamp took over the
 *     range; with fewer than two, range ÷ executions in the range;
 *   - expectedNextUpdate = lastUpdate + cadence; slaBreachAt = lastUpdate + warning SLA;
 *   - state, first that holds: blocked (an upstream root cause is unhealthy, so the next update will
 *     not come) → late (now is past expectedNextUpdate + grace × cadence) → breach predicted (the
 *     expected update falls after slaBreachAt) → on time.
 */

/** What the forecast needs of one asset. */
export interface ForecastInput {
  asset: string;
  /** ms epoch of the last successful update. */
  lastUpdate?: number;
  /** ms epochs of the values the last-update timestamp took over the range (any order, repeats allowed). */
  updateTimes?: number[];
  /** Executions in the range, and the range's length in seconds (the fallback cadence). */
  runs?: number;
  rangeSeconds?: number;
  /** The asset's warning SLA in seconds. */
  slaSeconds: number;
  /** Unhealthy root causes upstream of it (from analyseRootCauses). */
  blockedBy?: string[];
}

/** "35 min" under an hour (rounded up past 30 s), else "2h 5m"; "under a minute" below 30 s. */
export function durationInWords(seconds: number): string {
  const s = Math.abs(seconds);
  if (s < 30) {
    return 'under a minute';
  }
  return s < 3600 ? `${Math.round(s / 60)} min` : formatDuration(s);
}

/** Median gap in seconds between the distinct update times; undefined with fewer than two. */
export function cadenceFromUpdates(times: readonly number[]): number | undefined {
  const distinct = [...new Set(times.filter(Number.isFinite))].sort((a, b) => a - b);
  if (distinct.length < 2) {
    return undefined;
  }
  const gaps = distinct.slice(1).map((t, i) => (t - distinct[i]) / 1000);
  gaps.sort((a, b) => a - b);
  const mid = gaps.length >> 1;
  return gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
}

/** The forecast of one asset at `nowMs` (the end of the range). */
export function forecastFreshness(
  x: ForecastInput,
  nowMs: number,
  rules: ForecastRules = DEFAULT_FORECAST_RULES
): FreshnessForecast {
  const blockedBy = x.blockedBy ?? [];
  let cadenceSeconds = cadenceFromUpdates(x.updateTimes ?? []);
  let cadenceSource: FreshnessForecast['cadenceSource'] = cadenceSeconds === undefined ? undefined : 'updates';
  if (cadenceSeconds === undefined && x.runs && x.runs > 0 && x.rangeSeconds && x.rangeSeconds > 0) {
    cadenceSeconds = x.rangeSeconds / x.runs;
    cadenceSource = 'executions';
  }
  const base = { asset: x.asset, cadenceSeconds, cadenceSource, lastUpdate: x.lastUpdate, blockedBy };
  if (x.lastUpdate === undefined) {
    return blockedBy.length
      ? { ...base, state: 'blocked', summary: `blocked by ${blockedBy.join(', ')}` }
      : { ...base, state: 'on-time', summary: 'no update seen' };
  }
  const slaBreachAt = x.lastUpdate + x.slaSeconds * 1000;
  const expectedNextUpdate = cadenceSeconds === undefined ? undefined : x.lastUpdate + cadenceSeconds * 1000;
  const toBreach = (slaBreachAt - nowMs) / 1000;
  const breachWords =
    toBreach > 0 ? `breaches its SLA in ${durationInWords(toBreach)}` : `SLA breached ${durationInWords(toBreach)} ago`;
  const withTimes = { ...base, expectedNextUpdate, slaBreachAt };
  if (blockedBy.length) {
    return { ...withTimes, state: 'blocked', summary: `blocked by ${blockedBy.join(', ')}` };
  }
  if (expectedNextUpdate === undefined || cadenceSeconds === undefined) {
    // No cadence: only the SLA says anything.
    return toBreach > 0
      ? { ...withTimes, state: 'on-time', summary: `${breachWords} unless updated` }
      : { ...withTimes, state: 'late', summary: breachWords };
  }
  const lateBy = (nowMs - expectedNextUpdate) / 1000;
  if (lateBy > rules.lateGraceFraction * cadenceSeconds) {
    const breached = toBreach <= 0 ? `, ${breachWords}` : '';
    return { ...withTimes, state: 'late', summary: `late by ${durationInWords(lateBy)}${breached}` };
  }
  if (expectedNextUpdate > slaBreachAt) {
    return { ...withTimes, state: 'breach-predicted', summary: breachWords };
  }
  const dueIn = -lateBy;
  return {
    ...withTimes,
    state: 'on-time',
    summary: dueIn > 30 ? `next update in ${durationInWords(dueIn)}` : 'next update due now',
  };
}

/** Sort comparator: soonest SLA breach first (already breached first of all), unknown last, then by name. */
export function compareTimeToBreach(a: FreshnessForecast, b: FreshnessForecast): number {
  const ta = a.slaBreachAt ?? Number.POSITIVE_INFINITY;
  const tb = b.slaBreachAt ?? Number.POSITIVE_INFINITY;
  return ta !== tb ? (ta < tb ? -1 : 1) : a.asset < b.asset ? -1 : a.asset > b.asset ? 1 : 0;
}
