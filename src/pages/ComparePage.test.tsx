import { screen, within } from '@testing-library/react';
import { CascadeLogLine, TraceSummary } from '../model';
import { JaegerSpan, JaegerTrace } from '../backends/jaeger/parseJaeger';
import { logsToFrame, tracesToFrame } from '../frames/signalFrames';
import { traceToFrame } from '../frames/traceFrame';
import { testIds } from '../testIds';
import { LINKS, NOW } from '../testing/testPipeline';
import { FakeCascadeDataSource, installDataSources, renderInApp } from '../testing/testUtils';
import ComparePage from './ComparePage';

// Grafana's data source registry only exists inside Grafana: the fake Cascade data source answers
// with frames from the data source's own builders (tracesToFrame, traceToFrame, logsToFrame).

jest.setTimeout(20000);

const ASSET = 'publish_to_postgres';
const BAD_START = NOW - 600e3;
const GOOD_START = NOW - 1800e3;

const span = (
  traceID: string,
  start: number,
  spanID: string,
  operationName: string,
  parent: string | undefined,
  from: number,
  to: number,
  extra: Partial<JaegerSpan> = {}
): JaegerSpan => ({
  traceID,
  spanID,
  operationName,
  references: parent ? [{ refType: 'CHILD_OF', traceID, spanID: parent }] : [],
  startTime: (start + from) * 1000,
  duration: (to - from) * 1000,
  tags: [],
  logs: [],
  processID: 'p1',
  warnings: null,
  ...extra,
});
const errorTags = (message: string) => [
  { key: 'otel.status_code', type: 'string', value: 'ERROR' },
  { key: 'otel.status_description', type: 'string', value: message },
];
const trace = (traceID: string, spans: JaegerSpan[]): JaegerTrace => ({
  traceID,
  processes: { p1: { serviceName: 'dagster', tags: [] } },
  warnings: null,
  spans,
});
const assetTag = [{ key: 'asset_name', type: 'string', value: ASSET }];

const BAD = trace('bad1', [
  span('bad1', BAD_START, 'b0', ASSET, undefined, 0, 44_000, {
    tags: [...assetTag, ...errorTags('UpstreamAPIError: glucose API returned 503')],
  }),
  span('bad1', BAD_START, 'b1', 'fetch_from_api', 'b0', 0, 41_000, {
    tags: errorTags('glucose API returned 503'),
    logs: [
      {
        timestamp: (BAD_START + 41_000) * 1000,
        fields: [
          { key: 'exception.type', type: 'string', value: 'UpstreamAPIError' },
          { key: 'exception.message', type: 'string', value: 'glucose API returned 503' },
        ],
      },
    ],
  }),
  span('bad1', BAD_START, 'b2', 'retry_upstream', 'b0', 41_000, 44_000),
]);
const GOOD = trace('good1', [
  span('good1', GOOD_START, 'g0', ASSET, undefined, 0, 4000, { tags: assetTag }),
  span('good1', GOOD_START, 'g1', 'fetch_from_api', 'g0', 0, 3000),
  span('good1', GOOD_START, 'g2', 'iceberg_merge', 'g0', 3000, 4000),
]);
const line = (traceId: string, start: number, ms: number, spanId: string, body: string, severity = 'info') =>
  ({
    id: `${traceId}-${ms}`,
    timestamp: start + ms,
    tsNs: `${(start + ms) * 1e6}`,
    body,
    severity,
    labels: { job: 'dagster' },
    asset: ASSET,
    traceId,
    spanId,
  }) satisfies CascadeLogLine;
const LOGS: Record<string, CascadeLogLine[]> = {
  bad1: [
    line('bad1', BAD_START, 0, 'b0', '{"event":"asset_started","run_id":"r-9b8e7d6c55"}'),
    line('bad1', BAD_START, 20_000, 'b1', '{"event":"api_retry","attempt":2}', 'warning'),
    line(
      'bad1',
      BAD_START,
      44_000,
      'b0',
      '{"event":"asset_failed","error_message":"glucose API returned 503"}',
      'error'
    ),
  ],
  good1: [line('good1', GOOD_START, 0, 'g0', '{"event":"asset_started","run_id":"r-4f2a9c1e77"}')],
};
const summary = (traceID: string, start: number, status: 'ok' | 'error'): TraceSummary => ({
  traceID,
  asset: ASSET,
  start,
  duration: 4000,
  errors: status === 'error' ? 2 : 0,
  status,
});
const RUNS = [
  summary('bad1', BAD_START, 'error'),
  summary('good1', GOOD_START, 'ok'),
  summary('bad0', NOW - 3600e3, 'error'),
];
const TRACES: Record<string, JaegerTrace> = { bad1: BAD, good1: GOOD };

