/**
 * Contract tests of the Tempo stand-in: every endpoint's answer has the STRUCTURE (keys, value
 * types, nesting) of Tempo's own payloads in tests/fixtures/tempo (copied from ../shared/fixtures,
 * origins in tests/fixtures/ORIGIN.md), and its ids, enums and errors follow Tempo's rules. The
 * stand-in is fed over OTLP/HTTP by the demo pipeline and by Tempo's own push test body.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DemoHandle, startDemo } from '../../demo/src';
import { shapeDiff } from './shapeDiff';

jest.setTimeout(30000);

const FIX = path.resolve(__dirname, '../fixtures/tempo');
const fixture = (name: string) => JSON.parse(fs.readFileSync(path.join(FIX, name), 'utf8'));
const fixtureText = (name: string) => fs.readFileSync(path.join(FIX, name), 'utf8');

/**
 * jsonpb omits default values, so these keys come and go with the data: a root span has no
 * parentSpanId, a span without attributes/events has none, an unset status is `{}`, a zero
 * durationMs is left out, an unspecified kind is left out, a trace whose root span has not arrived
 * has no rootTraceName.
 */
const JSONPB_DEFAULTS = new Set([
  'parentSpanId',
  'attributes',
  'events',
  'code',
  'message',
  'durationMs',
  'kind',
  'rootTraceName',
]);
const expectShape = (actual: unknown, expected: unknown) =>
  expect(shapeDiff(actual, expected, { maps: [], optional: JSONPB_DEFAULTS })).toEqual([]);

let demo: DemoHandle;
const tempo = async (p: string, init?: RequestInit) => {
  const res = await fetch(`${demo.tempoUrl}${p}`, init);
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) };
};
const q = (s: string) => encodeURIComponent(s);
const b64ToHex = (b64: string) => Buffer.from(b64, 'base64').toString('hex');

/** Tempo's own push test body (pkg/tempopb/trace.json) as an OTLP/HTTP request, with a trace id that starts with zeros. */
const ZERO_LED_TRACE = '0000000000000000d269b633813fc60c';
function pushBody() {
  const body = fixture('otlp_push_body_test.json');
  body.batches[0].scopeSpans[0].spans[0].traceId = ZERO_LED_TRACE.toUpperCase();
  return { resourceSpans: body.batches };
}

beforeAll(async () => {
  demo = await startDemo({
    autoRun: false,
    seed: 3,
    failureRate: 0,
    failingAsset: 'fct_glucose_readings',
    traces: 'tempo',
  });
  expect(demo.tempoUrl).toBeDefined();
  expect(demo.jaegerUrl).toBeUndefined();
  await demo.pipeline.runAll();
  await demo.pipeline.runAll();
  const pushed = await tempo('/v1/traces', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(pushBody()),
  });
  expect(pushed.status).toBe(200);
});

afterAll(async () => {
  await demo?.stop();
});

