import { convertOtlp } from '../../../demo/src/standins/jaeger/otlp';
import { TraceStore } from '../../../demo/src/standins/jaeger/store';
import { ingestOtlp } from '../../../demo/src/standins/tempo/ingest';
import { TempoStore } from '../../../demo/src/standins/tempo/store';
import { fixtureJson, fixtureText } from '../../testing/fixtures';
import { parseJaegerTraces } from '../jaeger/parseJaeger';
import {
  otlpIdToHex,
  padTraceId,
  parseTempoSearch,
  parseTempoTagValues,
  parseTempoTrace,
  summarizeSearchHit,
  tempoErrorMessage,
} from './parseTempo';

const b64hex = (b64: string) => Buffer.from(b64, 'base64').toString('hex');
const tag = (tags: Array<{ key: string; value: unknown }>, key: string) => tags.find((t) => t.key === key)?.value;

describe('parseTempoTrace (GET /api/v2/traces/<id>)', () => {
  it("reads Tempo's docs example: base64 ids, enum kind, ns strings, unset status", () => {
    const res = parseTempoTrace(fixtureJson('tempo/trace_by_id_v2_docs.json'), '5b8efff798038103d269b633813fc700');
    expect(res.ok).toBe(true);
    const trace = res.ok ? res.value! : undefined;
    expect(trace?.spans).toHaveLength(1);
    const span = trace!.spans[0];
    expect(span.traceID).toBe(b64hex('W47/95gDgQPSabYzgT/HAA=='));
    expect(span.spanID).toBe(b64hex('7uGbfsPBsQA='));
    expect(span.operationName).toBe('I am a span!');
    expect(span.startTime).toBe(1689969302000000);
    expect(span.duration).toBe(698000000);
    expect(span.references).toEqual([]);
    expect(tag(span.tags, 'span.kind')).toBe('server');
    expect(tag(span.tags, 'my.span.attr')).toBe('some value');
    expect(tag(span.tags, 'otel.scope.name')).toBe('my.library');
    expect(tag(span.tags, 'otel.status_code')).toBeUndefined();
    expect(trace!.processes[span.processID]).toEqual({ serviceName: 'my.service', tags: [] });
  });

  it('reads a pipeline trace: parents, events as logs, error status, typed attributes, a zero-led id', () => {
    const id = '00f067aa0ba902b7d269b633813fc60c';
    const res = parseTempoTrace(fixtureJson('tempo/trace_by_id_v2_constructed.json'), id.replace(/^0+/, ''));
    const trace = res.ok ? res.value! : undefined;
    expect(trace?.traceID).toBe(id);
    const [root, http, check] = trace!.spans;
    expect([root.operationName, http.operationName, check.operationName]).toEqual([
      'fct_glucose_readings',
      'http.request',
      'asset_check',
    ]);
    expect(http.references).toEqual([{ refType: 'CHILD_OF', traceID: id, spanID: 'eee19b7ec3c1b173' }]);
    expect(http.spanID).toBe('00000000000000a2');
    expect(tag(root.tags, 'error')).toBe(true);
    expect(tag(root.tags, 'otel.status_code')).toBe('ERROR');
    expect(tag(root.tags, 'otel.status_description')).toBe('ValueError: bad row');
    expect(root.tags.find((t) => t.key === 'rows')).toEqual({ key: 'rows', type: 'int64', value: 1200 });
    expect(root.tags.find((t) => t.key === 'ratio')).toEqual({ key: 'ratio', type: 'float64', value: 0.5 });
    expect(root.tags.find((t) => t.key === 'retry')).toEqual({ key: 'retry', type: 'bool', value: false });
    expect(tag(check.tags, 'otel.status_code')).toBe('OK');
    expect(tag(http.tags, 'span.kind')).toBe('client');
    expect(http.logs).toEqual([
      {
        timestamp: 1689969302300000,
        fields: [
          { key: 'event', type: 'string', value: 'exception' },
          { key: 'exception.type', type: 'string', value: 'ValueError' },
          { key: 'exception.message', type: 'string', value: 'bad row' },
        ],
      },
    ]);
    expect(trace!.processes.p1).toEqual({
      serviceName: 'dagster',
      tags: [
        { key: 'host.name', type: 'string', value: 'worker-1' },
        { key: 'process.pid', type: 'int64', value: 4242 },
      ],
    });
  });

  it('an unknown id is no trace (Tempo 2.7+ answers 200 with an empty trace); PARTIAL becomes a warning', () => {
    const empty = parseTempoTrace(fixtureJson('tempo/trace_by_id_v2_not_found_constructed.json'), 'abc');
    expect(empty).toEqual({ ok: true, value: undefined, warnings: [] });
    const partial = {
      ...fixtureJson<object>('tempo/trace_by_id_v2_docs.json'),
      status: 'PARTIAL',
      message: 'Trace exceeds maximum size',
    };
    const res = parseTempoTrace(partial, 'x');
    expect(res.ok && res.value?.warnings).toEqual(['Trace exceeds maximum size']);
    expect(parseTempoTrace('not json', 'x').ok).toBe(false);
    expect(parseTempoTrace({ trace: { resourceSpans: 3 } }, 'x').ok).toBe(false);
  });

  it('builds the same trace model as the Jaeger path for the same OTLP spans (tree, logs, errors unchanged)', () => {
    const otlp = {
      resourceSpans: [
        {
          resource: {
            attributes: [
              { key: 'service.name', value: { stringValue: 'dagster' } },
              { key: 'process.pid', value: { intValue: 7 } },
            ],
          },
          scopeSpans: [
            {
              scope: { name: 'cascade-demo-pipeline', version: '0.1.0' },
              spans: [
                {
                  traceId: '5b8efff798038103d269b633813fc60c',
                  spanId: 'eee19b7ec3c1b173',
                  name: 'asset',
                  kind: 1,
                  startTimeUnixNano: '1544712660000000000',
                  endTimeUnixNano: '1544712661000000000',
                  attributes: [{ key: 'asset_name', value: { stringValue: 'a' } }],
                  status: { code: 2, message: 'boom' },
                },
                {
                  traceId: '5b8efff798038103d269b633813fc60c',
                  spanId: '0000000000000002',
                  parentSpanId: 'eee19b7ec3c1b173',
                  name: 'http.request',
                  kind: 3,
                  startTimeUnixNano: '1544712660100000000',
                  endTimeUnixNano: '1544712660200000123',
                  events: [{ timeUnixNano: '1544712660150000000', name: 'exception', attributes: [] }],
                  status: { code: 1 },
                },
              ],
            },
          ],
        },
      ],
    };
    const jaegerStore = new TraceStore();
    jaegerStore.add(convertOtlp(otlp));
    const tempoStore = new TempoStore();
    tempoStore.add(ingestOtlp(otlp));
    const id = '5b8efff798038103d269b633813fc60c';
    const viaJaeger = parseJaegerTraces(JSON.stringify({ data: [jaegerStore.get(id)], errors: null }));
    const viaTempo = parseTempoTrace(JSON.stringify({ trace: tempoStore.traceById(id) }), id);
    expect(viaJaeger.ok && viaTempo.ok).toBe(true);
    const j = viaJaeger.ok ? viaJaeger.value[0] : undefined;
    const t = viaTempo.ok ? viaTempo.value : undefined;
    // Jaeger's own bookkeeping tag is the only difference.
    const strip = (x: typeof j) => ({
      ...x!,
      spans: x!.spans.map((s) => ({ ...s, tags: s.tags.filter((g) => g.key !== 'internal.span.format') })),
    });
    expect(strip(t)).toEqual(strip(j));
  });
});

