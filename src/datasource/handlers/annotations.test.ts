import { AnnotationQuery } from '@grafana/data';
import { lastValueFrom, toArray } from 'rxjs';
import { makeDataSource, makeRequest } from '../../testing/fakes';
import { findFrames } from '../../frames/frameKit';
import { annotationsFromFrame } from '../../frames/annotationsFrame';
import { APP_URLS } from '../settings';
import { CascadeQuery } from '../types';

const TO = 1_700_000_000_000;
const HOUR = 3_600_000;
/** A Prometheus matrix answer over the request's last hour, one sample a minute. */
function matrix(series: Array<[Record<string, string>, (i: number) => number | undefined]>) {
  const times = Array.from({ length: 61 }, (_, i) => (TO - HOUR) / 1000 + i * 60);
  return {
    status: 'success',
    data: {
      resultType: 'matrix',
      result: series.map(([metric, value]) => ({
        metric,
        values: times.flatMap((t, i) => (value(i) === undefined ? [] : [[t, String(value(i))]])),
      })),
    },
  };
}
const BODY = matrix([
  [{ asset_name: 'pub', cascade_signal: 'failures' }, (i) => (i < 50 ? 3 : 5)],
  [{ asset_name: 'mrt', cascade_signal: 'lastUpdate' }, () => (TO - 5 * HOUR) / 1000],
  [
    { asset_name: 'mrt', cascade_signal: 'alert', alertname: 'DatasetFreshness', alertstate: 'firing' },
    (i) => (i >= 30 ? 1 : undefined),
  ],
]);

async function run(targets: Array<Partial<CascadeQuery>>, vars: Record<string, string | string[]> = {}) {
  const env = makeDataSource(() => ({ body: BODY }), {
    vars,
    jsonData: { prometheusUid: 'prom', scrapeIntervalSeconds: 60 },
  });
  const responses = await lastValueFrom(env.ds.query(makeRequest(targets, TO)).pipe(toArray()));
  return { ...env, responses };
}

test('one Prometheus range query per target whatever the number of assets; $asset interpolated', async () => {
  const many = Array.from({ length: 300 }, (_, i) => `asset_${i}`);
  const { requests } = await run(
    [
      { queryType: 'annotations', assets: many },
      { queryType: 'annotations', assets: ['$asset'] },
    ],
    { asset: ['mrt', 'pub'] }
  );
  expect(requests.map((r) => r.url)).toEqual([
    '/api/datasources/proxy/uid/prom/api/v1/query_range',
    '/api/datasources/proxy/uid/prom/api/v1/query_range',
  ]);
  expect(requests[1].params?.query).toContain('asset_name=~"mrt|pub"');
  expect(requests[1].params).toMatchObject({ start: String((TO - HOUR) / 1000), end: String(TO / 1000), step: '60' });
});

test('the annotations frame: failed runs and the SLA breach still open; alerts left out when not asked for', async () => {
  const { responses, requests } = await run([
    { queryType: 'annotations', annotationKinds: ['failedRuns', 'slaBreaches'] },
  ]);
  expect(requests[0].params?.query).not.toContain('ALERTS');
  const [frame] = findFrames(responses[0].data, 'annotations');
  expect(frame.fields.map((f) => f.name)).toEqual([
    'time',
    'timeEnd',
    'title',
    'text',
    'tags',
    'color',
    'asset',
    'kind',
    'severity',
    'ongoing',
  ]);
  const rows = annotationsFromFrame(frame);
  expect(rows.map((r) => [r.asset, r.kind, r.text])).toEqual([
    ['mrt', 'slaBreaches', 'mrt past its 2h SLA: not updated for 5h, still stale (critical after 4h)'],
    ['pub', 'failedRuns', 'pub failed: 2 failed runs'],
  ]);
  expect(rows[0]).toMatchObject({ time: TO - 3 * HOUR, timeEnd: TO, tags: ['mrt', 'SLA breach', 'critical'] });
  expect(frame.fields.find((f) => f.name === 'asset')?.config.links?.[0].url).toBe(
    `${APP_URLS.assetPage}/\${__value.raw:percentencode}`
  );
});

test("Grafana's annotation support: a stored annotation runs as this query type and its frame becomes coloured events with a link", async () => {
  const { ds, responses } = await run([{ queryType: 'annotations', assets: ['mrt'] }]);
  const support = ds.annotations!;
  const stored: AnnotationQuery<CascadeQuery> = {
    name: 'Cascade',
    enable: true,
    iconColor: 'red',
    target: { refId: '', queryType: 'health', assets: ['$asset'] },
  };
  const prepared = support.prepareAnnotation!(stored);
  expect(support.prepareQuery!(prepared)).toEqual({
    refId: 'Anno',
    queryType: 'annotations',
    assets: ['$asset'],
    annotationKinds: ['failedRuns', 'slaBreaches', 'alerts'],
  });
  // A legacy annotation without a target: every asset, every kind.
  expect(
    support.prepareQuery!(support.prepareAnnotation!({ name: 'old', enable: true, iconColor: 'red' }))
  ).toMatchObject({ assets: [] });
  const events = (await lastValueFrom(support.processEvents!(prepared, responses[0].data)))!;
  const alert = events.find((e) => e.title === 'alert DatasetFreshness firing')!;
  expect(alert).toMatchObject({ time: TO - 30 * 60_000, timeEnd: TO, isRegion: true, color: 'red' });
  expect(alert.tags).toEqual(['mrt', 'alert', 'critical', 'DatasetFreshness', 'firing']);
  expect(alert.text).toBe(
    `alert DatasetFreshness firing for mrt, still firing at the end of the range<br /><a href="${APP_URLS.assetPage}/mrt">Open mrt in Cascade</a>`
  );
});

test('Prometheus not configured, or failing: an error on the target, no exception', async () => {
  const env = makeDataSource(() => ({ status: 500, body: 'boom' }), { jsonData: { prometheusUid: 'prom' } });
  const [failed] = await lastValueFrom(env.ds.query(makeRequest([{ queryType: 'annotations' }], TO)).pipe(toArray()));
  expect(failed.errors?.[0].message).toMatch(/^Prometheus: HTTP 500/);
  const none = makeDataSource(() => ({ body: BODY }), { jsonData: { lokiUid: 'loki' } });
  const [missing] = await lastValueFrom(none.ds.query(makeRequest([{ queryType: 'annotations' }], TO)).pipe(toArray()));
  expect(missing.errors?.[0].message).toMatch(/Prometheus: not configured/);
});

test('the steps end at the end of the range, so the last one sees what is still open', async () => {
  const env = makeDataSource(() => ({ body: BODY }), {
    jsonData: { prometheusUid: 'prom', scrapeIntervalSeconds: 60 },
  });
  // 1 h 36 s: not a whole number of 60 s steps; the odd 36 s are dropped at the start, not the end.
  await lastValueFrom(env.ds.query(makeRequest([{ queryType: 'annotations' }], TO, 1.01)).pipe(toArray()));
  expect(env.requests[0].params).toMatchObject({ start: String((TO - HOUR) / 1000), end: String(TO / 1000) });
});
