import { expect, test } from '@grafana/plugin-e2e';
import type { Page } from '@playwright/test';

import { PLUGIN_ID } from '../../src/constants';
import { MIDDLE_ASSET, pluginConsoleErrors } from './helpers';

// Cascade's links at Grafana's own extension points (issue 15), in a real Grafana with the compose
// stack: the panel menu, Explore's toolbar, an alert instance of the provisioned Grafana-managed
// rules, the trace view and the command palette. The sandbox spec (tests/sandbox/extensions.spec.ts)
// covers the same links without Docker; this one proves Grafana itself accepts and renders them.

const LINK = 'Open asset in Cascade';

async function expectAssetPage(page: Page, asset: string) {
  await expect(page).toHaveURL(new RegExp(`/a/${PLUGIN_ID}/assets/${asset}(\\?|$)`));
  await expect(page.getByRole('heading', { name: asset })).toBeVisible();
}

test.describe('Cascade links in Grafana', () => {
  test('the panel menu of a one-asset panel opens that asset', async ({ request, gotoDashboardPage, page }) => {
    const errors = pluginConsoleErrors(page);
    const imported = await request.post('/api/dashboards/import', {
      data: { pluginId: PLUGIN_ID, path: 'dashboards/asset.json', overwrite: true, inputs: [], folderUid: '' },
    });
    expect(imported.ok()).toBe(true);
    const { uid } = await imported.json();
    const dashboardPage = await gotoDashboardPage({
      uid,
      queryParams: new URLSearchParams({ 'var-asset': MIDDLE_ASSET }),
    });
    await dashboardPage.getPanelByTitle('Runs and failures').clickOnMenuItem(LINK, { parentItem: 'Extensions' });
    await expectAssetPage(page, MIDDLE_ASSET);
    expect(errors).toEqual([]);
  });

  test('Explore over one asset offers the link in its toolbar', async ({ page }) => {
    const left = {
      datasource: 'cascade-prometheus',
      queries: [
        {
          refId: 'A',
          datasource: { type: 'prometheus', uid: 'cascade-prometheus' },
          expr: `asset_row_count{asset_name="${MIDDLE_ASSET}"}`,
        },
      ],
      range: { from: 'now-1h', to: 'now' },
    };
    await page.goto(`/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify({ a: left }))}`);
    await page.getByRole('button', { name: /^Add$/ }).click();
    await page.getByRole('menuitem', { name: LINK }).click();
    await expectAssetPage(page, MIDDLE_ASSET);
  });

  test('an alert instance of the provisioned ValidationFailure rule links to its asset', async ({ page }) => {
    // provisioning/alerting/cascade.yaml; the demo dips fct_glucose_readings' pass rate to 91.5%.
    await page.goto('/alerting/grafana/cascade-validation-failure/view?tab=instances');
    const row = page.getByRole('row').filter({ hasText: MIDDLE_ASSET });
    await expect(row).toBeVisible({ timeout: 120_000 });
    await row.getByRole('button', { name: 'Alert instance actions' }).click();
    await page.getByRole('menuitem', { name: LINK }).click();
    // Grafana asks before leaving the alert page.
    const confirm = page.getByRole('dialog');
    if (await confirm.isVisible().catch(() => false)) {
      await confirm.getByRole('button', { name: /open|continue|yes/i }).click();
    }
    await expectAssetPage(page, MIDDLE_ASSET);
  });

  test("the trace view shows the link beside a span's asset attribute", async ({ page }) => {
    const left = {
      datasource: 'cascade-jaeger',
      queries: [
        {
          refId: 'A',
          datasource: { type: 'jaeger', uid: 'cascade-jaeger' },
          queryType: 'search',
          service: 'dagster',
          tags: `asset_name="${MIDDLE_ASSET}"`,
        },
      ],
      range: { from: 'now-1h', to: 'now' },
    };
    await page.goto(`/explore?schemaVersion=1&panes=${encodeURIComponent(JSON.stringify({ a: left }))}`);
    await page
      .getByRole('link', { name: /^[0-9a-f]{16,32}$/ })
      .first()
      .click();
    await page.getByText(MIDDLE_ASSET, { exact: true }).first().click();
    await page.getByRole('button', { name: /Span attributes/i }).click();
    await page.getByRole('link', { name: LINK }).first().click();
    await expectAssetPage(page, MIDDLE_ASSET);
  });

  test('the command palette opens the asset list, ready to search', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('ControlOrMeta+k');
    await page.keyboard.type('Cascade: open asset');
    await page.getByRole('option', { name: /Cascade: open asset/ }).click();
    await expect(page).toHaveURL(new RegExp(`/a/${PLUGIN_ID}/assets\\?focus=search`));
    await expect(page.getByRole('textbox', { name: 'Search assets' })).toBeFocused();
  });
});
