import { expect, test } from '@grafana/plugin-e2e';

import { PLUGIN_ID } from '../../src/constants';
import { ASSETS, MIDDLE_ASSET, screenshot, trackProxyRequests } from './helpers';

// Dashboards built on the Cascade data source: the provisioned operations dashboard, and the asset
// dashboard bundled in the plugin (imported the way the app's Dashboards tab imports it).
// Panels query through Grafana's data source proxy, so waiting means waiting for proxy requests.

test.describe('Cascade dashboards in Grafana', () => {
  test('the provisioned operations dashboard shows Cascade data in its panels', async ({
    readProvisionedDashboard,
    gotoDashboardPage,
    page,
  }) => {
    const dashboard = await readProvisionedDashboard({ fileName: 'operations.json' });
    const proxy = trackProxyRequests(page);
    const dashboardPage = await gotoDashboardPage({ uid: dashboard.uid });
    const health = dashboardPage.getPanelByTitle('Asset health');
    for (const asset of ASSETS) {
      await expect(health.locator).toContainText(asset);
    }
    await expect(dashboardPage.getPanelByTitle('Worst data freshness').locator).toContainText(/\d/);
    await expect(dashboardPage.getPanelByTitle('Quality score').locator).toContainText(/\d+(\.\d+)?%/);
    await screenshot(page, 'dashboard-operations');

    const lineage = dashboardPage.getPanelByTitle('Lineage');
    await lineage.scrollIntoView();
    await expect(lineage.locator).toContainText(MIDDLE_ASSET);
    const logs = dashboardPage.getPanelByTitle('Error logs');
    await logs.scrollIntoView();
    await proxy.idle();
    await expect(dashboardPage).not.toHavePanelErrors();
  });

  test('the bundled asset dashboard imports and follows its asset variable', async ({
    request,
    gotoDashboardPage,
    page,
  }) => {
    const imported = await request.post('/api/dashboards/import', {
      data: { pluginId: PLUGIN_ID, path: 'dashboards/asset.json', overwrite: true, inputs: [], folderUid: '' },
    });
    expect(imported.ok()).toBe(true);
    const { uid } = await imported.json();

    const proxy = trackProxyRequests(page);
    const dashboardPage = await gotoDashboardPage({
      uid,
      queryParams: new URLSearchParams({ 'var-asset': MIDDLE_ASSET }),
    });
    await expect(dashboardPage.getPanelByTitle('Status').locator).toContainText(
      /OK|Warning|Stale|Critical|Failing|Unknown/i
    );
    await expect(dashboardPage.getPanelByTitle('Runs and failures').locator).toContainText(/\d/);
    await screenshot(page, 'dashboard-asset');

    const logs = dashboardPage.getPanelByTitle('Logs');
    await logs.scrollIntoView();
    await expect(logs.locator).toContainText(MIDDLE_ASSET);
    await dashboardPage.getPanelByTitle('Recent runs (traces)').scrollIntoView();
    await proxy.idle();
    await expect(dashboardPage).not.toHavePanelErrors();
  });
});
