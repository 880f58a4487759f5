import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { locationService } from '@grafana/runtime';
import { currentSearch, FakeCascadeDataSource, installDataSources, renderInApp } from '../testing/testUtils';
import { LINKS, NOW, TRACES } from '../testing/testPipeline';
import { CascadeLogLine } from '../model';
import { JaegerSpan, JaegerTrace, parseJaegerTraces } from '../backends/jaeger/parseJaeger';
import { logsToFrame, tracesToFrame } from '../frames/signalFrames';
import { fixtureText } from '../testing/fixtures';
import { traceToFrame } from '../frames/traceFrame';
import { testIds } from '../testIds';
import TracePage from './TracePage';

// Grafana's data source registry only exists inside Grafana: the fake Cascade data source answers
// with frames from the data source's own builders (traceToFrame, logsToFrame). jsdom does no
// layout, so the waterfall's scroll box reports a fixed height to the virtualizer (see beforeAll).

jest.setTimeout(20000);

const T0 = NOW - 300e3;
const us = (ms: number) => Math.round((T0 + ms) * 1000);
const span = (
  spanID: string,
  operationName: string,
  parent: string | undefined,
  from: number,
  to: number,
  extra: Partial<JaegerSpan> = {}
): JaegerSpan => ({
  traceID: 'abc123',
  spanID,
  operationName,
  references: parent ? [{ refType: 'CHILD_OF', traceID: 'abc123', spanID: parent }] : [],
  startTime: us(from),
  duration: us(to) - us(from),
  tags: [],
  logs: [],
  processID: 'p1',
  warnings: null,
  ...extra,
});
const TRACE: JaegerTrace = {
  traceID: 'abc123',
  processes: { p1: { serviceName: 'dagster', tags: [{ key: 'host.name', type: 'string', value: 'worker-1' }] } },
  warnings: null,
  spans: [
    span('00000000000000a1', 'materialize fct_glucose_readings', undefined, 0, 320, {
      tags: [{ key: 'asset_name', type: 'string', value: 'fct_glucose_readings' }],
    }),
    span('00000000000000a2', 'fetch_from_api', '00000000000000a1', 10, 100),
    span('00000000000000a3', 'auth', '00000000000000a2', 12, 20),
    span('00000000000000a4', 'pandera_validation', '00000000000000a1', 110, 180, {
      tags: [
        { key: 'otel.status_code', type: 'string', value: 'ERROR' },
        { key: 'otel.status_description', type: 'string', value: 'division by zero' },
        { key: 'rows.invalid', type: 'int64', value: 3 },
      ],
      logs: [{ timestamp: us(150), fields: [{ key: 'event', type: 'string', value: 'exception' }] }],
    }),
    span('00000000000000a5', 'merge_to_iceberg', '00000000000000a1', 190, 310),
  ],
};
const line = (id: string, ms: number, body: string, severity: string, spanId?: string): CascadeLogLine => ({
  id,
  timestamp: T0 + ms,
  tsNs: `${(T0 + ms) * 1e6}`,
  body,
  severity,
  labels: { job: 'dagster' },
  asset: 'fct_glucose_readings',
  traceId: 'abc123',
  spanId,
});
const LOGS = [
  line('l1', 150, 'validation failed: 3 rows out of range', 'error', '00000000000000a4'),
  line('l2', 50, 'fetched 487 rows', 'info'),
  line('l3', 315, 'asset_succeeded', 'info'),
];
const RANGE = `from=${T0 - 600e3}&to=${T0 + 600e3}`;
const TRACE_URL = `/a/cascade-pipeline-app/traces/abc123?${RANGE}`;

const render = (url = TRACE_URL) => renderInApp(<TracePage />, { url, route: 'traces/:traceId?' });
const rowNames = () =>
  within(screen.getByTestId(testIds.trace.waterfall))
    .getAllByRole('row')
    .map((r) =>
      r.getAttribute('data-testid') === testIds.trace.log
        ? `log: ${r.querySelector('[title]')?.getAttribute('title')}`
        : r.getAttribute('aria-label')?.split(',')[0]
    );

