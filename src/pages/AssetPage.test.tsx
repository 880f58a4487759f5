import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { currentSearch, FakeCascadeDataSource, installDataSources, renderInApp } from '../testing/testUtils';
import { pipelineHandlers } from '../testing/testPipeline';
import { testIds } from '../testIds';
import AssetPage from './AssetPage';

// Grafana's data source registry only exists inside Grafana; the fake Cascade data source is
// installed with Grafana's own setDataSourceSrv (testUtils). Routing and URL state are real.

jest.setTimeout(30000);

const ASSET_URL = '/a/cascade-pipeline-app/assets/fct_glucose_readings?from=now-24h&to=now';
const render = (url = ASSET_URL, settings = {}) =>
  renderInApp(<AssetPage />, { url, route: 'assets/:asset', settings });

describe('AssetPage', () => {
  let ds: FakeCascadeDataSource;
  beforeEach(() => {
    ds = new FakeCascadeDataSource(pipelineHandlers());
    installDataSources(ds);
  });

  it('queries only this asset and shows its status, reasons and facts', async () => {
    render();
    const status = await screen.findByTestId(testIds.asset.status);
    await waitFor(() => expect(within(status).getByRole('group', { name: 'Status: FAILING' })).toBeInTheDocument());
    expect(within(status).getByRole('list', { name: 'Why' })).toHaveTextContent('last run failed: division by zero');
    expect(status).toHaveTextContent('data-platform-team');
    expect(status).toHaveTextContent('gold');
    expect(status).toHaveTextContent('487,239');
    expect(status).toHaveTextContent('division by zero');
    const targets = ds.requests[0].targets;
    expect(targets.every((t) => t.assets?.length === 1 && t.assets[0] === 'fct_glucose_readings')).toBe(true);
    expect(targets.map((t) => [t.refId, t.queryType, t.metric, t.stat])).toEqual([
      ['health', 'health', undefined, undefined],
      ['avg', 'metrics', 'duration', 'avg'],
      ['p95', 'metrics', 'duration', 'p95'],
      ['p99', 'metrics', 'duration', 'p99'],
      ['checks', 'metrics', 'passRate', undefined],
      ['rows', 'metrics', 'rows', undefined],
      ['runs', 'metrics', 'runs', undefined],
      ['traces', 'traces', undefined, undefined],
    ]);
  });

  it('shows rows per run against the usual the volume rule uses, and their chart', async () => {
    render();
    const volume = await screen.findByTestId(testIds.asset.volume);
    await waitFor(() => expect(volume).toHaveTextContent('10,000 rows per run, usually 10,200 (\u22122%)'));
    expect(volume).toHaveTextContent('usual = the same 24 h one day and one week earlier');
    expect(within(volume).queryByRole('list', { name: 'Volume anomalies' })).not.toBeInTheDocument();
    const chart = within(volume).getByRole('figure', { name: 'Rows per run over time' });
    expect(within(chart).getByText('rows per run')).toBeInTheDocument();
    expect(within(chart).getByText('usual')).toBeInTheDocument();
  });

  it('shows runs, successes, failures and runtimes with a duration chart', async () => {
    render();
    const runs = await screen.findByTestId(testIds.asset.runs);
    await waitFor(() => expect(within(runs).getByRole('group', { name: 'Runs: 288' })).toBeInTheDocument());
    expect(within(runs).getByRole('group', { name: 'Successes: 285 (98.96%)' })).toBeInTheDocument();
    expect(within(runs).getByRole('group', { name: 'Failures: 3 (1.04%)' })).toBeInTheDocument();
    expect(within(runs).getByRole('group', { name: 'Avg runtime: 320 ms' })).toBeInTheDocument();
    expect(within(runs).getByRole('group', { name: 'p95 runtime: 580 ms' })).toBeInTheDocument();
    expect(within(runs).getByRole('group', { name: 'p99 runtime: 950 ms' })).toBeInTheDocument();
    const chart = within(runs).getByRole('figure', { name: 'Execution time (avg, p95, p99)' });
    expect(within(chart).getByText('p95')).toBeInTheDocument();
  });

  it('lists quality checks, and upstream and downstream assets with their status', async () => {
    render();
    const checks = await screen.findByTestId(testIds.asset.checks);
    await waitFor(() =>
      expect(within(checks).getByRole('meter', { name: 'glucose_range_check pass rate' })).toHaveAttribute(
        'aria-valuenow',
        '90'
      )
    );
    const lineage = screen.getByTestId(testIds.asset.lineage);
    expect(
      within(within(lineage).getByRole('list', { name: 'Upstream' })).getByRole('link', { name: 'stg_glucose_entries' })
    ).toHaveAttribute('href', '/a/cascade-pipeline-app/assets/stg_glucose_entries?from=now-24h&to=now');
    expect(lineage).toHaveTextContent('fct_glucose_readings is failing: 1 downstream asset depends on it.');
    await waitFor(() =>
      expect(within(lineage).getByLabelText('Status stale, warning: not updated for 3h (SLA 2h)')).toBeInTheDocument()
    );
    expect(ds.targets('health').find((t) => t.refId === 'neighbours')?.assets).toEqual([
      'stg_glucose_entries',
      'publish_to_postgres',
    ]);
  });

  it('shows the logs with clickable trace ids, filters by level and search through the query and the URL', async () => {
    render();
    const logs = await screen.findByTestId(testIds.asset.logs);
    await waitFor(() => expect(within(logs).getAllByRole('link', { name: 'Open trace abc123' })).toHaveLength(2));
    expect(within(logs).getAllByRole('link', { name: 'Open trace abc123' })[0]).toHaveAttribute(
      'href',
      '/a/cascade-pipeline-app/traces/abc123?from=now-24h&to=now'
    );
    const user = userEvent.setup({ delay: null });
    await user.click(within(logs).getByRole('radio', { name: 'Error' }));
    await waitFor(() => expect(within(logs).getAllByRole('row')).toHaveLength(2));
    expect(ds.targets('logs').at(-1)).toMatchObject({ level: 'error', assets: ['fct_glucose_readings'], limit: 1000 });
    expect(currentSearch().get('level')).toBe('error');
    await user.click(within(logs).getByRole('radio', { name: 'All levels' }));
    await user.type(within(logs).getByRole('textbox', { name: 'Search log lines' }), 'merge');
    await waitFor(() => expect(ds.targets('logs').at(-1)).toMatchObject({ search: 'merge' }));
    expect(currentSearch().get('search')).toBe('merge');
    await waitFor(() =>
      expect(within(logs).getByText('merge_started table=marts.fct_glucose_readings')).toBeInTheDocument()
    );
  });

  it('lists failed traces first, each linking to the drill-down', async () => {
    render();
    const traces = await screen.findByTestId(testIds.asset.traces);
    await waitFor(() => expect(within(traces).getAllByRole('row')).toHaveLength(4));
    const rows = within(traces).getAllByRole('row').slice(1);
    expect(within(rows[0]).getByRole('link', { name: 'Open trace abc123' })).toBeInTheDocument();
    expect(rows[0]).toHaveTextContent('Failed');
    expect(within(rows[1]).getByRole('link', { name: 'Open trace ok-new' })).toBeInTheDocument();
    expect(ds.targets('traces')[0]).toMatchObject({ assets: ['fct_glucose_readings'], limit: 50 });
  });

  it('reaches the failed traces in one click from the header', async () => {
    render();
    const button = await screen.findByTestId(testIds.asset.failedTraces);
    await waitFor(() => expect(button).toHaveTextContent('Failed traces (1)'));
    const href = new URL(button.getAttribute('href')!, 'http://grafana');
    expect(href.pathname).toBe('/a/cascade-pipeline-app/traces');
    expect(Object.fromEntries(href.searchParams)).toMatchObject({
      asset: 'fct_glucose_readings',
      status: 'error',
      from: 'now-24h',
    });
  });

  it('compares its newest failed run with the last good run in one click', async () => {
    render();
    const button = await screen.findByTestId(testIds.compare.link);
    expect(button).toHaveTextContent('Compare with last good run');
    const href = new URL(button.getAttribute('href')!, 'http://grafana');
    expect(href.pathname).toBe('/a/cascade-pipeline-app/compare');
    expect(Object.fromEntries(href.searchParams)).toMatchObject({
      asset: 'fct_glucose_readings',
      trace: 'abc123',
      from: 'now-24h',
    });
  });

  it('links to Dagster when configured and to Explore for each signal', async () => {
    render(ASSET_URL, { dagsterUrl: 'http://dagster:3000' });
    const links = await screen.findByTestId(testIds.asset.links);
    expect(within(links).getByRole('link', { name: /Open in Dagster/ })).toHaveAttribute(
      'href',
      'http://dagster:3000/assets/fct_glucose_readings'
    );
    const explore = within(links).getByRole('link', { name: /Logs in Explore/ });
    const panes = JSON.parse(new URL(explore.getAttribute('href')!, 'http://grafana').searchParams.get('panes')!);
    expect(panes.cascade.datasource).toBe('loki-uid');
    expect(panes.cascade.queries[0].expr).toBe('{job="dagster"} | json | asset_name="fct_glucose_readings"');
    expect(panes.cascade.range).toEqual({ from: 'now-24h', to: 'now' });
    expect(within(links).getByRole('link', { name: /Metrics in Explore/ })).toBeInTheDocument();
    expect(within(links).getByRole('link', { name: /Traces in Explore/ })).toBeInTheDocument();
  });

  it('keeps metrics and traces when Loki fails, naming Loki', async () => {
    ds = new FakeCascadeDataSource({
      ...pipelineHandlers(),
      logs: () => ({ error: 'Loki: 502 Bad Gateway', backend: 'loki' }),
    });
    installDataSources(ds);
    render();
    expect(await screen.findByTestId(testIds.sourceError('loki'))).toHaveTextContent('Loki: 502 Bad Gateway');
    expect(screen.getByTestId(testIds.asset.logs)).toHaveTextContent('No data: Loki is unavailable');
    await waitFor(() => expect(within(screen.getByTestId(testIds.asset.traces)).getAllByRole('row')).toHaveLength(4));
    expect(
      within(screen.getByTestId(testIds.asset.status)).getByRole('group', { name: 'Status: FAILING' })
    ).toBeInTheDocument();
  });

  it('decodes odd asset names from the path', async () => {
    const name = 'marts/fct "odd" name';
    render(`/a/cascade-pipeline-app/assets/${encodeURIComponent(name)}`);
    await screen.findByTestId(testIds.asset.status);
    await waitFor(() => expect(ds.targets('health')[0]?.assets).toEqual([name]));
    expect(screen.getByTestId(testIds.asset.status)).toHaveTextContent(`No signals for ${name} in the time range`);
  });
  it('says what caused this asset to be unhealthy, linked', async () => {
    render();
    const causes = await screen.findByLabelText('Incidents of fct_glucose_readings');
    expect(causes).toHaveTextContent('Caused by stg_glucose_entries');
    expect(within(causes).getByRole('link', { name: 'stg_glucose_entries' })).toHaveAttribute(
      'href',
      expect.stringContaining('/a/cascade-pipeline-app/assets/stg_glucose_entries')
    );
    expect(ds.targets('incidents')[0].assets).toBeUndefined();
  });
});
