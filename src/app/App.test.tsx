import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { healthToFrame } from '../frames/healthFrame';
import { ROUTES } from '../constants';
import { testIds } from '../testIds';
import { appMeta, FakeCascadeDataSource, installDataSources, renderInApp } from '../testing/testUtils';
import { LINKS, pipelineHandlers, ROWS } from '../testing/testPipeline';
import pluginJson from '../../plugin.json';
import App from './App';

// Grafana's data source registry only exists inside Grafana; the fake Cascade data source is
// installed with Grafana's own setDataSourceSrv (testUtils). Pages load as real lazy chunks.

jest.setTimeout(20000);

const open = (path: string) =>
  renderInApp(
    <App meta={appMeta()} basename="/a/cascade-pipeline-app" query={{}} path={path} onNavChanged={() => {}} />,
    { url: path }
  );

describe('App routes', () => {
  beforeEach(() => installDataSources(new FakeCascadeDataSource(pipelineHandlers())));

  it.each([
    ['/a/cascade-pipeline-app', testIds.overview.container],
    ['/a/cascade-pipeline-app/overview', testIds.overview.container],
    ['/a/cascade-pipeline-app/no-such-page', testIds.overview.container],
    ['/a/cascade-pipeline-app/freshness', testIds.freshness.container],
    ['/a/cascade-pipeline-app/assets', testIds.assets.container],
    ['/a/cascade-pipeline-app/assets/fct_glucose_readings', testIds.asset.container],
    ['/a/cascade-pipeline-app/lineage', testIds.lineage.container],
    ['/a/cascade-pipeline-app/traces', testIds.trace.container],
    ['/a/cascade-pipeline-app/traces/abc123', testIds.trace.container],
    ['/a/cascade-pipeline-app/compare?asset=fct_glucose_readings&trace=abc123', testIds.compare.container],
  ])('%s renders its page', async (path, container) => {
    open(path);
    expect(await screen.findByTestId(container, {}, { timeout: 10000 })).toBeInTheDocument();
  });

  it('navigates from the asset list to an asset with an odd name and queries exactly that name', async () => {
    const odd = 'marts/fct "odd" name%';
    const ds = new FakeCascadeDataSource({
      ...pipelineHandlers(),
      health: (q) => [healthToFrame([{ ...ROWS[0], asset: odd }], q.refId, LINKS)],
      // The asset list reads the diagnosed rows (the incidents query's health frame).
      incidents: (q) => [healthToFrame([{ ...ROWS[0], asset: odd }], q.refId, LINKS)],
    });
    installDataSources(ds);
    open('/a/cascade-pipeline-app/assets');
    const table = await screen.findByTestId(testIds.assets.table, {}, { timeout: 10000 });
    await userEvent.click(await within(table).findByRole('link', { name: odd }));
    expect(await screen.findByTestId(testIds.asset.container, {}, { timeout: 10000 })).toBeInTheDocument();
    await waitFor(() =>
      expect(
        ds
          .targets('health')
          .filter((t) => t.refId === 'health' && t.assets?.length)
          .at(-1)?.assets
      ).toEqual([odd])
    );
  });

  it('has a nav page in plugin.json for every top-level route, and no other app pages', () => {
    const appPages = pluginJson.includes
      .filter((i) => i.type === 'page' && i.path?.startsWith('/a/'))
      .map((i) => i.path);
    expect(appPages.sort()).toEqual(
      Object.values(ROUTES)
        .map((r) => `/a/%PLUGIN_ID%/${r}`)
        .sort()
    );
    expect(pluginJson.includes.find((i) => i.type === 'page' && i.name === 'Overview')).toMatchObject({
      defaultNav: true,
    });
  });
});