const RANGE = `from=${NOW - 6 * 3600e3}&to=${NOW}`;
const render = (query: string) =>
  renderInApp(<ComparePage />, { url: `/a/cascade-pipeline-app/compare?${query}&${RANGE}`, route: 'compare' });

function install(runs = RUNS) {
  const ds = new FakeCascadeDataSource({
    traces: (q) => [
      tracesToFrame(
        runs.filter((r) => q.assets?.includes(r.asset!)),
        q.refId,
        LINKS
      ),
    ],
    trace: (q) =>
      TRACES[q.traceId!] ? [traceToFrame(TRACES[q.traceId!], q.refId)] : { error: 'not found', backend: 'jaeger' },
    logs: (q) => [logsToFrame(LOGS[q.traceId!] ?? [], q.refId, LINKS)],
  });
  installDataSources(ds);
  return ds;
}

describe('ComparePage', () => {
  it('compares the run with the asset last good run and says what changed', async () => {
    const ds = install();
    render(`asset=${ASSET}&trace=bad1`);
    const summaryBox = await screen.findByTestId(testIds.compare.summary);
    expect(within(summaryBox).getByRole('heading')).toHaveTextContent('This run took 44 s vs 4 s (+40 s)');
    expect(
      within(summaryBox)
        .getAllByRole('listitem')
        .map((li) => li.textContent)
    ).toEqual([
      'fetch_from_api took 41 s vs 3 s (+38 s)',
      'new error: UpstreamAPIError: glucose API returned 503',
      'new span: retry_upstream',
      'missing span: iceberg_merge',
      '2 log lines only in this run',
    ]);
    expect(within(summaryBox).getByRole('link', { name: 'Open trace good1' })).toBeInTheDocument();
    expect(summaryBox).toHaveTextContent('Last good run');
    // One list of the asset's runs, then the trace and logs of both runs; nothing else.
    expect(ds.targets().map((t) => [t.queryType, t.traceId ?? t.assets?.join(',')])).toEqual([
      ['trace', 'bad1'],
      ['logs', 'bad1'],
      ['traces', ASSET],
      ['trace', 'good1'],
      ['logs', 'good1'],
    ]);

    const rows = within(screen.getByTestId(testIds.compare.spans)).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.getAttribute('aria-label'))).toEqual([
      `${ASSET}, slower`,
      'fetch_from_api, slower',
      'retry_upstream, new',
      'iceberg_merge, missing',
    ]);
    expect(
      within(rows[1])
        .getAllByRole('cell')
        .map((c) => c.textContent)
    ).toEqual(['fetch_from_apiUpstreamAPIError: glucose API returned 503', '41 s', '3 s', '+38 s', 'slower']);
    const logs = screen.getByTestId(testIds.compare.logs);
    expect(within(logs).getAllByRole('listitem')).toHaveLength(2);
    expect(logs).toHaveTextContent('api_retry');
    expect(logs).toHaveTextContent('asset_failed');
    expect(logs).not.toHaveTextContent('asset_started');
  });

  it('takes the baseline from the URL without listing the runs', async () => {
    const ds = install();
    render(`asset=${ASSET}&trace=bad1&baseline=good1`);
    expect(await screen.findByTestId(testIds.compare.summary)).toHaveTextContent('(+40 s)');
    expect(ds.targets('traces')).toEqual([]);
  });

  it('finds the asset from the run when the URL does not name it', async () => {
    const ds = install();
    render('trace=bad1');
    expect(await screen.findByTestId(testIds.compare.summary)).toHaveTextContent('(+40 s)');
    expect(ds.targets('traces').map((t) => t.assets)).toEqual([[ASSET]]);
  });

  it('says so in a sentence when the asset has no good run in the range', async () => {
    const ds = install(RUNS.filter((r) => r.status === 'error'));
    render(`asset=${ASSET}&trace=bad1`);
    expect(await screen.findByTestId(testIds.compare.noBaseline)).toHaveTextContent(
      `No good run of ${ASSET} in the selected time range`
    );
    expect(screen.queryByTestId(testIds.compare.summary)).not.toBeInTheDocument();
    expect(ds.targets('trace').map((t) => t.traceId)).toEqual(['bad1']);
  });
});
