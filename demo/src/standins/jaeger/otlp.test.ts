import { canonicalTraceId, convertOtlp, idToHex } from './otlp';
import { parseGoDuration } from './server';
import { TraceStore } from './store';

const req = {
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
          scope: { name: 'demo' },
          spans: [
            {
              traceId: '5b8efff798038103d269b633813fc60c',
              spanId: 'eee19b7ec3c1b173',
              name: 'root',
              kind: 1,
              startTimeUnixNano: '1544712660000000000',
              endTimeUnixNano: '1544712661000000000',
              attributes: [
                { key: 'attr1', value: { intValue: '55' } },
                { key: 'ok', value: { boolValue: true } },
                { key: 'f', value: { doubleValue: 1.5 } },
              ],
              status: { code: 2, message: 'boom' },
              events: [
                {
                  timeUnixNano: '1544712660500000000',
                  name: 'exception',
                  attributes: [{ key: 'exception.type', value: { stringValue: 'E' } }],
                },
              ],
            },
            {
              traceId: '5b8efff798038103d269b633813fc60c',
              spanId: '0000000000000002',
              parentSpanId: 'eee19b7ec3c1b173',
              name: 'child',
              kind: 3,
              startTimeUnixNano: '1544712660100000000',
              endTimeUnixNano: '1544712660200000000',
            },
          ],
        },
      ],
    },
  ],
};

test('OTLP JSON → Jaeger UI model: µs times, typed tags, references, error and logs', () => {
  const [root, child] = convertOtlp(req);
  expect(root.process).toEqual({ serviceName: 'dagster', tags: [{ key: 'process.pid', type: 'int64', value: 7 }] });
  expect(root.span).toMatchObject({
    traceID: '5b8efff798038103d269b633813fc60c',
    spanID: 'eee19b7ec3c1b173',
    startTime: 1544712660000000,
    duration: 1000000,
    references: [],
  });
  expect(root.span.tags).toEqual(
    expect.arrayContaining([
      { key: 'attr1', type: 'int64', value: 55 },
      { key: 'ok', type: 'bool', value: true },
      { key: 'f', type: 'float64', value: 1.5 },
      { key: 'otel.scope.name', type: 'string', value: 'demo' },
      { key: 'span.kind', type: 'string', value: 'internal' },
      { key: 'error', type: 'bool', value: true },
      { key: 'otel.status_code', type: 'string', value: 'ERROR' },
    ])
  );
  expect(root.span.logs).toEqual([
    {
      timestamp: 1544712660500000,
      fields: [
        { key: 'event', type: 'string', value: 'exception' },
        { key: 'exception.type', type: 'string', value: 'E' },
      ],
    },
  ]);
  expect(child.span.references).toEqual([
    { refType: 'CHILD_OF', traceID: root.span.traceID, spanID: 'eee19b7ec3c1b173' },
  ]);
  expect(child.spanKind).toBe('client');
});

test('ids, durations and search', () => {
  expect(idToHex(Buffer.from('0102030405060708', 'hex').toString('base64'), 8)).toBe('0102030405060708');
  expect(canonicalTraceId('00000000000000000000000000000001')).toBe('0000000000000001');
  expect(parseGoDuration('1.5s')).toBe(1500000);
  expect(parseGoDuration('1m30s')).toBe(90000000);
  expect(() => parseGoDuration('100')).toThrow('missing unit');
  const store = new TraceStore(1);
  store.add(convertOtlp(req));
  const q = { service: 'dagster', tags: {}, limit: 10 };
  expect(store.find(q)).toHaveLength(1);
  expect(store.find({ ...q, tags: { 'exception.type': 'E' } })).toHaveLength(1);
  expect(store.find({ ...q, tags: { 'process.pid': '7', attr1: '55' } })).toHaveLength(1);
  expect(store.find({ ...q, operation: 'child', minDuration: 200000 })).toHaveLength(0);
  expect(store.find({ ...q, operation: 'child', maxDuration: 200000 })).toHaveLength(1);
  // Capacity 1: a second trace evicts the first.
  store.add(
    convertOtlp({
      resourceSpans: [
        {
          ...req.resourceSpans[0],
          scopeSpans: [{ spans: [{ ...req.resourceSpans[0].scopeSpans[0].spans[1], traceId: 'f'.repeat(32) }] }],
        },
      ],
    })
  );
  expect(store.size).toBe(1);
  expect(store.get('5b8efff798038103d269b633813fc60c')).toBeUndefined();
});
