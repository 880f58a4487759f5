import { ingestOtlp } from './ingest';
import { TempoStore } from './store';
import { parseTraceQL, spanMatches, TraceQLError, unquoteGo } from './traceql';

const span = (spanId: string, attrs: Record<string, string | number>, extra: Record<string, unknown> = {}) => ({
  traceId: '00000000000000000000000000000abc',
  spanId,
  name: `op-${spanId}`,
  kind: 1,
  startTimeUnixNano: '1000000000',
  endTimeUnixNano: '3000000000',
  attributes: Object.entries(attrs).map(([key, v]) => ({
    key,
    value: typeof v === 'number' ? { intValue: String(v) } : { stringValue: v },
  })),
  ...extra,
});

const spans = ingestOtlp({
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'dagster' } }] },
      scopeSpans: [
        {
          spans: [
            span('0000000000000001', { asset_name: 'raw "x"' }),
            span('0000000000000002', { asset_name: 'fct.glucose', rows: 5 }, { parentSpanId: '0000000000000001' }),
            span('0000000000000003', {}, { parentSpanId: '0000000000000001', status: { code: 2, message: 'boom' } }),
          ],
        },
      ],
    },
  ],
});
const [root, child, failed] = spans;
const matches = (q: string) =>
  spans.filter((s) => spanMatches(parseTraceQL(q).filter, s)).map((s) => s.spanId.slice(-1));

test('Go string unquoting, as Tempo lexes strings and quoted attribute names', () => {
  expect(unquoteGo('"a\\"b\\\\c\\n\\u00e9\\x41"')).toBe('a"b\\c\néA');
  expect(unquoteGo('`raw\\n`')).toBe('raw\\n');
  expect(() => unquoteGo('"bad \\q"')).toThrow(TraceQLError);
});

test('conditions: scopes, =, !=, =~ (whole value), !~, ||, &&, parentheses, status, name, kind', () => {
  expect(matches('{ resource.service.name = "dagster" }')).toEqual(['1', '2', '3']);
  expect(matches('{ span.service.name = "dagster" }')).toEqual([]);
  expect(matches('{ .service.name = "dagster" && .asset_name = "raw \\"x\\"" }')).toEqual(['1']);
  expect(matches('{ span.asset_name =~ "fct\\\\.gl.*" }')).toEqual(['2']);
  // Anchored: a partial match is no match.
  expect(matches('{ span.asset_name =~ "glucose" }')).toEqual([]);
  expect(matches('{ span.asset_name !~ "fct.*" }')).toEqual(['1']);
  expect(matches('{ span.asset_name != "fct.glucose" }')).toEqual(['1']);
  expect(
    matches('{ resource.service.name = "dagster" && (span.asset_name = "fct.glucose" || status = error) }')
  ).toEqual(['2', '3']);
  expect(matches('{ status = error }')).toEqual(['3']);
  expect(matches('{ name = "op-0000000000000001" && kind = internal }')).toEqual(['1']);
  expect(matches('{ span.rows = 5 }')).toEqual(['2']);
  // Types must agree: "5" (string) does not equal the int 5.
  expect(matches('{ span.rows = "5" }')).toEqual([]);
  expect(matches('{ span."asset_name" = "fct.glucose" }')).toEqual(['2']);
  expect(matches('{}')).toEqual(['1', '2', '3']);
  expect([root, child, failed].map((s) => s.statusCode)).toEqual([0, 0, 2]);
});

