/**
 * Escaping round trip against the real Prometheus: series whose asset names contain quotes,
 * backslashes, regex metacharacters, unicode, spaces and newlines (served by a tiny prom-client
 * registry on loopback, since the demo only has ordinary names) must each be selected exactly —
 * never a near miss, never more — by the PromQL the data source builds, alone or several at once.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import fc from 'fast-check';
import { DataFrame, dateTime, DataQueryRequest } from '@grafana/data';
import { Gauge, Registry } from 'prom-client';
import { lastValueFrom, toArray } from 'rxjs';
import { CascadeDataSourceBase } from '../../src/datasource/base';
import { fakeTemplateSrv, instanceSettings } from '../../src/testing/fakes';
import { CascadeQuery } from '../../src/datasource/types';
import { resolveMapping } from '../../src/model';
import { healthQueries } from '../../src/backends/prometheus/promql';
import { metricsFromFrames } from '../../src/frames/signalFrames';
import { startPrometheus, type RunningPrometheus } from '../../demo/src';
import { FetchBackendSrv } from '../../sandbox/shared/fetchBackendSrv';

jest.setTimeout(120_000);

const ODD = [
  'plain',
  'quo"te',
  'back\\slash',
  'trailing\\',
  '\\"',
  'a.b',
  'axb',
  'a|b',
  'a',
  'b',
  'a+',
  'aa',
  '.*',
  '(paren)',
  '[br]{ce}',
  '^caret$',
  'star*',
  '?',
  'uni🌙 é 漢字',
  'with space',
  'new\nline',
  'tab\tchar',
  "single'quote",
  'brace}',
  'x",asset_name=~".*',
  '`tick`',
  '__proto__',
  'constructor',
];
// Random names too (seeded, so a failure reproduces): any unicode text, up to 40 characters.
const RANDOM = fc.sample(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), { seed: 20240501, numRuns: 40 });
const NAMES = Array.from(new Set([...ODD, ...RANDOM]));
const valueOf = (name: string) => NAMES.indexOf(name) + 1;

let target: http.Server;
let prometheus: RunningPrometheus;
let base: CascadeDataSourceBase;

beforeAll(async () => {
  const registry = new Registry();
  const rows = new Gauge({
    name: 'asset_row_count',
    help: 'rows',
    labelNames: ['asset_name', 'schema'],
    registers: [registry],
  });
  const runs = new Gauge({
    name: 'asset_executions_total',
    help: 'runs',
    labelNames: ['asset_name'],
    registers: [registry],
  });
  for (const name of NAMES) {
    rows.set({ asset_name: name, schema: 'odd' }, valueOf(name));
    runs.set({ asset_name: name }, valueOf(name));
  }
  target = http.createServer((_req, res) => {
    registry.metrics().then((text) => {
      res.writeHead(200, { 'Content-Type': registry.contentType });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  const port = (target.address() as AddressInfo).port;
  prometheus = await startPrometheus({ targets: [`127.0.0.1:${port}`], rulesFiles: [] });
  await prometheus.waitForScrapes(2);
  // Direct to Prometheus: this test is about the queries, not the proxy (covered in datasource.prometheus.test.ts).
  const srv = new FetchBackendSrv({ baseUrl: 'http://unused.invalid' });
  base = new CascadeDataSourceBase(
    instanceSettings({ prometheusUid: 'prom', scrapeIntervalSeconds: 1 }),
    {
      fetch: (options) =>
        srv.fetch({ ...options, url: options.url.replace('/api/datasources/proxy/uid/prom', prometheus.url) }),
    },
    fakeTemplateSrv({})
  );
});

afterAll(async () => {
  await prometheus?.stop();
  await new Promise((r) => target?.close(r));
});

function request(targets: Array<Partial<CascadeQuery>>): DataQueryRequest<CascadeQuery> {
  const to = dateTime(Date.now());
  const from = dateTime(Date.now() - 60_000);
  return {
    requestId: 'esc',
    interval: '1s',
    intervalMs: 1000,
    range: { from, to, raw: { from, to } },
    scopedVars: {},
    targets: targets.map((t, i) => ({ refId: `E${i}`, queryType: 'metrics', ...t }) as CascadeQuery),
    timezone: 'utc',
    app: 'dashboard',
    startTime: 0,
  };
}

/** Assets (and their last values) a `metrics` rowCount query returns for `assets`. */
async function selected(assets: string[]): Promise<Record<string, number | null>> {
  const [res] = await lastValueFrom(base.query(request([{ metric: 'rowCount', assets }])).pipe(toArray()));
  expect(res.errors).toBeUndefined();
  return Object.fromEntries(metricsFromFrames(res.data).map((s) => [s.asset, s.values[s.values.length - 1]]));
}

describe('PromQL escaping against the real Prometheus', () => {
  it('the scrape kept every odd name intact', async () => {
    expect(Object.keys(await selected([])).sort()).toEqual([...NAMES].sort());
  });

  it('each name alone selects exactly its own series', async () => {
    for (const name of NAMES) {
      expect({ name, got: await selected([name]) }).toEqual({ name, got: { [name]: valueOf(name) } });
    }
  });

  it('several names select exactly those (regex alternation of escaped values)', async () => {
    const groups = [
      ['a.b', 'a|b'],
      ['a', '.*'],
      ['a+', '?', 'star*'],
      ['quo"te', 'back\\slash', 'new\nline'],
      ODD,
      NAMES.slice(10, 40),
    ];
    for (const group of groups) {
      const got = await selected(group);
      expect(Object.keys(got).sort()).toEqual([...new Set(group)].sort());
    }
  });

  it('the health queries select exactly the asked assets too', async () => {
    const m = resolveMapping(undefined);
    for (const group of [['a.b'], ['x",asset_name=~".*'], ['a', 'b', '(paren)'], NAMES]) {
      const query = healthQueries(m, group, 60).runs;
      const body = await fetch(`${prometheus.url}/api/v1/query?${new URLSearchParams({ query })}`).then((r) =>
        r.json()
      );
      expect(body.status).toBe('success');
      const got = (body.data.result as Array<{ metric: Record<string, string> }>)
        .map((r) => r.metric.asset_name)
        .sort();
      expect(got).toEqual([...group].sort());
    }
  });
});

describe('Explore links of the health frame against the real Prometheus', () => {
  it('each row’s link query selects exactly that row’s asset', async () => {
    const [res] = await lastValueFrom(base.query(request([{ queryType: 'health', assets: NAMES }])).pipe(toArray()));
    const frame = res.data.find((f: DataFrame) => f.meta?.custom?.cascade === 'health') as DataFrame;
    const field = (name: string) => frame.fields.find((f) => f.name === name)!;
    const expr = field('runs').config.links![0].internal!.query.expr as string;
    expect(frame.length).toBe(NAMES.length);
    for (let row = 0; row < frame.length; row++) {
      // Grafana's data link interpolation (no Grafana here): ${__data.fields.X} becomes the row's text of field X.
      const query = expr.replace(/\$\{__data\.fields\.(\w+)\}/g, (_m, name: string) => String(field(name).values[row]));
      const body = await fetch(`${prometheus.url}/api/v1/query?${new URLSearchParams({ query })}`).then((r) =>
        r.json()
      );
      expect({ query, status: body.status }).toEqual({ query, status: 'success' });
      const got = (body.data.result as Array<{ metric: Record<string, string> }>).map((r) => r.metric.asset_name);
      expect(got).toEqual([field('asset').values[row]]);
    }
  });
});
