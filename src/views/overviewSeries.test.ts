import { LINKS } from '../testing/testPipeline';
import { DataFrame } from '@grafana/data';
import { resolveMapping } from '../model';
import { healthToFrame } from '../frames/healthFrame';
import { lastSample, latestChecks, meanByAsset, metricSeries, seriesMean } from './overviewSeries';
import { metricsToFrames } from '../frames/signalFrames';

// Frames built by the data source's own builders, so this reads exactly what query() returns.
const metricFrames = (
  refId: string,
  series: Array<{ labels: Record<string, string>; values: number[] }>
): DataFrame[] =>
  metricsToFrames(
    series.map((s) => ({ labels: s.labels, timestamps: s.values.map((_, i) => 1000 * (i + 1)), values: s.values })),
    'asset_name',
    'check_name',
    'passRate',
    refId
  );

describe('metricSeries', () => {
  it('reads the metrics frames of one refId, skipping other queries and frame kinds', () => {
    const frames = [
      ...metricFrames('checks', [
        { labels: { asset_name: 'a', check_name: 'range' }, values: [100, 99] },
        { labels: { asset_name: 'b', check_name: 'nulls' }, values: [90, Number.NaN] },
      ]),
      ...metricFrames('other', [{ labels: { asset_name: 'c' }, values: [1] }]),
      healthToFrame([], 'checks', { mapping: resolveMapping(undefined), app: LINKS.app }),
    ];
    const s = metricSeries(frames, 'checks');
    expect(s.map((x) => [x.asset, x.check])).toEqual([
      ['a', 'range'],
      ['b', 'nulls'],
    ]);
    expect(s[1].values).toEqual([90, null]);
    expect(s[0].timestamps).toEqual([1000, 2000]);
  });
});

describe('sample helpers', () => {
  const s = { asset: 'a', timestamps: [1, 2, 3], values: [4, 8, null] };
  it('lastSample skips trailing gaps', () => {
    expect(lastSample(s)).toEqual({ time: 2, value: 8 });
    expect(lastSample({ ...s, values: [null, null, null] })).toBeUndefined();
  });
  it('seriesMean ignores gaps', () => {
    expect(seriesMean(s)).toBe(6);
    expect(seriesMean({ ...s, values: [null, null, null] })).toBeUndefined();
  });
  it('meanByAsset pools series of one asset', () => {
    const m = meanByAsset([s, { ...s, values: [0, null, null] }, { ...s, asset: 'b', values: [null, null, null] }]);
    expect(m.get('a')).toBe(4);
    expect(m.has('b')).toBe(false);
  });
  it('latestChecks gives the latest value per check', () => {
    expect(latestChecks([{ ...s, check: 'range' }])).toEqual([{ asset: 'a', check: 'range', passRate: 8, time: 2 }]);
  });
});