test('syntax errors and unsupported TraceQL are plain-text 400 messages, never a guess', () => {
  expect(() => parseTraceQL('foo')).toThrow(
    'invalid TraceQL query: parse error at line 1, col 1: syntax error: unexpected IDENTIFIER'
  );
  expect(() => parseTraceQL('{ span.a = "x" ')).toThrow(/^invalid TraceQL query: parse error at line 1, col \d+/);
  for (const q of [
    '{ span.a = "x" } | count() > 1',
    '{ span.a = "x" } | select(duration)',
    '{ span.a = "x" } && { span.b = "y" }',
    '{ duration > 1s }',
    '{ span.n > 1 }',
    '{ event.name = "x" }',
  ]) {
    expect(() => parseTraceQL(q)).toThrow(/^unsupported by the Tempo stand-in: /);
  }
  expect(() => parseTraceQL('{ status = "error" }')).toThrow(
    'invalid TraceQL query: status cannot be compared with "error"'
  );
  expect(() => parseTraceQL('{ span.a =~ "(" }')).toThrow(/^invalid TraceQL query: error parsing regexp/);
});

test('search: trace ids without leading zeros, spans per span set, matched count, newest first', () => {
  const store = new TempoStore();
  store.add(spans);
  const res = store.search({ query: parseTraceQL('{ resource.service.name = "dagster" }'), limit: 20, spss: 2 });
  expect(res.traces).toHaveLength(1);
  const t = res.traces[0];
  expect(t.traceID).toBe('abc');
  expect(t.rootServiceName).toBe('dagster');
  expect(t.rootTraceName).toBe('op-0000000000000001');
  expect(t.durationMs).toBe(2000);
  expect(t.spanSets[0].spans).toHaveLength(2);
  expect(t.spanSets[0].matched).toBe(3);
  const errors = store.search({ query: parseTraceQL('{ status = error && .asset_name != "q" }'), limit: 20, spss: 3 });
  expect(errors.traces).toHaveLength(0);
  const failedOnly = store.search({ query: parseTraceQL('{ status = error }'), limit: 20, spss: 3 });
  expect(failedOnly.traces[0].spanSets[0].spans[0].attributes).toEqual([
    { key: 'status', value: { stringValue: 'error' } },
  ]);
  // select(…) adds fields to every matched span; RE2's \x{…} escape is understood.
  const selected = store.search({
    query: parseTraceQL('{ span.asset_name =~ "fct\\\\x{2e}glucose|raw \\\\x{22}x\\\\x{22}" } | select(status, name)'),
    limit: 20,
    spss: 3,
  });
  expect(selected.traces[0].spanSets[0].spans.map((s) => s.attributes)).toEqual([
    [
      { key: 'asset_name', value: { stringValue: 'raw "x"' } },
      { key: 'status', value: { stringValue: 'unset' } },
      { key: 'name', value: { stringValue: 'op-0000000000000001' } },
    ],
    [
      { key: 'asset_name', value: { stringValue: 'fct.glucose' } },
      { key: 'status', value: { stringValue: 'unset' } },
      { key: 'name', value: { stringValue: 'op-0000000000000002' } },
    ],
  ]);
  // Outside the time window (epoch seconds): nothing.
  expect(store.search({ query: parseTraceQL('{}'), limit: 20, spss: 3, start: 10, end: 20 }).traces).toEqual([]);
});

test('trace by id: base64 ids, enum names, int64 as strings, unset status {}', () => {
  const store = new TempoStore();
  store.add(spans);
  const body = store.traceById('00000000000000000000000000000abc')!;
  const out = body.resourceSpans[0].scopeSpans[0].spans;
  expect(out[0].traceId).toBe(Buffer.from('00000000000000000000000000000abc', 'hex').toString('base64'));
  expect(out[1].parentSpanId).toBe('AAAAAAAAAAE=');
  expect(out[0].kind).toBe('SPAN_KIND_INTERNAL');
  expect(out[1].attributes).toContainEqual({ key: 'rows', value: { intValue: '5' } });
  expect(out[0].status).toEqual({});
  expect(out[2].status).toEqual({ code: 'STATUS_CODE_ERROR', message: 'boom' });
  expect(store.tagValues('resource', 'service.name')).toEqual([{ type: 'string', value: 'dagster' }]);
  expect(store.tagValues('span', 'rows')).toEqual([{ type: 'int', value: '5' }]);
});
