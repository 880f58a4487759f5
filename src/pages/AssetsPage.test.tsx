import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { currentSearch, FakeCascadeDataSource, installDataSources, renderInApp } from '../testing/testUtils';
import { pipelineHandlers } from '../testing/testPipeline';
import { testIds } from '../testIds';
import AssetsPage from './AssetsPage';

// Grafana's data source registry only exists inside Grafana; the fake Cascade data source is
// installed with Grafana's own setDataSourceSrv (testUtils). Routing and URL state are real.

jest.setTimeout(15000);

const assetLinks = () =>
  within(screen.getByTestId(testIds.assets.table))
    .getAllByRole('link')
    .map((a) => a.textContent);

describe('AssetsPage', () => {
  beforeEach(() => installDataSources(new FakeCascadeDataSource(pipelineHandlers())));

  it('lists every asset most urgent first with status, why and links', async () => {
    renderInApp(<AssetsPage />, { url: '/a/cascade-pipeline-app/assets' });
    await waitFor(() => expect(assetLinks()).toHaveLength(4));
    expect(assetLinks()).toEqual([
      'fct_glucose_readings',
      'stg_glucose_entries',
      'publish_to_postgres',
      'dlt_glucose_entries',
    ]);
    const first = within(screen.getByTestId(testIds.assets.table)).getAllByRole('row')[1];
    expect(first).toHaveTextContent('FAILING');
    expect(first).toHaveTextContent('last run failed: division by zero; validation pass rate 90% < 95%');
    expect(within(first).getByRole('link')).toHaveAttribute(
      'href',
      '/a/cascade-pipeline-app/assets/fct_glucose_readings'
    );
    expect(screen.getByRole('heading', { name: 'Assets (4)' })).toBeInTheDocument();
    // Rows per run and the change against the volume rule's usual; '–' for an asset without them.
    expect(screen.getByRole('columnheader', { name: /Rows per run\s*\(vs usual\)/ })).toBeInTheDocument();
    expect(first).toHaveTextContent('10,000 (\u22122%)');
    expect(within(screen.getByTestId(testIds.assets.table)).getAllByRole('row')[2]).toHaveTextContent('–');
  });

  it('filters by status and search, in the URL', async () => {
    renderInApp(<AssetsPage />, { url: '/a/cascade-pipeline-app/assets' });
    await waitFor(() => expect(assetLinks()).toHaveLength(4));
    const user = userEvent.setup({ delay: null });
    await user.click(screen.getByRole('radio', { name: 'stale (1)' }));
    expect(assetLinks()).toEqual(['stg_glucose_entries']);
    expect(currentSearch().get('status')).toBe('stale');
    await user.click(screen.getByRole('radio', { name: 'All' }));
    await user.type(screen.getByRole('textbox', { name: 'Search assets' }), 'ingest');
    expect(assetLinks()).toEqual(['dlt_glucose_entries']);
    expect(screen.getByRole('heading', { name: 'Assets (1 of 4)' })).toBeInTheDocument();
  });

  it('focuses the search box when the link asks for it (the command palette entry)', async () => {
    renderInApp(<AssetsPage />, { url: '/a/cascade-pipeline-app/assets?focus=search' });
    await waitFor(() => expect(assetLinks()).toHaveLength(4));
    expect(screen.getByRole('textbox', { name: 'Search assets' })).toHaveFocus();
  });

  it('leaves the focus alone otherwise', async () => {
    renderInApp(<AssetsPage />, { url: '/a/cascade-pipeline-app/assets' });
    await waitFor(() => expect(assetLinks()).toHaveLength(4));
    expect(screen.getByRole('textbox', { name: 'Search assets' })).not.toHaveFocus();
  });

  it('reproduces a filtered view from a deep link', async () => {
    renderInApp(<AssetsPage />, { url: '/a/cascade-pipeline-app/assets?layer=gold' });
    await waitFor(() => expect(assetLinks()).toEqual(['fct_glucose_readings', 'publish_to_postgres']));
  });
});