function fakeLayout() {
  const size = (name: 'clientHeight' | 'clientWidth', px: number) =>
    Object.defineProperty(HTMLElement.prototype, name, {
      configurable: true,
      get() {
        return this.getAttribute('role') === 'treegrid' ? px : 0;
      },
    });
  beforeAll(() => {
    size('clientHeight', 600);
    size('clientWidth', 1000);
  });
  afterAll(() => {
    // The originals live on Element.prototype; dropping the overrides restores them.
    delete (HTMLElement.prototype as unknown as Record<string, unknown>).clientHeight;
    delete (HTMLElement.prototype as unknown as Record<string, unknown>).clientWidth;
  });
}

describe('TracePage drill-down', () => {
  fakeLayout();
  let ds: FakeCascadeDataSource;
  beforeEach(() => {
    ds = new FakeCascadeDataSource({
      trace: (q) => [traceToFrame(TRACE, q.refId)],
      logs: (q) => [logsToFrame(LOGS, q.refId, LINKS)],
    });
    installDataSources(ds);
  });

  it('asks the data source for the trace and its logs, and shows the summary', async () => {
    render();
    const summary = await screen.findByTestId(testIds.trace.summary);
    expect(ds.targets().map((t) => [t.queryType, t.traceId])).toEqual([
      ['trace', 'abc123'],
      ['logs', 'abc123'],
    ]);
    expect(summary).toHaveTextContent('materialize fct_glucose_readings');
    expect(summary).toHaveTextContent('1 error span');
    expect(summary).toHaveTextContent('5 spans · 1 service');
    expect(summary).toHaveTextContent('3 log lines: 1 by span id, 2 by time, 0 outside every span');
    expect(within(summary).getByRole('link', { name: 'fct_glucose_readings' })).toHaveAttribute(
      'href',
      expect.stringContaining('/assets/fct_glucose_readings')
    );
  });

  it('offers to compare the run with the asset last good run, keeping the time range', async () => {
    render();
    const link = await screen.findByRole('link', { name: 'Compare with last good run' });
    expect(link).toHaveAttribute(
      'href',
      `/a/cascade-pipeline-app/compare?asset=fct_glucose_readings&trace=abc123&${RANGE}`
    );
  });

  it('interleaves the Loki lines under their spans by span id and by time', async () => {
    render();
    await waitFor(() => expect(rowNames()).toHaveLength(8));
    expect(rowNames()).toEqual([
      'dagster materialize fct_glucose_readings',
      'dagster fetch_from_api',
      'dagster auth',
      'log: fetched 487 rows',
      'dagster pandera_validation',
      'log: validation failed: 3 rows out of range',
      'dagster merge_to_iceberg',
      'log: asset_succeeded',
    ]);
    expect(screen.getByTestId(testIds.trace.span('00000000000000a4'))).toHaveAttribute(
      'aria-label',
      expect.stringContaining('error')
    );
  });

  it('collapses and expands a subtree', async () => {
    render();
    await waitFor(() => expect(rowNames()).toHaveLength(8));
    await userEvent.click(screen.getByTestId(testIds.trace.toggle('00000000000000a2')));
    await waitFor(() => expect(rowNames()).toHaveLength(6));
    expect(screen.getByTestId(testIds.trace.span('00000000000000a2'))).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(screen.getByTestId(testIds.trace.toggle('00000000000000a2')));
    await waitFor(() => expect(rowNames()).toHaveLength(8));
  });

  it('filters spans by name, status and minimum duration, keeping ancestors as context', async () => {
    render();
    await waitFor(() => expect(rowNames()).toHaveLength(8));
    await userEvent.click(screen.getByRole('radio', { name: 'Errors' }));
    await waitFor(() =>
      expect(rowNames()).toEqual([
        'dagster materialize fct_glucose_readings',
        'dagster pandera_validation',
        'log: validation failed: 3 rows out of range',
      ])
    );
    expect(currentSearch().get('status')).toBe('error');
    await userEvent.click(screen.getByRole('radio', { name: 'All spans' }));
    await userEvent.type(screen.getByRole('textbox', { name: 'Filter spans by name' }), 'auth');
    await waitFor(() =>
      expect(rowNames()).toEqual(['dagster materialize fct_glucose_readings', 'dagster fetch_from_api', 'dagster auth'])
    );
    await userEvent.clear(screen.getByRole('textbox', { name: 'Filter spans by name' }));
    await userEvent.type(screen.getByRole('spinbutton', { name: 'Minimum span duration in ms' }), '100');
    await waitFor(() =>
      expect(rowNames()).toEqual([
        'dagster materialize fct_glucose_readings',
        'dagster merge_to_iceberg',
        'log: asset_succeeded',
      ])
    );
  });

  it('opens a span’s attributes, events and Loki lines on click', async () => {
    render();
    await waitFor(() => expect(rowNames()).toHaveLength(8));
    await userEvent.click(screen.getByTestId(testIds.trace.span('00000000000000a4')));
    const details = await screen.findByTestId(testIds.trace.details);
    expect(currentSearch().get('span')).toBe('00000000000000a4');
    expect(within(details).getByRole('heading', { name: 'pandera_validation' })).toBeInTheDocument();
    expect(details).toHaveTextContent('error: division by zero');
    expect(details).toHaveTextContent('rows.invalid3');
    expect(details).toHaveTextContent('host.nameworker-1');
    expect(details).toHaveTextContent('Events (1)');
    expect(details).toHaveTextContent('eventexception');
    expect(details).toHaveTextContent('Loki logs (1)');
    expect(details).toHaveTextContent('validation failed: 3 rows out of range');
    // pandera_validation (110..180 ms) lies on the critical path: merge ends last, then validation.
    expect(details).toHaveTextContent('critical path 70 ms');
    await userEvent.click(within(details).getByRole('button', { name: 'materialize fct_glucose_readings' }));
    await waitFor(() => expect(currentSearch().get('span')).toBe('00000000000000a1'));
  });

  it('shows a log line with how it was attached', async () => {
    render();
    await waitFor(() => expect(rowNames()).toHaveLength(8));
    await userEvent.click(screen.getAllByTestId(testIds.trace.log)[0]);
    const details = await screen.findByTestId(testIds.trace.details);
    expect(details).toHaveTextContent('fetched 487 rows');
    expect(details).toHaveTextContent('fetch_from_api (by time)');
  });

  it('opens a log line inline to its whole text, and closes it on a second click', async () => {
    render();
    await waitFor(() => expect(rowNames()).toHaveLength(8));
    const row = screen.getAllByTestId(testIds.trace.log)[0];
    await userEvent.click(row);
    await waitFor(() => expect(screen.getAllByTestId(testIds.trace.log)[0]).toHaveAttribute('aria-expanded', 'true'));
    expect(screen.getByTestId(testIds.trace.logFull)).toHaveTextContent('fetched 487 rows');
    await userEvent.click(screen.getAllByTestId(testIds.trace.log)[0]);
    await waitFor(() => expect(screen.queryByTestId(testIds.trace.logFull)).not.toBeInTheDocument());
  });

  it('is keyboard operable: arrows move, Left collapses, Enter opens details', async () => {
    render();
    await waitFor(() => expect(rowNames()).toHaveLength(8));
    const root = screen.getByTestId(testIds.trace.span('00000000000000a1'));
    root.focus();
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(screen.getByTestId(testIds.trace.span('00000000000000a2'))).toHaveFocus());
    await userEvent.keyboard('{ArrowLeft}');
    await waitFor(() => expect(rowNames()).toHaveLength(6));
    await userEvent.keyboard('{ArrowRight}');
    await waitFor(() => expect(rowNames()).toHaveLength(8));
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByTestId(testIds.trace.details)).toHaveTextContent('fetch_from_api');
  });

  it('keeps the waterfall when Loki fails and says so', async () => {
    installDataSources(
      new FakeCascadeDataSource({
        trace: (q) => [traceToFrame(TRACE, q.refId)],
        logs: () => ({ error: 'Loki: 502 Bad Gateway', backend: 'loki' }),
      })
    );
    render();
    await waitFor(() => expect(rowNames()).toHaveLength(5));
    expect(screen.getByTestId(testIds.sourceError('loki'))).toHaveTextContent('502 Bad Gateway');
    expect(screen.getByText('Loki failed: the spans are shown without their logs')).toBeInTheDocument();
  });

  it('shows the logs when Jaeger fails and names Jaeger', async () => {
    installDataSources(
      new FakeCascadeDataSource({
        trace: () => ({ error: 'trace abc123 not found', backend: 'jaeger' }),
        logs: (q) => [logsToFrame(LOGS, q.refId, LINKS)],
      })
    );
    render();
    expect(await screen.findByText('Jaeger could not return trace abc123')).toBeInTheDocument();
    expect(screen.getByTestId(testIds.sourceError('jaeger'))).toHaveTextContent('trace abc123 not found');
    await waitFor(() => expect(screen.getAllByTestId(testIds.trace.log)).toHaveLength(3));
  });

  it('offers the trace’s own time range when the trace lies outside the selected one', async () => {
    render('/a/cascade-pipeline-app/traces/abc123?from=now-1h&to=now');
    await userEvent.click(await screen.findByRole('button', { name: 'Use the trace’s time range' }));
    await waitFor(() => expect(currentSearch().get('from')).toBe(String(T0 - 60e3)));
    expect(currentSearch().get('to')).toBe(String(T0 + 320 + 60e3));
  });

  it('renders the real Jaeger SDK capture', async () => {
    const parsed = parseJaegerTraces(fixtureText('jaeger/trace_jaeger_sdk_real.json'));
    const real = parsed.ok ? parsed.value[0] : TRACE;
    installDataSources(new FakeCascadeDataSource({ trace: (q) => [traceToFrame(real, q.refId)], logs: () => [] }));
    render(`/a/cascade-pipeline-app/traces/${real.traceID}`);
    await waitFor(() => expect(rowNames()).toEqual(['loki-all CAS', 'loki-all CAS loop']));
  });
});

