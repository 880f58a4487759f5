/**
 * The app configuration page (Admin): settings saved there go through Grafana's plugin settings
 * API into the app's jsonData, and the pages apply them on their next load — a per-asset freshness
 * SLA on the freshness page, the minimum pass rate in every status. The stack is shared by all
 * specs, so the provisioned settings are put back afterwards.
 */
import { expect, test } from '@playwright/test';
import { testIds } from '../../src/testIds';
import {
  APP_ID,
  collectConsoleErrors,
  demoState,
  expectedStatus,
  type ExpectedRules,
  gotoAppPage,
  PROVISIONED_RULES,
  readTable,
  sandboxPath,
  screenshot,
  type Theme,
  waitForHost,
  waitForPageData,
  waitForScrape,
} from './helpers';

const SETTINGS_URL = `/api/plugins/${APP_ID}/settings`;
const VIEWPORT = { width: 1280, height: 800 };

test.use({ viewport: VIEWPORT });

test('the config page renders in both themes with the provisioned settings', async ({ page }) => {
  const console = collectConsoleErrors(page);
  for (const theme of ['dark', 'light'] as Theme[]) {
    await page.goto(sandboxPath(`/plugins/${APP_ID}`, { role: 'Admin', theme }));
    await waitForHost(page);
    await expect(page.locator('body')).toHaveClass(new RegExp(`theme-${theme}`));
    await expect(page.getByTestId(testIds.appConfig.slaWarning)).toHaveValue('2h');
    await expect(page.getByTestId(testIds.appConfig.slaCritical)).toHaveValue('4h');
    await expect(page.getByTestId(testIds.appConfig.passRate)).toHaveValue(String(PROVISIONED_RULES.minPassRate));
    await expect(page.getByTestId(testIds.appConfig.errorRate)).toHaveValue(
      String(PROVISIONED_RULES.maxErrorRate * 100)
    );
    await expect(page.getByTestId(testIds.appConfig.datasource)).toContainText(/cascade/i);
    await screenshot(page, `config-${theme}`);
    if (theme === 'dark') {
      await screenshot(page, 'readme/config', { fullPage: false });
    }
  }
  console.expectNoErrors();
});

test('a per-asset SLA override and the minimum pass rate, saved on the config page, reach the pages', async ({
  page,
  request,
}) => {
  const console = collectConsoleErrors(page);
  const before = await (await request.get(SETTINGS_URL)).json();
  const demo = await demoState(request);
  await waitForScrape(request, demo);
  const stale = demo.scenario.staleAsset!;
  const dip = demo.scenario.validationDip!;
  // 6h / 12h make the 5-hour-old stale asset fresh; 90 % lets the 91.5 % dip pass.
  const changed: ExpectedRules = {
    ...PROVISIONED_RULES,
    minPassRate: 90,
    overrides: { [stale]: { warningSeconds: 6 * 3600, criticalSeconds: 12 * 3600 } },
  };
  expect(expectedStatus(stale, demo.state[stale])).toBe('stale');
  expect(expectedStatus(stale, demo.state[stale], changed)).toBe('ok');
  expect(expectedStatus(dip.asset, demo.state[dip.asset])).toBe('quality');
  expect(expectedStatus(dip.asset, demo.state[dip.asset], changed)).toBe('ok');

  try {
    await page.goto(sandboxPath(`/plugins/${APP_ID}`, { role: 'Admin' }));
    await waitForHost(page);
    const overrides = page.getByTestId(testIds.appConfig.overrides);
    await overrides.getByRole('button', { name: 'Add override' }).click();
    const n = await overrides.getByRole('listitem').count();
    await overrides.getByRole('textbox', { name: `Override ${n} asset` }).fill(stale);
    await overrides.getByRole('textbox', { name: `Override ${n} warning after` }).fill('6h');
    await overrides.getByRole('textbox', { name: `Override ${n} critical after` }).fill('12h');
    await page.getByTestId(testIds.appConfig.passRate).fill('90');
    const saved = page.waitForResponse((r) => r.url().endsWith(SETTINGS_URL) && r.request().method() === 'POST');
    await page.getByTestId(testIds.appConfig.submit).click();
    expect((await saved).status()).toBe(200);

    // Saved into jsonData (Grafana's settings API) and shown again after the page reloads.
    const after = await (await request.get(SETTINGS_URL)).json();
    expect(after.jsonData.rules.minPassRate).toBe(90);
    expect(after.jsonData.rules.freshnessOverrides[stale]).toEqual({
      warningSeconds: 6 * 3600,
      criticalSeconds: 12 * 3600,
    });
    await waitForHost(page);
    await expect(page.getByTestId(testIds.appConfig.passRate)).toHaveValue('90');
    const assetInputs = page
      .getByTestId(testIds.appConfig.overrides)
      .getByRole('textbox', { name: /^Override \d+ asset$/ });
    await expect
      .poll(() => assetInputs.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value)))
      .toContain(stale);

    // Freshness: the stale asset now has its own SLA and is within it; the others keep the default.
    await gotoAppPage(page, 'freshness');
    await waitForPageData(page, testIds.freshness.container);
    const gauge = page.getByTestId(testIds.freshness.gauge(stale));
    await expect(gauge).toContainText('warning after 6h, critical after 12h (per-asset override)');
    await expect(gauge).toContainText(expectedStatus(stale, demo.state[stale], changed).toUpperCase());
    await expect(page.getByTestId(testIds.freshness.gauge(dip.asset))).toContainText(
      'warning after 2h, critical after 4h (default)'
    );
    await expect(page.getByRole('radio', { name: 'Critical (0)' })).toBeVisible();
    await screenshot(page, 'config-applied-freshness');

    // Assets: every status follows the saved rules (the dip passes at 90 %).
    await gotoAppPage(page, 'assets');
    await waitForPageData(page, testIds.assets.container);
    const rows = await readTable(page.getByTestId(testIds.assets.table));
    for (const a of demo.assets) {
      expect(rows.find((r) => r.Asset === a.name)?.Status, a.name).toBe(
        expectedStatus(a.name, demo.state[a.name], changed).toUpperCase()
      );
    }
    console.expectNoErrors();
  } finally {
    // Put the provisioned settings back for the other specs.
    const restored = await request.post(SETTINGS_URL, {
      data: { enabled: before.enabled, pinned: before.pinned, jsonData: before.jsonData },
    });
    expect(restored.ok()).toBe(true);
  }
  expect((await (await request.get(SETTINGS_URL)).json()).jsonData).toEqual(before.jsonData);
});
