import { parsePromAlerts, parsePromMatrix, parsePromValue, parsePromVector, promErrorMessage } from './parsePrometheus';
import { fixtureJson, fixtureText } from '../../testing/fixtures';

describe('parsePromVector', () => {
  it('reads the docs vector (text body, as the proxy sends it)', () => {
    const r = parsePromVector(fixtureText('prometheus/query_vector_docs.json'));
    expect(r).toEqual({
      ok: true,
      warnings: [],
      value: [
        {
          labels: { __name__: 'up', job: 'prometheus', instance: 'localhost:9090' },
          timestamp: 1435781451781,
          value: 1,
        },
        { labels: { __name__: 'up', job: 'node', instance: 'localhost:9100' }, timestamp: 1435781451781, value: 0 },
      ],
    });
  });

  it('reads an already-parsed body and integer timestamps (demo server)', () => {
    const r = parsePromVector(fixtureJson('prometheus/query_vector_demo.json'));
    expect(r.ok && r.value.map((s) => [s.labels.instance, s.timestamp, s.value])).toEqual([
      ['demo.prometheus.io:9090', 1767436620000, 1],
      ['demo.prometheus.io:9093', 1767436620000, 1],
    ]);
  });

  it('tolerates native histogram samples (value NaN, count/sum kept)', () => {
    const r = parsePromVector(fixtureText('prometheus/query_vector_native_histogram_demo.json'));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value[0].histogram).toEqual({ count: 12.5, sum: 42.1 });
      expect(r.value[0].value).toBeNaN();
    }
  });

  it('parses NaN and ±Inf values, skips malformed samples with a warning, keeps warnings and infos', () => {
    const body = JSON.stringify({
      status: 'success',
      warnings: ['w1'],
      infos: ['i1'],
      data: {
        resultType: 'vector',
        result: [
          { metric: { a: '1' }, value: [1, 'NaN'] },
          { metric: { a: '2' }, value: [1, '+Inf'] },
          { metric: { a: '3' }, value: [1, '-Inf'] },
          { metric: { a: '4' }, value: ['bad', '1'] },
          'junk',
        ],
      },
    });
    const r = parsePromVector(body);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.map((s) => s.value)).toEqual([NaN, Infinity, -Infinity]);
      expect(r.warnings).toEqual(['w1', 'i1', '2 malformed sample(s) skipped']);
    }
  });

  it('returns typed errors for the backend error JSON, truncated JSON and wrong shapes', () => {
    expect(parsePromVector(fixtureText('prometheus/error_400_bad_data.json'))).toEqual({
      ok: false,
      error: {
        kind: 'backend',
        errorType: 'bad_data',
        message: 'bad_data: invalid parameter "query": 1:5: parse error: unclosed left parenthesis',
      },
    });
    expect(parsePromVector(fixtureText('prometheus/error_with_data_api_test.json'))).toMatchObject({
      ok: false,
      error: { errorType: 'timeout', message: 'timeout: message' },
    });
    const truncated = fixtureText('prometheus/query_vector_docs.json').slice(0, 60);
    expect(parsePromVector(truncated)).toMatchObject({ ok: false, error: { kind: 'syntax' } });
    expect(parsePromVector(fixtureText('prometheus/query_range_matrix_docs.json'))).toMatchObject({
      ok: false,
      error: { kind: 'shape', message: 'expected a vector or scalar result, got matrix' },
    });
    expect(parsePromVector('[]')).toMatchObject({ ok: false, error: { kind: 'shape' } });
    expect(parsePromVector('')).toMatchObject({ ok: false, error: { kind: 'shape' } });
    expect(parsePromVector('{"status":"success","data":{"resultType":"vector"}}')).toMatchObject({
      ok: false,
      error: { kind: 'shape' },
    });
  });

  it('reads a scalar as one unlabelled sample', () => {
    const r = parsePromVector('{"status":"success","data":{"resultType":"scalar","result":[1.5,"42"]}}');
    expect(r).toEqual({ ok: true, warnings: [], value: [{ labels: {}, timestamp: 1500, value: 42 }] });
  });
});

describe('parsePromMatrix', () => {
  it('reads series with ms timestamps', () => {
    const r = parsePromMatrix(fixtureText('prometheus/query_range_matrix_real.json'));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.series).toHaveLength(1);
      expect(r.value.series[0].timestamps[0]).toBe(1670340712988);
      expect(r.value.series[0].values).toEqual([1, 1, 1, 1, 1]);
      expect(r.value.truncated).toBe(0);
    }
  });

  it('truncates beyond maxSeries and says how many were dropped', () => {
    const r = parsePromMatrix(fixtureText('prometheus/query_range_matrix_docs.json'), 1);
    expect(r.ok && [r.value.series.length, r.value.truncated]).toEqual([1, 1]);
  });
});

describe('parsePromAlerts', () => {
  it('reads the demo alert (value "1e+00", activeAt ISO)', () => {
    const r = parsePromAlerts(fixtureText('prometheus/alerts_demo.json'));
    expect(r.ok && r.value[0]).toEqual({
      labels: { alertname: 'Watchdog', severity: 'warning' },
      annotations: {
        description: 'This is an alert meant to ensure that the entire alerting pipeline is functional.',
        summary: 'Ensure entire alerting pipeline is functional',
      },
      state: 'firing',
      activeAt: Date.parse('2026-01-02T13:30:00.000Z'),
      value: 1,
    });
  });

  it('reads nanosecond ISO timestamps with offsets (docs)', () => {
    const r = parsePromAlerts(fixtureText('prometheus/alerts_docs.json'));
    expect(r.ok && r.value[0].activeAt).toBe(Date.parse('2018-07-04T20:27:12.606+02:00'));
  });

  it('rejects a rules payload as the wrong shape', () => {
    expect(parsePromAlerts(fixtureText('prometheus/rules_docs.json'))).toMatchObject({
      ok: false,
      error: { kind: 'shape' },
    });
  });
});

describe('promErrorMessage / parsePromValue', () => {
  it('uses errorType: error from the JSON body, else the body text (HTML stripped)', () => {
    expect(promErrorMessage(422, fixtureText('prometheus/error_422_execution.json'))).toBe(
      'execution: multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)'
    );
    expect(promErrorMessage(503, fixtureText('prometheus/error_503_timeout.json'))).toBe(
      'timeout: query timed out in expression evaluation'
    );
    expect(
      promErrorMessage(
        500,
        '<html><head><title>500 Internal Server Error</title></head><body><h1>oops</h1></body></html>'
      )
    ).toBe('HTTP 500: 500 Internal Server Error');
    expect(promErrorMessage(502, { message: 'Bad Gateway' })).toBe('HTTP 502: Bad Gateway');
    expect(promErrorMessage(500, '')).toBe('HTTP 500');
  });

  it('parses Prometheus sample strings', () => {
    expect(parsePromValue('1e+00')).toBe(1);
    expect(parsePromValue('-6.065338210999966e+06')).toBe(-6065338.210999966);
    expect(parsePromValue('+Inf')).toBe(Infinity);
    expect(parsePromValue('NaN')).toBeNaN();
    expect(parsePromValue(null)).toBeNaN();
  });
});
