import fc from 'fast-check';
import { CascadeLogLine } from '../model';
import { generateTrace, generateTraceLogs, spanInput } from '../testing/traceData';
import { compareRuns, logTemplate, RunInput, spanKeys } from './compareRuns';
import { buildTraceTree, TraceSpanInput } from './traceTree';

const line = (spanId: string, timestamp: number, body: string): CascadeLogLine => ({
  id: `${spanId}-${timestamp}`,
  timestamp,
  tsNs: `${timestamp * 1e6}`,
  body,
  severity: 'info',
  labels: {},
  spanId,
});
const run = (rows: TraceSpanInput[], logs: CascadeLogLine[] = []): RunInput => ({ tree: buildTraceTree(rows), logs });
const error = (message: string, exception?: [string, string]): Partial<TraceSpanInput> => ({
  statusCode: 2,
  statusMessage: message,
  logs: exception
    ? [
        {
          timestamp: 0,
          fields: [
            { key: 'exception.type', value: exception[0] },
            { key: 'exception.message', value: exception[1] },
          ],
        },
      ]
    : [],
});

// The demo's shape: an asset span with fetch (and its http.request), validation and merge phases.
const GOOD = run(
  [
    spanInput('g0', undefined, 0, 4000, { operationName: 'publish_to_postgres' }),
    spanInput('g1', 'g0', 0, 3000, { operationName: 'fetch_from_api' }),
    spanInput('g2', 'g1', 100, 2800, { operationName: 'http.request' }),
    spanInput('g3', 'g0', 3000, 500, { operationName: 'pandera_validation' }),
    spanInput('g4', 'g3', 3000, 300, { operationName: 'type_checking' }),
    spanInput('g5', 'g0', 3500, 500, { operationName: 'iceberg_merge' }),
  ],
  [
    line('g0', 0, '{"event":"asset_started","run_id":"4f2a9c1e77","timestamp":"2026-12-05T06:00:00.000Z"}'),
    line('g1', 3000, '{"event":"api_fetch_success","rows_returned":512}'),
    line('g0', 4000, '{"event":"asset_succeeded","duration_s":4.0}'),
  ]
);
const BAD = run(
  [
    spanInput('b0', undefined, 10_000, 44_000, { operationName: 'publish_to_postgres', ...error('failed') }),
    spanInput('b1', 'b0', 10_000, 41_000, {
      operationName: 'fetch_from_api',
      ...error('glucose API returned 503', ['UpstreamAPIError', 'glucose API returned 503']),
    }),
    spanInput('b2', 'b1', 10_100, 20_000, { operationName: 'http.request' }),
    spanInput('b3', 'b1', 30_200, 20_000, { operationName: 'http.request' }),
    spanInput('b4', 'b0', 51_000, 3000, { operationName: 'retry_upstream' }),
  ],
  [
    line('b0', 10_000, '{"event":"asset_started","run_id":"9b8e7d6c55","timestamp":"2026-12-05T07:00:00.000Z"}'),
    line('b1', 30_000, '{"event":"api_retry","attempt":2}'),
    line('b1', 51_000, '{"event":"asset_failed","error_message":"glucose API returned 503"}'),
    line('b4', 52_000, '{"event":"retry_scheduled","in_s":60}'),
  ]
);

