import { DataFrame } from '@grafana/data';
import { findFrames } from '../frames/frameKit';
import { metricsFromFrames } from '../frames/signalFrames';

/** One series of a `metrics` response, as the data source's metricsFromFrames reads it. */
export type MetricSeries = ReturnType<typeof metricsFromFrames>[number];

/** The `metrics` series of one query (by refId) in a merged response. */
export function metricSeries(series: DataFrame[], refId: string): MetricSeries[] {
  return metricsFromFrames(findFrames(series, 'metrics').filter((f) => f.refId === refId));
}

/** The last non-null, finite sample of a series. */
export function lastSample(s: MetricSeries): { time: number; value: number } | undefined {
  for (let i = s.values.length - 1; i >= 0; i--) {
    const v = s.values[i];
    if (v !== null && Number.isFinite(v)) {
      return { time: s.timestamps[i], value: v };
    }
  }
  return undefined;
}

/** Mean of the non-null samples, undefined when there are none. */
export function seriesMean(s: MetricSeries): number | undefined {
  return meanByAsset([s]).get(s.asset);
}

/** Mean per asset (several series of one asset are pooled). */
export function meanByAsset(series: MetricSeries[]): Map<string, number> {
  const acc = new Map<string, { sum: number; n: number }>();
  for (const s of series) {
    const a = acc.get(s.asset) ?? { sum: 0, n: 0 };
    for (const v of s.values) {
      if (v !== null && Number.isFinite(v)) {
        a.sum += v;
        a.n++;
      }
    }
    acc.set(s.asset, a);
  }
  const out = new Map<string, number>();
  acc.forEach((a, asset) => a.n && out.set(asset, a.sum / a.n));
  return out;
}

/** The latest result of every (asset, check) passRate series. */
export function latestChecks(
  series: MetricSeries[]
): Array<{ asset: string; check: string; passRate: number; time: number }> {
  const out: Array<{ asset: string; check: string; passRate: number; time: number }> = [];
  for (const s of series) {
    const last = lastSample(s);
    if (last) {
      out.push({ asset: s.asset, check: s.check ?? 'validation', passRate: last.value, time: last.time });
    }
  }
  return out;
}