describe('TracePage search', () => {
  beforeEach(() => {
    installDataSources(new FakeCascadeDataSource({ traces: (q) => [tracesToFrame(TRACES, q.refId, LINKS)] }));
  });

  it('lists recent traces failed first, linking to the drill-down', async () => {
    renderInApp(<TracePage />, { url: '/a/cascade-pipeline-app/traces', route: 'traces/:traceId?' });
    const recent = await screen.findByTestId(testIds.trace.recent);
    const links = await within(recent).findAllByRole('link', { name: /Open trace/ });
    expect(links.map((l) => l.textContent)).toEqual(['abc123', 'ok-new', 'ok-old']);
    expect(links[0]).toHaveAttribute('href', '/a/cascade-pipeline-app/traces/abc123');
  });

  it('filters the list by status and asset through the URL, asking the backend for that asset', async () => {
    const ds = new FakeCascadeDataSource({ traces: (q) => [tracesToFrame(TRACES, q.refId, LINKS)] });
    installDataSources(ds);
    renderInApp(<TracePage />, {
      url: '/a/cascade-pipeline-app/traces?asset=fct_glucose_readings&status=error',
      route: 'traces/:traceId?',
    });
    const recent = await screen.findByTestId(testIds.trace.recent);
    await waitFor(() =>
      expect(
        within(recent)
          .getAllByRole('link', { name: /Open trace/ })
          .map((l) => l.textContent)
      ).toEqual(['abc123'])
    );
    expect(ds.targets('traces')[0]).toMatchObject({ assets: ['fct_glucose_readings'] });
    await userEvent.click(screen.getByRole('radio', { name: 'OK' }));
    await waitFor(() => expect(currentSearch().get('status')).toBe('ok'));
    await waitFor(() =>
      expect(
        within(recent)
          .getAllByRole('link', { name: /Open trace/ })
          .map((l) => l.textContent)
      ).toEqual(['ok-new', 'ok-old'])
    );
  });

  it('opens a valid trace id and rejects an invalid one', async () => {
    renderInApp(<TracePage />, { url: '/a/cascade-pipeline-app/traces?from=now-1h&to=now', route: 'traces/:traceId?' });
    const input = await screen.findByTestId(testIds.trace.search);
    await userEvent.type(input, 'not-a-trace{Enter}');
    expect(await screen.findByText('A trace id is 1 to 32 hexadecimal digits')).toBeInTheDocument();
    await userEvent.clear(input);
    await userEvent.type(input, '5B8EFFF798038103D269B633813FC60C{Enter}');
    await waitFor(() =>
      expect(locationService.getLocation().pathname).toBe(
        '/a/cascade-pipeline-app/traces/5b8efff798038103d269b633813fc60c'
      )
    );
    expect(currentSearch().get('from')).toBe('now-1h');
  });
});
