import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { currentSearch, FakeCascadeDataSource, installDataSources, renderInApp } from '../testing/testUtils';
import { NOW, pipelineHandlers } from '../testing/testPipeline';
import { testIds } from '../testIds';
import FreshnessPage from './FreshnessPage';

// Grafana's data source registry only exists inside Grafana; the fake Cascade data source is
// installed with Grafana's own setDataSourceSrv (testUtils). Routing and URL state are real.

jest.setTimeout(15000);

const RANGE = `from=${NOW - 20 * 60e3}&to=${NOW + 10 * 60e3}`;
const rules = { freshnessOverrides: { dlt_glucose_entries: { warningSeconds: 300, criticalSeconds: 480 } } };
const gauges = () => screen.getAllByRole('article').map((a) => a.getAttribute('data-testid'));

describe('FreshnessPage', () => {
  let ds: FakeCascadeDataSource;
  beforeEach(() => {
    ds = new FakeCascadeDataSource(pipelineHandlers());
    installDataSources(ds);
  });

  it('shows one gauge per asset, most urgent first, each SLA from the app config', async () => {
    renderInApp(<FreshnessPage />, { url: `/a/cascade-pipeline-app/freshness?${RANGE}`, settings: { rules } });
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(4));
    // dlt is 10 min old on an 8 min critical override; stg is 3h old on the 2h default; then by age.
    expect(gauges()).toEqual([
      testIds.freshness.gauge('dlt_glucose_entries'),
      testIds.freshness.gauge('stg_glucose_entries'),
      testIds.freshness.gauge('fct_glucose_readings'),
      testIds.freshness.gauge('publish_to_postgres'),
    ]);
    expect(ds.targets('health')[0].rules).toEqual(rules);
    const dlt = screen.getByTestId(testIds.freshness.gauge('dlt_glucose_entries'));
    expect(dlt).toHaveTextContent('warning after 5m, critical after 8m (per-asset override)');
    const stg = screen.getByTestId(testIds.freshness.gauge('stg_glucose_entries'));
    expect(within(stg).getByRole('meter', { name: 'Age of stg_glucose_entries' })).toHaveAttribute(
      'aria-valuenow',
      '10800'
    );
    expect(stg).toHaveTextContent('warning after 2h, critical after 4h (default)');
    // The age query sits behind an Explore link on the Prometheus data source, not printed on the card.
    const explore = within(stg).getByRole('link', { name: 'now − last update' });
    expect(explore).toHaveAttribute(
      'title',
      'Open in Explore: time() - asset_last_update_timestamp{asset_name="stg_glucose_entries"}'
    );
    expect(decodeURIComponent(explore.getAttribute('href')!)).toContain(
      '"expr":"time() - asset_last_update_timestamp{asset_name=\\"stg_glucose_entries\\"}"'
    );
    expect(stg).toHaveTextContent('= 3h');
  });

  it('computes SLA compliance over the range from the freshness metric', async () => {
    renderInApp(<FreshnessPage />, { url: `/a/cascade-pipeline-app/freshness?${RANGE}` });
    const stg = await screen.findByTestId(testIds.freshness.gauge('stg_glucose_entries'));
    // stg: 1h, ~2h, 3h at 10 min steps over a 30 min range: 2 of 3 steps within the 2h SLA.
    await waitFor(() =>
      expect(stg).toHaveTextContent(
        'within SLA 66.7% of the time (within critical 100.0%), data for 100.0% of the range'
      )
    );
    expect(ds.targets('metrics')[0]).toMatchObject({ metric: 'freshness', refId: 'freshness' });
    expect(screen.getByText(/SLA compliance over the range: 91.7%/)).toBeInTheDocument();
  });

  it('filters by name and level, keeping both in the URL', async () => {
    renderInApp(<FreshnessPage />, { url: `/a/cascade-pipeline-app/freshness?${RANGE}` });
    await waitFor(() => expect(screen.getAllByRole('article')).toHaveLength(4));
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('radio', { name: 'Warning (1)' }));
    expect(gauges()).toEqual([testIds.freshness.gauge('stg_glucose_entries')]);
    expect(currentSearch().get('level')).toBe('warning');
    await user.click(screen.getByRole('radio', { name: 'All' }));
    await user.type(screen.getByRole('textbox', { name: 'Search assets' }), 'fct');
    expect(gauges()).toEqual([testIds.freshness.gauge('fct_glucose_readings')]);
    expect(currentSearch().get('q')).toBe('fct');
  });

  it('reproduces the view from a deep link', async () => {
    renderInApp(<FreshnessPage />, { url: `/a/cascade-pipeline-app/freshness?${RANGE}&q=glucose&level=ok` });
    await waitFor(() =>
      expect(gauges()).toEqual([
        testIds.freshness.gauge('fct_glucose_readings'),
        testIds.freshness.gauge('dlt_glucose_entries'),
      ])
    );
    expect(screen.getByRole('textbox', { name: 'Search assets' })).toHaveValue('glucose');
  });

  it('names the failing backend and keeps the page', async () => {
    installDataSources(
      new FakeCascadeDataSource({ health: () => ({ error: 'Prometheus: connection refused', backend: 'prometheus' }) })
    );
    renderInApp(<FreshnessPage />);
    expect(await screen.findByTestId(testIds.sourceError('prometheus'))).toHaveTextContent('connection refused');
    expect(screen.getByTestId(testIds.freshness.container)).toHaveTextContent('No data: Prometheus is unavailable');
  });
  it('shows the forecast soonest SLA breach first, in words, blocked assets naming their root cause', async () => {
    renderInApp(<FreshnessPage />, { url: `/a/cascade-pipeline-app/freshness?${RANGE}`, settings: { rules } });
    const section = await screen.findByTestId(testIds.freshness.forecast);
    const items = await waitFor(() => {
      const li = within(section).getAllByRole('listitem');
      expect(li.length).toBeGreaterThan(2);
      return li;
    });
    // stg passed its 2 h SLA 1 h ago, dlt its 5 min override 5 min ago; fct waits for stg, a root cause.
    expect(within(items[0]).getByRole('link', { name: 'stg_glucose_entries' })).toBeInTheDocument();
    expect(within(items[1]).getByRole('link', { name: 'dlt_glucose_entries' })).toBeInTheDocument();
    const fct = items.find((i) => within(i).queryByRole('link', { name: 'fct_glucose_readings' }))!;
    expect(fct).toHaveTextContent('blocked by stg_glucose_entries');
    expect(ds.targets('incidents')[0].rules).toEqual(rules);
  });
});
