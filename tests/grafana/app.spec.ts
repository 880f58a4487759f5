import { expect, test } from '@grafana/plugin-e2e';

import { PLUGIN_ID, ROUTES } from '../../src/constants';
import { testIds } from '../../src/testIds';
import { ASSETS, MIDDLE_ASSET, pluginConsoleErrors, screenshot, sourceErrors } from './helpers';

// The app pages inside a real Grafana, fed by the compose stack's Prometheus, Loki and Jaeger.
// Same test ids as the sandbox browser tests (src/testIds.ts), so both suites check the same UI.

test.describe('Cascade app pages in Grafana', () => {
  test('overview shows the pipeline status and every asset with data', async ({ gotoAppPage, page }) => {
    const errors = pluginConsoleErrors(page);
    await gotoAppPage({ pluginId: PLUGIN_ID, path: `/${ROUTES.Overview}` });
    const overview = page.getByTestId(testIds.overview.container);
    await expect(overview).toBeVisible();
    await expect(
      overview
        .getByTestId(testIds.overview.pipelineStatus)
        .getByRole('group', { name: /^Pipeline status: (HEALTHY|DEGRADED|FAILING)/ })
    ).toBeVisible();
    const executionTimes = overview.getByTestId(testIds.overview.executionTimes);
    for (const asset of ASSETS) {
      await expect(executionTimes.getByText(asset, { exact: true }).first()).toBeVisible();
    }
    await expect(overview.getByTestId(testIds.overview.freshness)).toContainText(/\d/);
    await expect(overview.getByTestId(testIds.overview.quality)).toContainText(/\d+(\.\d+)?\s*%/);
    await expect(overview.getByTestId(testIds.overview.resources)).toContainText(/\d/);
    await expect(sourceErrors(page)).toHaveCount(0);
    await screenshot(page, 'overview');
    expect(errors).toEqual([]);
  });

  test('lineage draws a node for every asset', async ({ gotoAppPage, page }) => {
    const errors = pluginConsoleErrors(page);
    await gotoAppPage({ pluginId: PLUGIN_ID, path: `/${ROUTES.Lineage}` });
    await expect(page.getByTestId(testIds.lineage.graph)).toBeVisible();
    for (const asset of ASSETS) {
      await expect(page.getByTestId(testIds.lineage.node(asset))).toBeVisible();
    }
    await expect(sourceErrors(page)).toHaveCount(0);
    await screenshot(page, 'lineage');
    expect(errors).toEqual([]);
  });

  test('freshness shows one gauge per asset', async ({ gotoAppPage, page }) => {
    const errors = pluginConsoleErrors(page);
    await gotoAppPage({ pluginId: PLUGIN_ID, path: `/${ROUTES.Freshness}` });
    await expect(page.getByTestId(testIds.freshness.container)).toBeVisible();
    for (const asset of ASSETS) {
      await expect(page.getByTestId(testIds.freshness.gauge(asset))).toContainText(/\d/);
    }
    await screenshot(page, 'freshness');
    expect(errors).toEqual([]);
  });

  test("an asset page shows its runs, logs and traces, and a run's trace opens with its spans", async ({
    gotoAppPage,
    page,
  }) => {
    const errors = pluginConsoleErrors(page);
    await gotoAppPage({ pluginId: PLUGIN_ID, path: `/${ROUTES.Assets}/${MIDDLE_ASSET}` });
    const assetPage = page.getByTestId(testIds.asset.container);
    await expect(assetPage).toBeVisible();
    await expect(assetPage.getByTestId(testIds.asset.status)).toBeVisible();
    await expect(assetPage.getByTestId(testIds.asset.runs)).toContainText(/\d/);
    await expect(assetPage.getByTestId(testIds.asset.logs)).toContainText(MIDDLE_ASSET);
    const traceLinks = assetPage.getByTestId(testIds.asset.traces).locator(`a[href*="/${ROUTES.Traces}/"]`);
    await expect(traceLinks.first()).toBeVisible();
    await screenshot(page, 'asset');

    await traceLinks.first().click();
    await expect(page.getByTestId(testIds.trace.container)).toBeVisible();
    await expect(page.getByTestId(testIds.trace.waterfall)).toBeVisible();
    await expect(
      page.getByTestId(testIds.trace.waterfall).locator('[data-testid^="data-testid cascade-trace-span "]').first()
    ).toBeVisible();
    await screenshot(page, 'trace');
    expect(errors).toEqual([]);
  });

  test('the traces page offers a trace id search', async ({ gotoAppPage, page }) => {
    await gotoAppPage({ pluginId: PLUGIN_ID, path: `/${ROUTES.Traces}` });
    await expect(page.getByTestId(testIds.trace.search)).toBeVisible();
  });

  test('the app configuration page shows the provisioned settings', async ({ gotoAppConfigPage, page }) => {
    await gotoAppConfigPage({ pluginId: PLUGIN_ID });
    const config = page.getByTestId(testIds.appConfig.container);
    await expect(config).toBeVisible();
    // provisioning/plugins/cascade.yaml: warning SLA 7200 s, minimum pass rate 95 %.
    await expect(config.getByTestId(testIds.appConfig.passRate)).toHaveValue(/95/);
    await screenshot(page, 'config');
  });
});
