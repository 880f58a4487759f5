import { compareNsDesc, lastValue, lokiErrorMessage, parseLokiMatrix, parseLokiStreams } from './parseLoki';
import { fixtureJson, fixtureText } from '../../testing/fixtures';

describe('parseLokiStreams', () => {
  it('reads the docs streams with nanosecond timestamps, newest first', () => {
    const r = parseLokiStreams(fixtureText('loki/query_range_streams_docs.json'));
    expect(r).toEqual({
      ok: true,
      warnings: [],
      value: {
        truncated: 0,
        entries: [
          {
            tsNs: '1569266497240578000',
            tsMs: 1569266497240,
            line: 'foo',
            labels: { filename: '/var/log/myproject.log', job: 'varlogs', level: 'info' },
          },
          {
            tsNs: '1569266492548155000',
            tsMs: 1569266492548,
            line: 'bar',
            labels: { filename: '/var/log/myproject.log', job: 'varlogs', level: 'info' },
          },
        ],
      },
    });
  });

  it('merges streams in exact nanosecond order and keeps odd label values (Grafana testdata)', () => {
    const r = parseLokiStreams(fixtureJson('loki/query_range_streams_grafana_testdata.json'));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.entries.map((e) => e.line)).toEqual([
        'log line info 1',
        'log line info 2',
        'log line info 2',
        'log line info 3',
        'log line error 1',
        'log line info 4',
      ]);
      expect(r.value.entries[4].labels).toEqual({ code: 'one",', location: 'moon🌙' });
    }
  });

  it('reads the categorize-labels encoding (structured metadata and parsed fields become labels)', () => {
    const r = parseLokiStreams(fixtureText('loki/query_range_streams_encoding_flags_loki_marshal_test.json'));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.warnings).toEqual(['this is a warning']);
      expect(r.value.entries[0]).toEqual({
        tsNs: '123456789012347',
        tsMs: 123456789,
        line: 'super line with labels msg=text',
        labels: { test: 'test', foo: 'a', bar: 'b', msg: 'text' },
      });
      expect(r.value.entries[2].labels).toEqual({ test: 'test' });
    }
    const v3 = parseLokiStreams(fixtureText('loki/query_range_streams_structured_metadata_v3.json'));
    expect(v3.ok && v3.value.entries[0].labels).toEqual({ code: '",two', location: 'moon🌙', field2: 'two' });
  });

  it('ignores the Loki 3 nested stats layout', () => {
    const r = parseLokiStreams(fixtureText('loki/query_range_streams_loki3_real.json'));
    expect(r.ok && r.value.entries).toEqual([
      {
        tsNs: '1767764442000000000',
        tsMs: 1767764442000,
        line: 'fizzbuzz',
        labels: { detected_level: 'unknown', job: 'test', service_name: 'test' },
      },
    ]);
  });

  it('cuts at maxLines (newest kept) and reports the rest', () => {
    const r = parseLokiStreams(fixtureText('loki/query_range_streams_grafana_testdata.json'), 2);
    expect(r.ok && [r.value.entries.map((e) => e.tsNs), r.value.truncated]).toEqual([
      ['1645030247027735040', '1645030246277587968'],
      4,
    ]);
  });

  it('gives typed errors for matrix results, truncated JSON and plain-text error bodies', () => {
    expect(parseLokiStreams(fixtureText('loki/query_range_matrix_docs.json'))).toMatchObject({
      ok: false,
      error: { kind: 'shape' },
    });
    expect(parseLokiStreams(fixtureText('loki/query_range_streams_docs.json').slice(0, 100))).toMatchObject({
      ok: false,
      error: { kind: 'syntax' },
    });
    expect(parseLokiStreams(fixtureText('loki/error_400_parse.txt'))).toMatchObject({
      ok: false,
      error: { kind: 'syntax' },
    });
    expect(parseLokiStreams('{"status":"error"}')).toMatchObject({ ok: false, error: { kind: 'backend' } });
  });

  it('skips malformed entries with a warning', () => {
    const body = {
      status: 'success',
      data: {
        resultType: 'streams',
        result: [{ stream: {}, values: [['12', 'ok'], ['x', 'bad ts'], ['13'], 'junk'] }, 'junk'],
      },
    };
    const r = parseLokiStreams(body);
    expect(r.ok && [r.value.entries.length, r.warnings]).toEqual([1, ['4 malformed log entr(ies) skipped']]);
  });
});

describe('parseLokiMatrix', () => {
  it('reads matrix series and warnings', () => {
    const r = parseLokiMatrix(fixtureText('loki/query_range_matrix_loki_marshal_test.json'));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.warnings).toEqual(['this is a warning']);
      expect(r.value[1]).toEqual({
        labels: { filename: '/var/hostlog/syslog', job: 'varlogs' },
        timestamps: [1568404331324, 1568404331339],
        values: [3.45, 4.45],
      });
      expect(lastValue(r.value[1])).toBe(4.45);
    }
  });

  it('reads NaN/+Inf values and vectors', () => {
    const body = {
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          { metric: { a: 'x' }, value: [10, '+Inf'] },
          { metric: {}, value: [10, 'NaN'] },
        ],
      },
    };
    const r = parseLokiMatrix(body);
    expect(r.ok && r.value.map((s) => s.values[0])).toEqual([Infinity, NaN]);
  });

  it('rejects streams', () => {
    expect(parseLokiMatrix(fixtureText('loki/query_range_streams_docs.json'))).toMatchObject({
      ok: false,
      error: { kind: 'shape' },
    });
  });
});

describe('lokiErrorMessage / compareNsDesc', () => {
  it('reports plain-text bodies as they are', () => {
    expect(lokiErrorMessage(400, fixtureText('loki/error_400_parse.txt'))).toBe(
      'HTTP 400: parse error at line 1, col 1: syntax error: unexpected IDENTIFIER'
    );
    expect(lokiErrorMessage(400, fixtureText('loki/error_400_max_entries.txt'))).toBe(
      'HTTP 400: max entries limit per query exceeded, limit > max_entries_limit_per_query (10000 > 5000)'
    );
    expect(lokiErrorMessage(502, '{"message":"Bad Gateway"}')).toBe('HTTP 502: Bad Gateway');
    expect(lokiErrorMessage(504, '')).toBe('HTTP 504');
  });

  it('orders nanosecond strings exactly (beyond float precision)', () => {
    expect(compareNsDesc('1645030246277587968', '1645030246277587969')).toBeGreaterThan(0);
    expect(compareNsDesc('99', '100')).toBeGreaterThan(0);
    expect(compareNsDesc('5', '5')).toBe(0);
  });
});