describe('parseTempoSearch (GET /api/search)', () => {
  it('reads the TraceQL docs example: span sets with the selected status attribute', () => {
    const res = parseTempoSearch(fixtureText('tempo/search_traceql_docs.json'));
    const hits = res.ok ? res.value : [];
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      traceID: '2f3e0cee77ae5dc9c17ade3689eb2e54',
      rootServiceName: 'shop-backend',
      rootTraceName: 'update-billing',
      duration: 557,
      matched: 1,
    });
    expect(hits[0].start).toBeCloseTo(1684778327699.3927, 3);
    expect(hits[0].spans[0]).toMatchObject({ spanID: '563d623c76514f8e', attributes: { status: 'error' } });
    expect(hits[0].spans[0].duration).toBeCloseTo(446.979497, 6);
    expect(summarizeSearchHit(hits[0], 'asset_name')).toEqual({
      traceID: '2f3e0cee77ae5dc9c17ade3689eb2e54',
      asset: undefined,
      start: hits[0].start,
      duration: 557,
      spans: undefined,
      errors: 1,
      status: 'error',
      operation: 'update-billing',
    });
  });

  it('restores the leading zeros Tempo drops from trace ids (64-bit ids included)', () => {
    const res = parseTempoSearch(fixtureJson('tempo/search_tags_docs.json'));
    expect(res.ok && res.value.map((h) => h.traceID)).toEqual([
      '0000000000000000d6e9329d67b6146a',
      '00000000000000001b1ba462b409200d',
    ]);
    expect(padTraceId('ABC')).toBe('00000000000000000000000000000abc');
  });

  it('takes the asset from the matched span and the status from select(status)', () => {
    const body = {
      traces: [
        {
          traceID: 'f00',
          rootTraceName: 'raw',
          startTimeUnixNano: '1700000000000000000',
          spanSet: {
            spans: [
              {
                spanID: '0000000000000001',
                startTimeUnixNano: '1700000000000000000',
                durationNanos: '5000000',
                attributes: [
                  { key: 'asset_name', value: { stringValue: 'raw' } },
                  { key: 'status', value: { stringValue: 'unset' } },
                ],
              },
            ],
            matched: 1,
          },
        },
        { traceID: 'not hex' },
      ],
    };
    const res = parseTempoSearch(body);
    expect(res.ok && res.warnings).toEqual(['1 malformed trace(s) skipped']);
    const hit = res.ok ? res.value[0] : undefined;
    // durationMs 0 is left out by jsonpb.
    expect(summarizeSearchHit(hit!, 'asset_name')).toMatchObject({
      asset: 'raw',
      duration: 0,
      errors: 0,
      status: 'ok',
    });
    expect(parseTempoSearch({ traces: {} }).ok).toBe(false);
  });
});

