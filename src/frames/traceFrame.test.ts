import { parseJaegerTraces, JaegerTrace } from '../backends/jaeger/parseJaeger';
import { TRACE_FIELDS } from './frameFields';
import { fixtureText } from '../testing/fixtures';
import { spanStatusCode } from '../model';
import { traceFromFrame, traceToFrame } from './traceFrame';
import { isErrorSpan, latestTraceByAsset, rootSpan, summarizeTrace, traceAsset } from '../backends/jaeger/traceSummary';

function load(path: string): JaegerTrace {
  const r = parseJaegerTraces(fixtureText(path));
  if (!r.ok) {
    throw new Error(r.error.message);
  }
  return r.value[0];
}

describe('traceToFrame (Grafana trace frame, as its Jaeger data source builds it)', () => {
  it('converts the Jaeger converter golden: µs → ms, process, parent, references, logs, warnings', () => {
    const frame = traceToFrame(load('jaeger/trace_converter_golden_ui01.json'), 'T');
    expect(frame.meta).toMatchObject({
      preferredVisualisationType: 'trace',
      custom: { traceFormat: 'jaeger', cascade: 'trace' },
    });
    expect(frame.meta?.notices).toEqual([{ severity: 'warning', text: 'Jaeger: some trace warning' }]);
    expect(frame.fields.map((f) => f.name)).toEqual(Object.values(TRACE_FIELDS));
    const spans = traceFromFrame(frame);
    expect(spans).toHaveLength(3);
    expect(spans[0]).toEqual({
      traceID: '0000000000000001',
      spanID: '2',
      parentSpanID: undefined,
      operationName: 'test-general-conversion',
      serviceName: 'service-x',
      serviceTags: [],
      startTime: 1485467191639.875,
      duration: 0.005,
      logs: [
        { timestamp: 1485467191639.875, fields: [{ key: 'event', type: 'string', value: 'some-event' }] },
        { timestamp: 1485467191639.875, fields: [{ key: 'x', type: 'string', value: 'y' }] },
      ],
      references: [],
      tags: [],
      kind: undefined,
      statusCode: undefined,
      statusMessage: undefined,
      warnings: undefined,
      stackTraces: undefined,
    });
    // Tags of every Jaeger type pass through; error=true sets the OTLP error status.
    expect(spans[1].tags?.map((t) => t.value)).toEqual(['service-y', 23456, true, 72.5, 'AAAwOQ==']);
    expect(spans[1].statusCode).toBe(2);
    // Parent: the CHILD_OF inside this trace (not the one to trace ff); the other references stay.
    expect(spans[2]).toMatchObject({
      spanID: '4',
      parentSpanID: '2',
      serviceName: 'service-y',
      warnings: ['some span warning'],
      references: [{ refType: 'CHILD_OF', traceID: '00000000000000ff', spanID: 'ff' }],
    });
  });

  it('reads span kind and OTLP status from tags of a real search response', () => {
    const spans = traceFromFrame(traceToFrame(load('jaeger/search_real.json')));
    expect(spans.map((s) => [s.spanID, s.kind, s.serviceName, s.parentSpanID])).toEqual([
      ['f7f65087ad1d12b2', 'internal', 'demo-client', undefined],
      ['c30054efed5b7ee2', 'server', 'demo-server', 'e2b95ce8aaf204ba'],
    ]);
    expect(spanStatusCode([{ key: 'otel.status_code', value: 'ERROR' }])).toBe(2);
    expect(spanStatusCode([{ key: 'otel.status_code', value: 'OK' }])).toBe(1);
    expect(spanStatusCode([])).toBeUndefined();
  });

  it('keeps the earliest maxSpans spans and says so', () => {
    const frame = traceToFrame(load('jaeger/trace_jaeger_sdk_real.json'), 'T', 1);
    expect(frame.length).toBe(1);
    expect(traceFromFrame(frame)[0].spanID).toBe('2ee9739529395e31');
    expect(frame.meta?.notices).toEqual([
      { severity: 'warning', text: 'Showing the first 1 of 2 spans (limit maxSpans).' },
    ]);
  });
});

describe('trace summaries', () => {
  it('summarizes a trace: root, extent in ms, span and error counts', () => {
    const t = load('jaeger/search_real.json');
    expect(rootSpan(t)?.spanID).toBe('f7f65087ad1d12b2');
    expect(summarizeTrace(t, 'asset_name')).toEqual({
      traceID: '300ca95ff12eb6eed03e862b8ac4c482',
      asset: undefined,
      start: 1646966801307.835,
      duration: 12.615,
      spans: 2,
      errors: 0,
      status: 'ok',
      operation: 'ExecuteRequest',
    });
  });

  it('finds the asset tag on the root, a span or the process, and flags errors', () => {
    const golden = load('jaeger/trace_converter_golden_ui01.json');
    expect(isErrorSpan(golden.spans[1])).toBe(true);
    expect(summarizeTrace(golden, 'peer.service')).toMatchObject({ asset: 'service-y', errors: 1, status: 'error' });
    const sdk = load('jaeger/trace_jaeger_sdk_real.json');
    expect(traceAsset(sdk, 'hostname')).toBe('07bb841e14c3');
  });

  it('keeps the newest trace per asset', () => {
    const latest = latestTraceByAsset([
      { traceID: 'old', asset: 'a', start: 1, duration: 5, spans: 1, errors: 0, status: 'ok' },
      { traceID: 'new', asset: 'a', start: 2, duration: 7, spans: 1, errors: 1, status: 'error' },
      { traceID: 'none', start: 3, duration: 1, spans: 1, errors: 0, status: 'ok' },
    ]);
    expect(Array.from(latest)).toEqual([['a', { traceId: 'new', start: 2, duration: 7, error: true }]]);
  });
});
