/**
 * Contract tests of the Loki and Jaeger stand-ins: the STRUCTURE (keys, value types, nesting) of
 * every endpoint's response is compared, recursively, with real payloads in tests/fixtures/
 * (copied from ../shared/fixtures). The stand-ins are fed by the demo pipeline over HTTP.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DemoHandle, startDemo } from '../../demo/src';
import { shapeDiff as compareShape } from './shapeDiff';

jest.setTimeout(30000);

const FIX = path.resolve(__dirname, '../fixtures');
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIX, name), 'utf8'));
const fixtureText = (name: string) => fs.readFileSync(path.join(FIX, name), 'utf8');

/** Paths (with [] for array elements) whose object keys are data (label sets, process ids), not schema. */
const MAPS = [/\.stream$/, /\.metric$/, /^data\[\]\.processes$/, /\.structuredMetadata$/, /\.parsed$/];

/** Keys real servers send only sometimes (Loki's top-level warnings). */
const OPTIONAL = new Set(['warnings']);

/** Asserts `actual` has the shape of `expected` (see shapeDiff.ts). Returns mismatches. */
function shapeDiff(actual: unknown, expected: unknown): string[] {
  return compareShape(actual, expected, { maps: MAPS, optional: OPTIONAL });
}

function expectShape(actual: unknown, expected: unknown): void {
  expect(shapeDiff(actual, expected)).toEqual([]);
}

let demo: DemoHandle;

