import { jaegerErrorMessage, parseJaegerServices, parseJaegerTraces } from './parseJaeger';
import { fixtureJson, fixtureText } from '../../testing/fixtures';

describe('parseJaegerTraces', () => {
  it('reads a real search response (OTLP-ingested spans, no flags)', () => {
    const r = parseJaegerTraces(fixtureText('jaeger/search_real.json'));
    expect(r.ok).toBe(true);
    if (r.ok) {
      const t = r.value[0];
      expect(t.traceID).toBe('300ca95ff12eb6eed03e862b8ac4c482');
      expect(t.spans.map((s) => [s.spanID, s.startTime, s.duration, s.processID])).toEqual([
        ['f7f65087ad1d12b2', 1646966801307835, 12615, 'p1'],
        ['c30054efed5b7ee2', 1646966801310995, 8891, 'p2'],
      ]);
      expect(t.spans[1].references).toEqual([{ refType: 'CHILD_OF', traceID: t.traceID, spanID: 'e2b95ce8aaf204ba' }]);
      expect(t.spans[1].tags).toContainEqual({ key: 'http.status_code', type: 'int64', value: 200 });
      expect(t.processes.p2).toEqual({
        serviceName: 'demo-server',
        tags: [
          { key: 'host.name', type: 'string', value: '42683dfae6d5' },
          { key: 'telemetry.sdk.language', type: 'string', value: 'go' },
        ],
      });
    }
  });

  it('keeps duplicate span ids, warnings and multi-typed tags (converter golden)', () => {
    const r = parseJaegerTraces(fixtureJson('jaeger/trace_converter_golden_ui01.json'));
    expect(r.ok).toBe(true);
    if (r.ok) {
      const t = r.value[0];
      expect(t.spans).toHaveLength(3);
      expect(t.warnings).toEqual(['some trace warning']);
      expect(t.spans[2].warnings).toEqual(['some span warning']);
      expect(t.spans[0].logs).toHaveLength(2);
      expect(t.spans[1].tags.map((x) => x.type)).toEqual(['string', 'int64', 'bool', 'float64', 'binary']);
    }
  });

  it('reads Jaeger SDK traces (flags) and OTLP ones with an empty service name', () => {
    const sdk = parseJaegerTraces(fixtureText('jaeger/trace_jaeger_sdk_real.json'));
    expect(sdk.ok && sdk.value[0].spans.length).toBe(2);
    const otlp = parseJaegerTraces(fixtureText('jaeger/trace_otlp_ingested_real.json'));
    expect(otlp.ok && otlp.value[0].processes.p1.serviceName).toBe('');
  });

  it('turns envelope errors into a typed backend error (404 sent as text/plain with a newline)', () => {
    expect(parseJaegerTraces(fixtureText('jaeger/error_404_trace_not_found.json') + '\n')).toEqual({
      ok: false,
      error: { kind: 'backend', message: '404 trace not found', errorType: undefined },
    });
    expect(parseJaegerTraces(fixtureText('jaeger/error_search_traceid_not_found_constructed.json'))).toMatchObject({
      ok: false,
      error: { message: 'trace not found (trace 0000000000000001)' },
    });
  });

  it('keeps data next to partial errors as warnings, skips malformed spans', () => {
    const body = {
      data: [
        {
          traceID: 'a',
          spans: [{ traceID: 'a', spanID: '1', startTime: 1, duration: 2 }, { spanID: 'nope' }],
          processes: {},
        },
      ],
      errors: [{ msg: 'trace not found', traceID: 'b' }],
    };
    const r = parseJaegerTraces(body);
    expect(r.ok && [r.value[0].spans.length, r.warnings]).toEqual([
      1,
      ['trace not found (trace b)', '1 malformed trace(s)/span(s) skipped'],
    ]);
  });

  it('fails on wrong shapes and truncated JSON', () => {
    expect(parseJaegerTraces('{"data": {"not": "array"}}')).toMatchObject({ ok: false, error: { kind: 'shape' } });
    expect(parseJaegerTraces(fixtureText('jaeger/search_real.json').slice(0, 500))).toMatchObject({
      ok: false,
      error: { kind: 'syntax' },
    });
    expect(parseJaegerTraces(fixtureText('jaeger/services_real.json'))).toMatchObject({ ok: true });
  });
});

describe('parseJaegerServices / jaegerErrorMessage', () => {
  it('lists services', () => {
    expect(parseJaegerServices(fixtureText('jaeger/services_real.json'))).toEqual({
      ok: true,
      warnings: [],
      value: ['jaeger-query', 'demo-client', 'demo-server'],
    });
    expect(parseJaegerServices(fixtureText('jaeger/error_400_missing_service_constructed.json'))).toMatchObject({
      ok: false,
      error: { message: "400 parameter 'service' is required" },
    });
  });

  it('reads the JSON error body whatever its content type', () => {
    expect(jaegerErrorMessage(404, fixtureText('jaeger/error_404_trace_not_found.json'))).toBe('404 trace not found');
    expect(jaegerErrorMessage(500, '<h1>Internal error</h1>')).toBe('HTTP 500: Internal error');
    expect(jaegerErrorMessage(503, undefined)).toBe('HTTP 503');
  });
});