describe('tag values, ids and errors', () => {
  it('reads tag values v1 and v2', () => {
    const v1 = parseTempoTagValues(fixtureJson('tempo/tag_values_v1_docs.json'));
    const v2 = parseTempoTagValues(fixtureJson('tempo/tag_values_v2_docs.json'));
    expect(v1.ok && v1.value).toContain('shop-backend');
    expect(v2.ok && [...v2.value].sort()).toEqual(v1.ok ? [...v1.value].sort() : []);
  });

  it('ids: base64 (jsonpb) and hex (OTLP/JSON) by length', () => {
    expect(otlpIdToHex('7uGbfsPBsQA=', 8)).toBe('eee19b7ec3c1b100');
    expect(otlpIdToHex('EEE19B7EC3C1B173', 8)).toBe('eee19b7ec3c1b173');
    expect(otlpIdToHex('W47/95gDgQPSabYzgT/HAA==', 16)).toHaveLength(32);
    expect(otlpIdToHex('AAAA', 8)).toBeUndefined();
    expect(otlpIdToHex('%%%', 8)).toBeUndefined();
  });

  it('errors are plain text', () => {
    expect(tempoErrorMessage(400, fixtureText('tempo/error_400_traceql_test.txt'))).toBe(
      'HTTP 400: invalid TraceQL query: parse error at line 1, col 1: syntax error: unexpected IDENTIFIER'
    );
    expect(tempoErrorMessage(502, '')).toBe('HTTP 502');
  });
});
