import { expect, test } from '@grafana/plugin-e2e';

import { DATASOURCE_TYPE, PLUGIN_ID } from '../../src/constants';
import { testIds } from '../../src/testIds';
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

  test('the provisioned operations dashboard overlays the Cascade annotations and runs them through the proxy', async ({
    readProvisionedDashboard,
    gotoDashboardPage,
    gotoAnnotationEditPage,
    request,
    page,
  }) => {
    const { uid } = await readProvisionedDashboard({ fileName: 'operations.json' });
    // What Grafana loaded from the provisioned file: one Cascade annotation, enabled, all kinds.
    const stored = await (await request.get(`/api/dashboards/uid/${uid}`)).json();
    const list: Array<{
      name: string;
      enable: boolean;
      datasource?: { type?: string };
      target?: Record<string, unknown>;
    }> = stored.dashboard.annotations.list;
    const index = list.findIndex((a) => a.datasource?.type === DATASOURCE_TYPE);
    expect(index).toBeGreaterThanOrEqual(0);
    const cascade = list[index];
    expect(cascade).toMatchObject({ enable: true, target: { queryType: 'annotations' } });

    // Opening the dashboard runs the annotation query: one Prometheus range query with the alert series.
    const annotationQuery = page.waitForRequest(
      (r) => r.url().includes('/api/datasources/proxy/uid/') && /query_range.*ALERTS/.test(decodeURIComponent(r.url()))
    );
    const proxy = trackProxyRequests(page);
    const dashboardPage = await gotoDashboardPage({ uid });
    await annotationQuery;
    await expect(page.getByText(cascade.name, { exact: true })).toBeVisible();
    await proxy.idle();
    await expect(dashboardPage).not.toHavePanelErrors();
    await screenshot(page, 'dashboard-operations-annotations');

    // Its editor is Cascade's: assets and the three kinds, all ticked.
    // Grafana puts its built-in "Annotations & Alerts" first when the stored list lacks it.
    const builtIn = list.some((a) => (a as { builtIn?: number }).builtIn);
    await gotoAnnotationEditPage({ dashboard: { uid }, id: String(builtIn ? index : index + 1) });
    await expect(page.getByTestId(testIds.datasource.annotationEditor)).toBeVisible();
    for (const kind of ['Failed runs', 'SLA breaches', 'Alert state changes']) {
      await expect(page.getByRole('checkbox', { name: new RegExp(`^${kind}`) })).toBeChecked();
    }
  });
});
