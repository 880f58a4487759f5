import { createDataFrame, FieldType } from '@grafana/data';
import { metricsToFrames } from '../frames/signalFrames';
import { compareVolume, rowsPerRunFrame, usualFromWords, volumeCell, volumeSummary } from './volume';

const row = (over: object) => ({
  asset: 'a',
  status: 'ok' as const,
  reasons: [],
  upstream: [],
  downstream: [],
  ...over,
});

describe('volume view', () => {
  it('the Assets table cell: rows per run and the change against the usual', () => {
    expect(volumeCell({ rowsPerRun: 1020, usualRowsPerRun: 10200 })).toBe('1,020 (\u221290%)');
    expect(volumeCell({ rowsPerRun: 10500, usualRowsPerRun: 10000 })).toBe('10,500 (+5%)');
    expect(volumeCell({ rowsPerRun: 980 })).toBe('980');
    expect(volumeCell({})).toBe('–');
  });

  it('sorts the biggest drop first, then rows without a usual, then none', () => {
    const rows = [
      {},
      { rowsPerRun: 5 },
      { rowsPerRun: 10, usualRowsPerRun: 10 },
      { rowsPerRun: 1, usualRowsPerRun: 10 },
    ];
    expect([...rows].sort(compareVolume)).toEqual([rows[3], rows[2], rows[1], rows[0]]);
  });

  it('says where the usual comes from, in the range of the page', () => {
    expect(usualFromWords('day-and-week-before', 6 * 3600)).toBe('the same 6 h one day and one week earlier');
    expect(usualFromWords('week-before', 86400)).toBe('the same 24 h one week earlier');
    expect(usualFromWords('day-before', 2 * 86400)).toBe('the same 2 d one day earlier');
    expect(usualFromWords('day-before', 1800)).toBe('the same 30 min one day earlier');
    expect(usualFromWords(undefined, 3600)).toBeUndefined();
  });

  it('summarises the comparison and keeps the anomaly reasons', () => {
    const s = volumeSummary(
      row({
        rowsPerRun: 1020,
        usualRowsPerRun: 9800,
        usualRowsPerRunFrom: 'day-before',
        volumeAnomalies: ['rows per run 1,020 vs 9,800 usual (\u221290%)'],
      }),
      6 * 3600
    );
    expect(s).toEqual({
      headline: '1,020 rows per run, usually 9,800 (\u221290%)',
      baseline: 'usual = the same 6 h one day earlier',
      anomalies: ['rows per run 1,020 vs 9,800 usual (\u221290%)'],
    });
    expect(volumeSummary(row({ rowsPerRun: 50 }), 3600).headline).toBe('50 rows per run (no baseline yet)');
    expect(volumeSummary(undefined, 3600)).toEqual({ anomalies: [] });
  });

  it('rows per run over time: rows over runs step by step, a gap without a run, the usual flat', () => {
    const frames = (metric: 'rows' | 'runs', values: number[]) =>
      metricsToFrames(
        [{ labels: { asset_name: 'a' }, timestamps: [1000, 2000, 3000, 4000], values }],
        'asset_name',
        'check_name',
        metric,
        metric
      );
    const frame = rowsPerRunFrame(frames('rows', [2000, 0, NaN, 300]), frames('runs', [2, 0, 1, 0.5]), 1000)!;
    expect(frame.fields.map((f) => f.name)).toEqual(['Time', 'rows per run', 'usual']);
    expect(frame.fields[1].values).toEqual([1000, null, null, 600]);
    expect(frame.fields[2].values).toEqual([1000, 1000, 1000, 1000]);
    expect(rowsPerRunFrame(frames('rows', [1]), [], 1)).toBeUndefined();
    const noUsual = rowsPerRunFrame(frames('rows', [10, 10, 10, 10]), frames('runs', [1, 1, 1, 1]), undefined)!;
    expect(noUsual.fields.map((f) => f.name)).toEqual(['Time', 'rows per run']);
    expect(createDataFrame(noUsual).fields[1].type).toBe(FieldType.number);
  });
});
