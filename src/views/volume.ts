import { createDataFrame, DataFrame, FieldType } from '@grafana/data';
import { AssetHealth } from '../model';
import { metricsFromFrames } from '../frames/signalFrames';
import { formatChange, formatCount } from '../rules/volumeAnomalies';

/**
 * Row volumes on the pages: rows per run and the usual rows per run the volume anomaly rule compares
 * them with (both from the diagnosed `health` frame), and rows per run over time (from the `rows`
 * and `runs` metrics series).
 */

/** The Assets table's volume cell: "1,020 (−90%)"; "1,020" without a baseline; "–" without runs. */
export function volumeCell(row: Pick<AssetHealth, 'rowsPerRun' | 'usualRowsPerRun'>): string {
  const { rowsPerRun: value, usualRowsPerRun: usual } = row;
  if (value === undefined || !Number.isFinite(value)) {
    return '–';
  }
  if (usual === undefined || !Number.isFinite(usual) || usual <= 0) {
    return formatCount(value);
  }
  return `${formatCount(value)} (${formatChange(((value - usual) / usual) * 100)})`;
}

/** Order of the volume column: the biggest drop against the usual first, then rows without a usual, then none. */
export function compareVolume(
  a: Pick<AssetHealth, 'rowsPerRun' | 'usualRowsPerRun'>,
  b: Pick<AssetHealth, 'rowsPerRun' | 'usualRowsPerRun'>
): number {
  const key = (r: typeof a): [number, number] => {
    if (r.rowsPerRun === undefined) {
      return [2, 0];
    }
    return r.usualRowsPerRun ? [0, (r.rowsPerRun - r.usualRowsPerRun) / r.usualRowsPerRun] : [1, r.rowsPerRun];
  };
  const [ka, kb] = [key(a), key(b)];
  return ka[0] - kb[0] || ka[1] - kb[1];
}

/** "6 h", "30 min", "2 d": a window length in words for the baseline's caption. */
function windowWords(seconds: number): string {
  if (seconds >= 2 * 86400 && seconds % 86400 === 0) {
    return `${seconds / 86400} d`;
  }
  if (seconds >= 3600) {
    return `${Math.round((seconds / 3600) * 10) / 10} h`;
  }
  return `${Math.max(1, Math.round(seconds / 60))} min`;
}

/** Where the usual rows per run came from, in words ("the same 6 h one day and one week earlier"). */
export function usualFromWords(from: string | undefined, rangeSeconds: number): string | undefined {
  const w = windowWords(rangeSeconds);
  switch (from) {
    case 'day-and-week-before':
      return `the same ${w} one day and one week earlier`;
    case 'day-before':
      return `the same ${w} one day earlier`;
    case 'week-before':
      return `the same ${w} one week earlier`;
    case 'earlier-runs':
      return 'the earlier runs of this range (no runs a day or a week earlier)';
    default:
      return undefined;
  }
}

/** What the asset page says under "Volume": the comparison in words, and the anomaly reasons. */
export interface VolumeSummary {
  /** "1,020 rows per run, usually 9,800 (−90%)" */
  headline?: string;
  /** "usual = the same 6 h one day and one week earlier" */
  baseline?: string;
  anomalies: string[];
}

export function volumeSummary(row: AssetHealth | undefined, rangeSeconds: number): VolumeSummary {
  const anomalies = row?.volumeAnomalies ?? [];
  const value = row?.rowsPerRun;
  if (value === undefined || !Number.isFinite(value)) {
    return { anomalies };
  }
  const usual = row?.usualRowsPerRun;
  if (usual === undefined || !(usual > 0)) {
    return { headline: `${formatCount(value)} rows per run (no baseline yet)`, anomalies };
  }
  const from = usualFromWords(row?.usualRowsPerRunFrom, rangeSeconds);
  return {
    headline: `${formatCount(value)} rows per run, usually ${formatCount(usual)} (${formatChange(((value - usual) / usual) * 100)})`,
    baseline: from ? `usual = ${from}` : undefined,
    anomalies,
  };
}

/**
 * Rows per run over time: the `rows` series over the `runs` series of the same asset, step by step
 * (a step without a finished run is a gap), and the usual rows per run as a flat dashed line.
 */
export function rowsPerRunFrame(
  rowsFrames: DataFrame[],
  runsFrames: DataFrame[],
  usual: number | undefined
): DataFrame | undefined {
  const [rows] = metricsFromFrames(rowsFrames);
  const [runs] = metricsFromFrames(runsFrames);
  if (!rows || !runs) {
    return undefined;
  }
  const runsAt = new Map(runs.timestamps.map((t, i) => [t, runs.values[i]]));
  const values = rows.timestamps.map((t, i) => {
    const r = rows.values[i];
    const n = runsAt.get(t);
    // Under half a run (rate extrapolation at a window's edge) says nothing about a run's size.
    return r === null || n === null || n === undefined || !(n >= 0.5) ? null : r / n;
  });
  const fields = [
    { name: 'Time', type: FieldType.time, values: rows.timestamps, config: {} },
    // The axis from 0, so a drop reads at its true size; decimals left to the axis ("1.8 K", not "2 K" twice).
    { name: 'rows per run', type: FieldType.number, values, config: { unit: 'short', min: 0 } },
  ];
  if (usual !== undefined && Number.isFinite(usual)) {
    fields.push({
      name: 'usual',
      type: FieldType.number,
      values: rows.timestamps.map(() => usual),
      config: { unit: 'short', min: 0, custom: { lineStyle: { fill: 'dash', dash: [10, 10] }, fillOpacity: 0 } },
    } as (typeof fields)[number]);
  }
  return createDataFrame({ name: 'rows per run', fields });
}