async function get(base: string, p: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${p}`, { headers });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) };
}
const loki = (p: string, headers?: Record<string, string>) => get(demo.lokiUrl!, p, headers);
const jaeger = (p: string) => get(demo.jaegerUrl!, p);
const q = (s: string) => encodeURIComponent(s);

beforeAll(async () => {
  demo = await startDemo({ autoRun: false, seed: 3, failureRate: 0, failingAsset: 'fct_glucose_readings' });
  await demo.pipeline.runAll();
  await demo.pipeline.runAll();
});

afterAll(async () => {
  await demo?.stop();
});

describe('shape comparison', () => {
  test('catches missing keys, extra keys and type changes (so the contract tests can fail)', () => {
    const real = fixture('loki/query_range_streams_docs.json');
    const broken = JSON.parse(JSON.stringify(real));
    broken.data.result[0].values[0][0] = 1569266497240578000;
    delete broken.status;
    broken.data.extra = 1;
    expect(shapeDiff(broken, real)).toEqual([
      '.status: missing',
      'data.extra: not in the real payload',
      'data.result[].values[][]: number where the real payload has string',
    ]);
  });
});

describe('Loki stand-in', () => {
  test('query_range streams has the shape of a real Loki 3 response (stats included)', async () => {
    const res = await loki(`/loki/api/v1/query_range?query=${q('{job="dagster"} | json')}&limit=50`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/json/);
    const body = res.json();
    expect(body.data.result.length).toBeGreaterThan(0);
    expectShape(body, fixture('loki/query_range_streams_loki3_real.json'));
    expectShape(body.data.result, fixture('loki/query_range_streams_docs.json').data.result);
  });

  test('query_range with categorize-labels has the Loki 3 encoding-flags shape', async () => {
    const res = await loki(`/loki/api/v1/query_range?query=${q('{job="dagster"} | json')}&limit=20`, {
      'X-Loki-Response-Encoding-Flags': 'categorize-labels',
    });
    const body = res.json();
    const noStats = (b: { data: object }) => ({ ...b, data: { ...b.data, stats: undefined } });
    // Loki's marshal test has {}, structuredMetadata and parsed elements; the v3 capture puts encodingFlags first.
    expectShape(noStats(body), noStats(fixture('loki/query_range_streams_encoding_flags_loki_marshal_test.json')));
    const v3 = fixture('loki/query_range_streams_structured_metadata_v3.json');
    expect(Object.keys(body.data).sort()).toEqual([...Object.keys(v3.data), 'stats'].sort());
    expect(body.data.encodingFlags).toEqual(['categorize-labels']);
    for (const s of body.data.result) {
      expect(Object.keys(s.stream).sort()).toEqual(['job', 'service_name']);
      for (const v of s.values) {
        expect(v[2].structuredMetadata.detected_level).toMatch(/^(info|error)$/);
        expect(typeof v[2].parsed.asset_name).toBe('string');
      }
    }
  });

  test('query_range matrix (metric query) has the shape of the real one', async () => {
    const res = await loki(
      `/loki/api/v1/query_range?query=${q('sum by (asset_name) (count_over_time({job="dagster"} | json [5m]))')}&step=15`
    );
    const body = res.json();
    expect(body.data.result.length).toBe(5);
    const { stats, ...data } = body.data;
    expectShape({ ...body, data }, fixture('loki/query_range_matrix_docs.json'));
    expectShape(stats, fixture('loki/query_range_streams_loki3_real.json').data.stats);
  });

  test('instant metric query answers a vector shaped like the Prometheus-compatible real one', async () => {
    const res = await loki(`/loki/api/v1/query?query=${q('sum(count_over_time({job="dagster"}[1h]))')}`);
    const body = res.json();
    expect(body.data.resultType).toBe('vector');
    expectShape(body.data.result, fixture('prometheus/query_vector_docs.json').data.result);
  });

  test('labels and label values', async () => {
    const labels = (await loki('/loki/api/v1/labels')).json();
    expectShape(labels, fixture('loki/labels_docs.json'));
    expect(labels.data).toEqual(['job', 'service_name']);
    const values = (await loki('/loki/api/v1/label/job/values')).json();
    expectShape(values, fixture('loki/label_values_docs.json'));
    expect(values.data).toEqual(['dagster']);
  });

  test('errors are plain text 400s like real Loki', async () => {
    const parse = await loki(`/loki/api/v1/query_range?query=${q('foo bar')}`);
    expect(parse.status).toBe(400);
    expect(parse.type).toMatch(/^text\/plain/);
    expect(parse.text).toBe(fixtureText('loki/error_400_parse.txt').trim());

    const empty = await loki(`/loki/api/v1/query_range?query=${q('{job=~".*"}')}`);
    expect(empty.status).toBe(400);
    expect(empty.text).toBe(fixtureText('loki/error_400_empty_matcher.txt').trim());

    const limit = await loki(`/loki/api/v1/query_range?query=${q('{job="dagster"}')}&limit=10000`);
    expect(limit.status).toBe(400);
    expect(limit.text).toBe(fixtureText('loki/error_400_max_entries.txt').trim());

    const unsupported = await loki(`/loki/api/v1/query_range?query=${q('{job="dagster"} | line_format "{{.event}}"')}`);
    expect(unsupported.status).toBe(400);
    expect(unsupported.text).toMatch(/^unsupported by the Loki stand-in: line_format/);

    const instantLogs = await loki(`/loki/api/v1/query?query=${q('{job="dagster"}')}`);
    expect(instantLogs.status).toBe(400);
    expect(instantLogs.text).toBe(
      'log queries are not supported as an instant query type, please change your query to a range query type'
    );
  });

  test('/ready', async () => {
    const res = await loki('/ready');
    expect(res.status).toBe(200);
    expect(res.text).toBe('ready\n');
  });
});

describe('Jaeger stand-in', () => {
  test('services and operations', async () => {
    const services = (await jaeger('/api/services')).json();
    expectShape(services, fixture('jaeger/services_real.json'));
    expect(services.data).toEqual(['dagster']);
    const ops = (await jaeger('/api/services/dagster/operations')).json();
    expectShape(ops, fixture('jaeger/service_operations_real.json'));
    expect(ops.data).toEqual(
      expect.arrayContaining(['dlt_glucose_entries', 'fetch_from_api', 'http.request', 'iceberg_merge', 'asset_check'])
    );
    const typed = (await jaeger('/api/operations?service=dagster&spanKind=client')).json();
    expectShape(typed, fixture('jaeger/operations_constructed.json'));
    expect(typed.data).toEqual([{ name: 'http.request', spanKind: 'client' }]);
  });

  test('search and trace-by-id have the shape of OTLP-ingested traces in real Jaeger', async () => {
    const search = (await jaeger(`/api/traces?service=dagster&operation=dlt_glucose_entries&limit=5`)).json();
    expect(search.data.length).toBe(2);
    // The real capture has no bool tag; Jaeger's converter golden file shows their shape (`error`).
    const real = fixture('jaeger/search_real.json');
    const boolTag = fixture('jaeger/trace_converter_golden_ui01.json').data[0].spans[1].tags.find(
      (t: { type: string }) => t.type === 'bool'
    );
    expect(boolTag).toBeDefined();
    real.data[0].spans[0].tags.push(boolTag);
    expectShape(search, real);
    const id = search.data[0].traceID;
    const one = await jaeger(`/api/traces/${id}`);
    expect(one.status).toBe(200);
    const ingested = fixture('jaeger/trace_otlp_ingested_real.json');
    ingested.data[0].spans[0].tags.push(boolTag);
    expectShape(one.json(), ingested);
    expectShape(one.json(), real);
  });

  test("a failed span's exception event becomes a log shaped like real Jaeger span logs", async () => {
    const search = (await jaeger(`/api/traces?service=dagster&tags=${q('{"error":"true"}')}&limit=20`)).json();
    expect(search.data.length).toBe(2);
    const failing = search.data[0].spans.find((s: { logs: unknown[] }) => s.logs.length > 0);
    const real = fixture('jaeger/span_with_error_logs_hotrod_real.json');
    expectShape(failing.logs, real.logs);
    expect(failing.logs[0].fields[0]).toEqual({ key: 'event', type: 'string', value: 'exception' });
  });

  test('errors: 404 unknown trace, 400 missing service, not-found trace ids in a search', async () => {
    const missing = await jaeger('/api/traces/00000000000000000000000000000abc');
    expect(missing.status).toBe(404);
    expect(missing.type).toMatch(/^text\/plain/);
    expect(missing.text.endsWith('}\n')).toBe(true);
    expect(missing.json()).toEqual(fixture('jaeger/error_404_trace_not_found.json'));

    const noService = await jaeger('/api/traces');
    expect(noService.status).toBe(400);
    expect(noService.json()).toEqual(fixture('jaeger/error_400_missing_service_constructed.json'));

    const byIds = (await jaeger('/api/traces?traceID=0000000000000001')).json();
    expect(byIds).toEqual(fixture('jaeger/error_search_traceid_not_found_constructed.json'));
  });
});
