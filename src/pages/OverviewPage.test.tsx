import { screen, waitFor, within } from '@testing-library/react';
import { DataFrame, DataQueryRequest } from '@grafana/data';
import { CascadeQuery } from '../datasource/types';
import userEvent from '@testing-library/user-event';
import { FakeCascadeDataSource, currentSearch, installDataSources, renderInApp } from '../testing/testUtils';
import { pipelineHandlers } from '../testing/testPipeline';
import { testIds } from '../testIds';
import OverviewPage from './OverviewPage';

// Grafana's data source registry only exists inside Grafana: the fake Cascade data source is
// installed with Grafana's own setDataSourceSrv (see testUtils). Everything else is real.

const render = (url = '/a/cascade-pipeline-app/overview', settings = {}) =>
  renderInApp(<OverviewPage />, { url, settings });

describe('OverviewPage', () => {
  let ds: FakeCascadeDataSource;
  beforeEach(() => {
    ds = new FakeCascadeDataSource(pipelineHandlers());
    installDataSources(ds);
  });

  it('shows the pipeline status with its reason and links the assets behind it', async () => {
    render();
    const status = await screen.findByTestId(testIds.overview.pipelineStatus);
    await waitFor(() =>
      expect(within(status).getByRole('group', { name: 'Pipeline status: FAILING' })).toBeInTheDocument()
    );
    expect(
      within(status).getByText('1 asset failing: fct_glucose_readings (last run failed: division by zero)')
    ).toBeInTheDocument();
    expect(within(status).getByRole('link', { name: 'fct_glucose_readings' })).toHaveAttribute(
      'href',
      '/a/cascade-pipeline-app/assets/fct_glucose_readings'
    );
  });

  it('shows the worst freshness against its SLA and the quality score from the latest check results', async () => {
    render();
    const freshness = await screen.findByTestId(testIds.overview.freshness);
    await waitFor(() =>
      expect(within(freshness).getByRole('group', { name: /Worst data freshness: 3/ })).toBeInTheDocument()
    );
    expect(freshness).toHaveTextContent('stg_glucose_entries last updated 3h ago (SLA 2h, critical after 4h)');
    const quality = screen.getByTestId(testIds.overview.quality);
    expect(
      within(quality).getByRole('group', { name: 'Quality score (lowest pass rate): 90.00%' })
    ).toBeInTheDocument();
    expect(quality).toHaveTextContent(
      'Average 96.50% over 3 checks, 1 below 95%. Worst: glucose_range_check on fct_glucose_readings.'
    );
  });

  it('flags assets slower than their own baseline, measured over a longer window', async () => {
    render('/a/cascade-pipeline-app/overview?from=now-6h&to=now');
    const table = await screen.findByTestId(testIds.overview.executionTimes);
    await waitFor(() => expect(within(table).getByText('slow 1.66×')).toBeInTheDocument());
    const rows = within(table).getAllByRole('row');
    expect(within(rows[1]).getByRole('link', { name: 'publish_to_postgres' })).toBeInTheDocument();
    const baseline = ds.requests.find((r) => r.targets.some((t) => t.refId === 'baselineAvg'))!;
    expect(baseline.targets.map((t) => [t.queryType, t.metric, t.stat])).toEqual([
      ['metrics', 'duration', 'avg'],
      ['metrics', 'duration', 'p95'],
    ]);
    expect(baseline.range.to.valueOf() - baseline.range.from.valueOf()).toBe(7 * 86400e3);
    expect(baseline.maxDataPoints).toBe(28);
    expect(baseline.intervalMs).toBeGreaterThanOrEqual(6 * 3600e3);
  });

  it('lists quality checks worst first, active alerts firing first and resource utilization', async () => {
    render();
    const checks = await screen.findByTestId(testIds.overview.checks);
    await waitFor(() => expect(within(checks).getAllByRole('row')).toHaveLength(4));
    expect(within(within(checks).getAllByRole('row')[1]).getByText('glucose_range_check')).toBeInTheDocument();
    expect(within(checks).getByRole('meter', { name: 'glucose_range_check pass rate' })).toHaveAttribute(
      'aria-valuenow',
      '90'
    );

    const alerts = screen.getByTestId(testIds.overview.alerts);
    const items = within(alerts).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Data validation failed for fct_glucose_readings');
    expect(items[0]).toHaveTextContent('FIRING');
    expect(items[1]).toHaveTextContent('PENDING');
    expect(within(items[1]).getByRole('link', { name: 'stg_glucose_entries' })).toBeInTheDocument();

    const resources = screen.getByTestId(testIds.overview.resources);
    expect(within(resources).getByRole('meter', { name: 'Memory' })).toHaveAttribute('aria-valuenow', '92');
    expect(within(resources).getByRole('group', { name: 'Healthy containers: 4 / 5' })).toBeInTheDocument();
    expect(within(resources).getByRole('group', { name: 'Lake size: 280.0 GB' })).toBeInTheDocument();
  });

  it('passes the app rules to the health query and keeps the time range in the URL', async () => {
    const rules = {
      minPassRate: 99,
      freshnessOverrides: { stg_glucose_entries: { warningSeconds: 3600, criticalSeconds: 7200 } },
    };
    render('/a/cascade-pipeline-app/overview?from=now-24h&to=now', { rules });
    await screen.findByTestId(testIds.overview.container);
    await waitFor(() => expect(ds.targets('health')).toHaveLength(1));
    expect(ds.targets('health')[0].rules).toEqual(rules);
    const request = ds.requests.find((r) => r.targets.some((t) => t.refId === 'health'))!;
    expect(request.range.to.valueOf() - request.range.from.valueOf()).toBe(24 * 3600e3);
    expect(request.rangeRaw).toEqual({ from: 'now-24h', to: 'now' });
  });

  it('keeps the other sections when one query fails and names the failing backend', async () => {
    ds = new FakeCascadeDataSource({
      ...pipelineHandlers(),
      alerts: () => ({ error: 'Prometheus: 503 service unavailable', backend: 'prometheus' }),
    });
    installDataSources(ds);
    render();
    const error = await screen.findByTestId(testIds.sourceError('prometheus'));
    expect(error).toHaveTextContent('Prometheus: 503 service unavailable');
    expect(screen.getByTestId(testIds.overview.alerts)).toHaveTextContent('No data: Prometheus is unavailable');
    expect(
      within(screen.getByTestId(testIds.overview.pipelineStatus)).getByRole('group', {
        name: 'Pipeline status: FAILING',
      })
    ).toBeInTheDocument();
  });

  it('Prometheus down: Freshness and Quality say Prometheus is unavailable; Loki down leaves them alone', async () => {
    for (const backend of ['prometheus', 'loki'] as const) {
      const handlers = pipelineHandlers();
      const withError = (t: CascadeQuery, r: DataQueryRequest<CascadeQuery>) => ({
        error: `${backend}: HTTP 502`,
        backend,
        data: handlers.health!(t, r) as DataFrame[],
      });
      ds = new FakeCascadeDataSource({ ...handlers, health: withError, incidents: withError });
      installDataSources(ds);
      const { unmount } = render();
      await screen.findByTestId(testIds.sourceError(backend));
      for (const id of [testIds.overview.freshness, testIds.overview.quality]) {
        if (backend === 'prometheus') {
          expect(screen.getByTestId(id)).toHaveTextContent('No data: Prometheus is unavailable');
        } else {
          expect(screen.getByTestId(id)).not.toHaveTextContent('unavailable');
        }
      }
      unmount();
    }
  });

  it('says so when no Cascade data source exists', async () => {
    installDataSources();
    render();
    expect(await screen.findByTestId(testIds.sourceError('cascade'))).toHaveTextContent(
      'No Cascade data source is configured'
    );
  });

  it('refreshes on demand', async () => {
    render();
    await screen.findByTestId(testIds.overview.container);
    await waitFor(() => expect(ds.targets('health')).toHaveLength(1));
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(ds.targets('health')).toHaveLength(2));
    expect(currentSearch().get('from')).toBeNull();
  });
  it('leads with incidents: the root cause, what it impacts and who to notify, linked', async () => {
    render();
    const incidents = await screen.findByTestId(testIds.overview.incidents);
    await waitFor(() => expect(within(incidents).getByRole('list', { name: 'Incidents' })).toBeInTheDocument());
    // Incidents come before the pipeline status: the page leads with them.
    const status = screen.getByTestId(testIds.overview.pipelineStatus);
    expect(incidents.compareDocumentPosition(status) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(
      within(incidents).getByText(/^stg_glucose_entries stale( since \d\d:\d\d)? → 1 asset impacted, 1 owner/)
    ).toBeInTheDocument();
    expect(within(incidents).getByRole('link', { name: 'fct_glucose_readings' })).toHaveAttribute(
      'href',
      '/a/cascade-pipeline-app/assets/fct_glucose_readings'
    );
    const request = ds.requests.find((r) => r.targets.some((t) => t.refId === 'incidents'))!;
    expect(request.targets.find((t) => t.refId === 'incidents')?.queryType).toBe('incidents');
  });
});
