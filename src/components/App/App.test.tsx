import { screen } from '@testing-library/react';
import { ROUTES } from '../../constants';
import { testIds } from '../../testIds';
import { appMeta, FakeCascadeDataSource, installDataSources, renderInApp } from '../common/testUtils';
import { pipelineHandlers } from '../common/testPipeline';
import pluginJson from '../../../plugin.json';
import App from './App';

// Grafana's data source registry only exists inside Grafana; the fake Cascade data source is
// installed with Grafana's own setDataSourceSrv (testUtils). Pages load as real lazy chunks.

jest.setTimeout(20000);

const open = (path: string) => renderInApp(<App meta={appMeta()} basename="/a/cascade-pipeline-app" query={{}} path={path} onNavChanged={() => {}} />, { url: path });

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
  ])('%s renders its page', async (path, container) => {
    open(path);
    expect(await screen.findByTestId(container, {}, { timeout: 10000 })).toBeInTheDocument();
  });

  it('has a nav page in plugin.json for every top-level route, and no other app pages', () => {
    const appPages = pluginJson.includes.filter((i) => i.type === 'page' && i.path?.startsWith('/a/')).map((i) => i.path);
    expect(appPages.sort()).toEqual(Object.values(ROUTES).map((r) => `/a/%PLUGIN_ID%/${r}`).sort());
    expect(pluginJson.includes.find((i) => i.type === 'page' && i.name === 'Overview')).toMatchObject({ defaultNav: true });
  });
});