describe('Tempo stand-in', () => {
  test('TraceQL search has the shape of Tempo search results (spanSets, matched, metrics)', async () => {
    const query = '{ resource.service.name = "dagster" && span.asset_name = "fct_glucose_readings" }';
    const res = await tempo(`/api/search?q=${q(query)}&limit=5&spss=2`);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^application\/json/);
    const body = res.json();
    expect(body.traces).toHaveLength(2);
    const { metrics, ...rest } = body;
    const { metrics: realMetrics, ...realRest } = fixture('search_traceql_docs.json');
    expectShape(rest, realRest);
    // Search metrics carry a varying subset of Tempo's counters: each key must be one of the real ones, same type.
    const known = { ...fixture('search_tags_docs.json').metrics, ...realMetrics };
    for (const [k, v] of Object.entries(metrics)) {
      expect({ k, type: typeof v }).toEqual({ k, type: typeof known[k] });
    }
    for (const t of body.traces) {
      expect(t.rootServiceName).toBe('dagster');
      expect(t.rootTraceName).toBe('fct_glucose_readings');
      expect(t.spanSets[0].spans.length).toBeLessThanOrEqual(2);
      expect(t.spanSets[0].spans[0].attributes).toEqual([
        { key: 'asset_name', value: { stringValue: 'fct_glucose_readings' } },
      ]);
    }
    expect(Number(body.traces[0].startTimeUnixNano)).toBeGreaterThan(Number(body.traces[1].startTimeUnixNano));
  });

  test('status = error returns the matched span with the status attribute, like the docs example', async () => {
    const res = await tempo(`/api/search?q=${q('{ resource.service.name = "dagster" && status = error }')}`);
    const body = res.json();
    expect(body.traces.length).toBe(2);
    const span = body.traces[0].spanSets[0].spans[0];
    expect(span.attributes).toEqual(fixture('search_traceql_docs.json').traces[0].spanSets[0].spans[0].attributes);
  });

  test('search drops the leading zeros of trace ids; trace by id takes the short id back', async () => {
    const body = (await tempo(`/api/search?q=${q('{ resource.service.name = "my.service" }')}`)).json();
    expect(body.traces.map((t: { traceID: string }) => t.traceID)).toEqual(['d269b633813fc60c']);
    expect(body.traces[0].rootServiceName).toBe('<root span not yet received>');
    expectShape(body.traces[0], fixture('search_traceql_docs.json').traces[0]);
    const byShortId = (await tempo('/api/v2/traces/d269b633813fc60c')).json();
    const span = byShortId.trace.resourceSpans[0].scopeSpans[0].spans[0];
    expect(b64ToHex(span.traceId)).toBe(ZERO_LED_TRACE);
    expect(span.kind).toBe('SPAN_KIND_SERVER');
    expect(b64ToHex(span.parentSpanId)).toBe('eee19b7ec3c1b173');
    expectShape(byShortId, fixture('trace_by_id_v2_constructed.json'));
  });

  test('trace by id (v2) has the jsonpb shape: base64 ids, enum names, int64 strings, events', async () => {
    const search = (await tempo(`/api/search?q=${q('{ status = error }')}&limit=1`)).json();
    const id = search.traces[0].traceID.padStart(32, '0');
    const res = await tempo(`/api/v2/traces/${id}`);
    expect(res.status).toBe(200);
    const body = res.json();
    expectShape(body, fixture('trace_by_id_v2_constructed.json'));
    const spans = body.trace.resourceSpans.flatMap((r: any) => r.scopeSpans.flatMap((s: any) => s.spans));
    // The docs example is a lone root span with an unset status: this failed run's root has its shape but for the status.
    const roots = spans.filter((s: any) => !s.parentSpanId);
    expect(roots).toHaveLength(1);
    expect(roots[0].status).toEqual({ code: 'STATUS_CODE_ERROR', message: expect.stringMatching(/\S/) });
    expectShape(
      [{ ...roots[0], status: {} }],
      fixture('trace_by_id_v2_docs.json').trace.resourceSpans[0].scopeSpans[0].spans
    );
    expect(spans.length).toBeGreaterThan(3);
    for (const s of spans) {
      expect(b64ToHex(s.traceId)).toBe(id);
      expect(s.spanId).toMatch(/^[A-Za-z0-9+/]{11}=$/);
      expect(s.startTimeUnixNano).toMatch(/^\d+$/);
    }
    const failed = spans.filter((s: any) => s.status.code === 'STATUS_CODE_ERROR');
    expect(failed.length).toBeGreaterThan(0);
    const withEvent = spans.find((s: any) => s.events);
    expect(withEvent.events[0].name).toBe('exception');
    expect(spans.find((s: any) => s.kind === 'SPAN_KIND_CLIENT')?.name).toBe('http.request');
    const pid = body.trace.resourceSpans[0].resource.attributes.find((a: any) => a.key === 'process.pid');
    expect(pid.value.intValue).toMatch(/^\d+$/);
  });

  test('an unknown trace id answers 200 with an empty trace, as Tempo 2.7+ does on v2', async () => {
    const res = await tempo('/api/v2/traces/00000000000000000000000000000abc');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual(fixture('trace_by_id_v2_not_found_constructed.json'));
  });

  test('tag values v1 and v2', async () => {
    const v2 = (await tempo('/api/v2/search/tag/resource.service.name/values')).json();
    expectShape(v2, fixture('tag_values_v2_docs.json'));
    expect(v2.tagValues).toEqual([
      { type: 'string', value: 'dagster' },
      { type: 'string', value: 'my.service' },
    ]);
    const assets = (await tempo(`/api/v2/search/tag/span.asset_name/values?q=${q('{ status = error }')}`)).json();
    expect(assets.tagValues).toEqual([{ type: 'string', value: 'fct_glucose_readings' }]);
    const v1 = (await tempo('/api/search/tag/service.name/values')).json();
    expectShape(v1, fixture('tag_values_v1_docs.json'));
    expect(v1.tagValues).toEqual(['dagster', 'my.service']);
  });

  test('errors are plain-text bodies like Tempo: TraceQL parse error, bad trace id, unsupported TraceQL', async () => {
    const parse = await tempo(`/api/search?q=${q('foo')}`);
    expect(parse.status).toBe(400);
    expect(parse.type).toMatch(/^text\/plain/);
    expect(parse.text).toBe(fixtureText('error_400_traceql_test.txt'));

    const badId = await tempo('/api/v2/traces/xyz');
    expect(badId.status).toBe(400);
    expect(badId.text).toBe(fixtureText('error_400_invalid_trace_id_constructed.txt'));

    const pipeline = await tempo(`/api/search?q=${q('{ span.asset_name = "x" } | count() > 2')}`);
    expect(pipeline.status).toBe(400);
    expect(pipeline.text).toMatch(/^unsupported by the Tempo stand-in: /);
  });

  test('/api/echo (Grafana health check) and /ready', async () => {
    const echo = await tempo('/api/echo');
    expect(echo.status).toBe(200);
    expect(echo.text).toBe(fixtureText('echo_constructed.txt'));
    expect((await tempo('/ready')).text).toBe('ready\n');
  });
});
