import { CascadeLogLine, TraceSummary } from '../model';
import { spanInput } from '../testing/traceData';
import { buildTraceTree, TraceSpanInput } from '../trace/traceTree';
import { comparisonView, formatDelta, lastGoodRun, latestFailedRun } from './compareRuns';

const summary = (traceID: string, start: number, status: 'ok' | 'error', asset = 'a'): TraceSummary => ({
  traceID,
  asset,
  start,
  duration: 10,
  errors: status === 'error' ? 1 : 0,
  status,
});

describe('lastGoodRun', () => {
  const traces = [
    summary('bad2', 400, 'error'),
    summary('good1', 100, 'ok'),
    summary('good2', 300, 'ok'),
    summary('bad1', 200, 'error'),
    summary('other', 350, 'ok', 'b'),
    summary('good3', 500, 'ok'),
  ];

  it('is the newest good run of the asset before the bad one', () => {
    expect(lastGoodRun(traces, 'a', 'bad2', 400)).toEqual({ trace: traces[2], after: false });
    expect(lastGoodRun(traces, 'a', 'bad1', 200)).toEqual({ trace: traces[1], after: false });
  });

  it('else the first good run after it, and says so', () => {
    expect(lastGoodRun(traces, 'a', 'bad0', 50)).toEqual({ trace: traces[1], after: true });
  });

  it('is the newest good run when the bad run is not in the list, never the bad run itself', () => {
    expect(lastGoodRun(traces, 'a', 'x')?.trace.traceID).toBe('good3');
    expect(lastGoodRun(traces, 'a', 'GOOD3', 600)?.trace.traceID).toBe('good2');
  });

  it('the newest failed run is the one to compare', () => {
    expect(latestFailedRun(traces)?.traceID).toBe('bad2');
    expect(latestFailedRun([traces[1]])).toBeUndefined();
  });

  it('is undefined without a good run of the asset', () => {
    expect(lastGoodRun([traces[0], traces[3], traces[4]], 'a', 'bad2', 400)).toBeUndefined();
  });
});

const run = (rows: TraceSpanInput[], logs: CascadeLogLine[] = []) => ({ tree: buildTraceTree(rows), logs });
const log = (body: string, timestamp: number): CascadeLogLine => ({
  id: body,
  timestamp,
  tsNs: `${timestamp * 1e6}`,
  body,
  labels: {},
});

describe('comparisonView', () => {
  const good = run(
    [
      spanInput('r', undefined, 0, 4000, { operationName: 'publish_to_postgres' }),
      spanInput('f', 'r', 0, 3000, { operationName: 'fetch_from_api' }),
      spanInput('m', 'r', 3000, 1000, { operationName: 'iceberg_merge' }),
      spanInput('w', 'm', 3500, 400, { operationName: 'write_metadata' }),
    ],
    [log('started run 1', 0)]
  );
  const bad = run(
    [
      spanInput('r', undefined, 0, 44_000, { operationName: 'publish_to_postgres' }),
      spanInput('f', 'r', 0, 41_000, {
        operationName: 'fetch_from_api',
        statusCode: 2,
        statusMessage: 'UpstreamAPIError: glucose API returned 503',
      }),
      spanInput('x', 'r', 41_000, 3000, { operationName: 'retry_upstream' }),
    ],
    [log('started run 2', 0), log('retrying in 5 s', 41_000), log('retrying in 10 s', 42_000), log('gave up', 43_000)]
  );

  it('explains the difference in words', () => {
    const v = comparisonView(bad, good);
    expect(v.headline).toBe('This run took 44 s vs 4 s (+40 s)');
    expect(v.findings).toEqual([
      'fetch_from_api took 41 s vs 3 s (+38 s)',
      'new error: UpstreamAPIError: glucose API returned 503',
      'new span: retry_upstream',
      'missing span: iceberg_merge (and 1 span under it)',
      '3 log lines only in this run',
    ]);
  });

  it('lists the spans of this run, then the missing ones', () => {
    expect(comparisonView(bad, good).rows.map((r) => [r.operation, r.depth, r.change, r.delta])).toEqual([
      ['publish_to_postgres', 0, 'slower', '+40 s'],
      ['fetch_from_api', 1, 'slower', '+38 s'],
      ['retry_upstream', 1, 'new', undefined],
      ['iceberg_merge', 1, 'missing', undefined],
    ]);
  });

  it('says nothing differs when a run is compared with itself', () => {
    const v = comparisonView(good, good);
    expect(v.findings).toEqual([]);
    expect(v.rows.every((r) => r.change === 'same' && r.delta === '0')).toBe(true);
  });

  it('formats signed deltas', () => {
    expect([formatDelta(1500), formatDelta(-250), formatDelta(0)]).toEqual(['+1.5 s', '−250 ms', '0']);
  });
});