describe('compareRuns', () => {
  const c = compareRuns(BAD, GOOD);

  it('matches spans by their path of operation names and gives the duration differences', () => {
    expect(c.deltaMs).toBe(40_000);
    expect(c.matched.map((m) => [m.path.join(' › '), m.badMs, m.goodMs, m.deltaMs])).toEqual([
      ['publish_to_postgres', 44_000, 4000, 40_000],
      ['publish_to_postgres › fetch_from_api', 41_000, 3000, 38_000],
      ['publish_to_postgres › fetch_from_api › http.request', 20_000, 2800, 17_200],
    ]);
  });

  it('lists the tops of new and missing subtrees, repeats by sibling index', () => {
    expect(c.newSpans.map((s) => [s.path.join(' › '), s.below])).toEqual([
      ['publish_to_postgres › fetch_from_api › http.request', 0],
      ['publish_to_postgres › retry_upstream', 0],
    ]);
    expect(c.newSpans[0].key).toMatch(/http\.request#1$/);
    expect(c.missingSpans.map((s) => [s.operation, s.below])).toEqual([
      ['pandera_validation', 1],
      ['iceberg_merge', 0],
    ]);
  });

  it('names the new errors with their exception, else their status message', () => {
    expect(c.newErrors.map((e) => [e.operation, e.message])).toEqual([
      ['publish_to_postgres', 'failed'],
      ['fetch_from_api', 'UpstreamAPIError: glucose API returned 503'],
    ]);
  });

  it('an error the good run had with the same message (other numbers) is not new', () => {
    const one = (message: string) =>
      run([spanInput('s', undefined, 0, 10, { operationName: 'load', ...error(message) })]);
    const a = one('timeout after 30 s');
    const b = one('timeout after 45 s');
    const d = one('disk full');
    expect(compareRuns(a, b).newErrors).toEqual([]);
    expect(compareRuns(a, d).newErrors.map((e) => e.message)).toEqual(['timeout after 30 s']);
  });

  it('keeps the log lines whose template the good run never logged, with their span', () => {
    expect(c.newLogs.map((l) => [l.operation, JSON.parse(l.line.body).event])).toEqual([
      ['fetch_from_api', 'api_retry'],
      ['fetch_from_api', 'asset_failed'],
      ['retry_upstream', 'retry_scheduled'],
    ]);
  });
});

describe('logTemplate', () => {
  it('takes out timestamps, ids and numbers, not words', () => {
    expect(
      logTemplate(
        '2026-12-05T06:01:02.345Z run 7f3e2a1b9c0d4e5f rows=1,020 took 4.5s id=123e4567-e89b-12d3-a456-426614174000'
      )
    ).toBe('<ts> run <#> rows=<#>,<#> took <#>s id=<#>');
    expect(logTemplate('deadline exceeded in cafe')).toBe('deadline exceeded in cafe');
    expect(logTemplate('pass_rate=100 invalid=0')).toBe(logTemplate('pass_rate=99.57 invalid=3'));
    expect(logTemplate('id 12345678')).toBe(logTemplate('id 1a2b3c4d'));
  });

  it('gives one template to a message whatever its numbers (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
        fc.array(fc.nat(), { minLength: 3, maxLength: 3 }),
        (a, b) => {
          const msg = (n: number[]) => `fetched ${n[0]} rows in ${n[1]}.${n[2]} s`;
          return logTemplate(msg(a)) === logTemplate(msg(b));
        }
      )
    );
  });
});

describe('compareRuns properties', () => {
  const arbRun = fc
    .record({ count: fc.integer({ min: 1, max: 60 }), seed: fc.integer({ min: 1, max: 1e6 }) })
    .map(({ count, seed }) => {
      const rows = generateTrace(count, { seed, errorRate: 0.2 });
      return run(rows, generateTraceLogs(rows, 20, seed));
    });

  it('a run compared with itself differs in nothing', () => {
    fc.assert(
      fc.property(arbRun, (r) => {
        const c = compareRuns(r, r);
        expect(c.newSpans).toEqual([]);
        expect(c.missingSpans).toEqual([]);
        expect(c.newErrors).toEqual([]);
        expect(c.newLogs).toEqual([]);
        expect(c.matched).toHaveLength(r.tree.spans.length);
        expect(c.matched.every((m) => m.deltaMs === 0)).toBe(true);
      })
    );
  });

  it('swapping the runs swaps new and missing spans and negates every delta', () => {
    fc.assert(
      fc.property(arbRun, arbRun, (a, b) => {
        const ab = compareRuns(a, b);
        const ba = compareRuns(b, a);
        expect(ab.newSpans.map((s) => s.key)).toEqual(ba.missingSpans.map((s) => s.key));
        expect(ab.missingSpans.map((s) => s.key)).toEqual(ba.newSpans.map((s) => s.key));
        const deltas = new Map(ba.matched.map((m) => [m.key, m.deltaMs]));
        expect(ab.matched.map((m) => 0 - (deltas.get(m.key) ?? NaN))).toEqual(ab.matched.map((m) => m.deltaMs));
      })
    );
  });

  it('every span of the bad run is matched or inside exactly one new subtree', () => {
    fc.assert(
      fc.property(arbRun, arbRun, (a, b) => {
        const c = compareRuns(a, b);
        const inNew = c.newSpans.reduce((n, s) => n + 1 + s.below, 0);
        expect(c.matched.length + inNew).toBe(a.tree.spans.length);
        expect(new Set(spanKeys(a.tree)).size).toBe(a.tree.spans.length);
      })
    );
  });
});
