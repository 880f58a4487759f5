/**
 * Cascade's links at Grafana's extension points (issue 15), in the built plugin: the sandbox's
 * /sandbox/extensions page resolves the app's added links as Grafana does (declared in plugin.json,
 * configure() per context, paths inside the app) for contexts made from the running stack — the
 * spans of a real trace, the seed rules' alert instances from Prometheus, the panels of the bundled
 * dashboards, Explore panes — and each link is clicked through to the page it opens.
 */
import { expect, test, type Page } from '@playwright/test';
import { testIds } from '../../src/testIds';
import { APP_ID, collectConsoleErrors, hostTestIds, sandboxPath, screenshot, waitForHost } from './helpers';

const ASSET = 'fct_glucose_readings';
const LINK = 'Open asset in Cascade';

async function gotoExtensions(page: Page, query: Record<string, string> = {}) {
  await page.goto(sandboxPath('/sandbox/extensions', { query: { asset: ASSET, ...query } }));
  await waitForHost(page);
  await expect(page.getByTestId(hostTestIds.extensionPoint('grafana/commandpalette/action'))).toBeVisible();
}

const caseRow = (page: Page, id: string) => page.getByTestId(hostTestIds.extensionCase(id));

/** Clicks the case's link and checks the asset page it opens. */
async function followToAsset(page: Page, caseId: string, asset: string) {
  await caseRow(page, caseId).getByRole('link', { name: LINK }).click();
  await expect(page).toHaveURL(new RegExp(`/a/${APP_ID}/assets/${asset}(\\?|$)`));
  await expect(page.getByTestId(testIds.asset.container)).toBeVisible();
  await expect(page.getByTestId(hostTestIds.pageTitle)).toHaveText(asset);
}

test.describe('extension points', () => {
  test('every added link is declared in plugin.json as Grafana requires', async ({ page }) => {
    const console = collectConsoleErrors(page);
    await gotoExtensions(page);
    await expect(page.getByTestId(hostTestIds.extensionProblems)).toHaveCount(0);
    await screenshot(page, 'extensions');
    console.expectNoErrors();
  });

  test('trace view: the span with the asset attribute links to its asset, other spans do not', async ({ page }) => {
    await gotoExtensions(page);
    const rootSpan = caseRow(page, `span-${ASSET}`);
    const link = rootSpan.getByRole('link', { name: LINK });
    await expect(link).toBeVisible();
    // Grafana shows it beside the attribute row whose key is the link's category.
    await expect(link).toHaveAttribute('data-category', 'asset_name');
    await expect(caseRow(page, 'span-fetch_from_api')).toContainText('no link');
    // Span details: Grafana passes Profiles Drilldown's context there, which names no attribute.
    await expect(caseRow(page, 'span-details')).toContainText('no link');
    await followToAsset(page, `span-${ASSET}`, ASSET);
    expect(new URL(page.url()).searchParams.get('from')).toMatch(/^\d+$/);
  });

  test("alert instances: the seed rules' alerts link to their asset, others do not", async ({ page }) => {
    // The scenario dips fct_glucose_readings' pass rate: ValidationFailure is pending or firing
    // once Prometheus has evaluated the rule after a scrape.
    const alertCase = `alert-ValidationFailure-${ASSET}`;
    await expect(async () => {
      await gotoExtensions(page);
      await expect(caseRow(page, alertCase)).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 60_000 });
    await expect(caseRow(page, alertCase).getByRole('link', { name: LINK })).toBeVisible();
    await expect(caseRow(page, 'alert-without-asset')).toContainText('no link');
    await followToAsset(page, alertCase, ASSET);
  });

  test('panel menu: panels of one asset link to it, panels over all assets do not', async ({ page }) => {
    await gotoExtensions(page, { 'var-asset': ASSET });
    // "Runs and failures" of the asset dashboard queries $asset; "Asset health" of the operations one, every asset.
    await expect(caseRow(page, 'panel-cascade-asset-5').getByRole('link', { name: LINK })).toBeVisible();
    await expect(caseRow(page, 'panel-cascade-operations-5')).toContainText('no link');
    await followToAsset(page, 'panel-cascade-asset-5', ASSET);
    expect(new URL(page.url()).searchParams.get('from')).toBe('now-6h');
  });

  test('panel menu: without a value for $asset there is no single asset to open', async ({ page }) => {
    await gotoExtensions(page);
    await expect(caseRow(page, 'panel-cascade-asset-5')).toContainText('no link');
  });

  test('Explore toolbar: a pane querying one asset links to it, one over all assets does not', async ({ page }) => {
    await gotoExtensions(page);
    await expect(caseRow(page, 'explore-all-assets')).toContainText('no link');
    await followToAsset(page, 'explore-one-asset', ASSET);
  });

  test('command palette: "Cascade: open asset…" opens the asset list ready to search', async ({ page }) => {
    await gotoExtensions(page);
    await caseRow(page, 'palette').getByRole('link', { name: 'Cascade: open asset…' }).click();
    await expect(page).toHaveURL(new RegExp(`/a/${APP_ID}/assets\\?focus=search`));
    await expect(page.getByTestId(testIds.assets.container)).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Search assets' })).toBeFocused();
  });
});
