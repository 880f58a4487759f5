/**
 * The sandbox host itself: it loads the BUILT plugin bundles through SystemJS as Grafana does,
 * fails loudly on a bundle with a foreign import, switches themes, and guards the config page.
 */
import { expect, test } from '@playwright/test';
import { testIds } from '../../src/testIds';
import {
  APP_ID,
  collectConsoleErrors,
  gotoAppPage,
  hostTestIds,
  sandboxPath,
  screenshot,
  systemJsHas,
  waitForHost,
} from './helpers';

const APP_MODULE = `public/plugins/${APP_ID}/module.js`;
const DS_MODULE = 'public/plugins/cascade-pipeline-datasource/module.js';

test('loads the app and data source bundles through SystemJS with no console errors', async ({ page }) => {
  const console = collectConsoleErrors(page);
  const scripts: string[] = [];
  page.on('request', (req) => req.resourceType() === 'script' && scripts.push(new URL(req.url()).pathname));

  await gotoAppPage(page, 'overview');
  await expect(page.getByTestId(hostTestIds.loadError)).toHaveCount(0);
  expect(await systemJsHas(page, APP_MODULE)).toBe(true);
  // The app's pages query through the Cascade data source, whose bundle SystemJS loads on demand.
  await expect.poll(() => systemJsHas(page, DS_MODULE), { timeout: 20_000 }).toBe(true);
  expect(scripts).toEqual(expect.arrayContaining([`/${APP_MODULE}`, `/${DS_MODULE}`]));
  // Lazy chunks resolve against the AMD module URL (dynamic public path), never the page URL.
  const pluginScripts = scripts.filter((s) => !s.startsWith('/sandbox/build/'));
  expect(pluginScripts.every((s) => s.startsWith('/public/plugins/'))).toBe(true);
  await screenshot(page, 'sandbox-overview-dark');
  console.expectNoErrors();
});

test('a hand-written AMD bundle using only shared externals loads and gets its public path', async ({ page }) => {
  const console = collectConsoleErrors(page);
  await page.goto('/sandbox/load/sandbox-fixture-app');
  await waitForHost(page);
  await expect(page.getByTestId(hostTestIds.pluginLoaded)).toHaveAttribute('data-exports', /plugin/);
  const root = page.getByTestId('sandbox-fixture-app');
  await expect(root).toHaveAttribute('data-public-path', /\/public\/plugins\/sandbox-fixture-app\/$/);
  await expect(root).toHaveAttribute('data-shared', 'function,function,function');
  await expect(root).toHaveAttribute('data-theme', 'dark');
  console.expectNoErrors();
});

test('a bundle that imports a module Grafana does not share fails loudly', async ({ page }) => {
  const console = collectConsoleErrors(page);
  await page.goto('/sandbox/load/sandbox-fixture-foreign');
  await waitForHost(page);
  const error = page.getByTestId(hostTestIds.loadError);
  await expect(error).toBeVisible();
  await expect(error).toContainText('imports "left-pad"');
  await expect(error).toContainText('sandbox-fixture-foreign/module.js');
  expect(console.errors.some((e) => /console\.error: .*left-pad/.test(e))).toBe(true);
  await screenshot(page, 'sandbox-foreign-import-error');
  // The same collector must flag it: a load failure is never silent.
  expect(() => console.expectNoErrors()).toThrow(/left-pad/);
});

test('theme: dark by default, switchable from the chrome, and ?theme=light', async ({ page }) => {
  const console = collectConsoleErrors(page);
  await gotoAppPage(page, 'overview');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await expect(page.locator('body')).toHaveClass(/theme-dark/);
  const dark = await background();

  await page.getByTestId(hostTestIds.themeSwitch).getByRole('radio', { name: 'Light' }).check();
  await expect(page.locator('body')).toHaveClass(/theme-light/);
  await expect.poll(background).not.toBe(dark);
  const isLight = await page.evaluate(() => (window as any).grafanaBootData.user.lightTheme);
  expect(isLight).toBe(true);
  await screenshot(page, 'sandbox-overview-light');

  // The preference persists (like Grafana's user preference) across a reload.
  await page.reload();
  await waitForHost(page);
  await expect(page.locator('body')).toHaveClass(/theme-light/);

  await page.goto(sandboxPath(`/a/${APP_ID}/overview`, { theme: 'dark' }));
  await waitForHost(page);
  await expect(page.locator('body')).toHaveClass(/theme-dark/);
  await page.goto(sandboxPath(`/a/${APP_ID}/overview`, { theme: 'light' }));
  await waitForHost(page);
  await expect(page.locator('body')).toHaveClass(/theme-light/);
  console.expectNoErrors();
});

test('the app config page renders for Admin', async ({ page }) => {
  const console = collectConsoleErrors(page);
  await page.goto(sandboxPath(`/plugins/${APP_ID}`, { role: 'Admin' }));
  await waitForHost(page);
  await expect(page.getByTestId(testIds.appConfig.container)).toBeVisible();
  await expect(page.getByTestId(hostTestIds.pageTitle)).toHaveText('Cascade');
  await expect(page.getByTestId(hostTestIds.role)).toHaveAttribute('data-role', 'Admin');
  await screenshot(page, 'sandbox-config-admin');
  console.expectNoErrors();
});

test('settings saved on the config page go through the plugin settings API and are read back', async ({
  page,
  request,
}) => {
  const console = collectConsoleErrors(page);
  const settingsUrl = `/api/plugins/${APP_ID}/settings`;
  const before = await (await request.get(settingsUrl)).json();
  try {
    await page.goto(sandboxPath(`/plugins/${APP_ID}`, { role: 'Admin' }));
    await waitForHost(page);
    await page.getByTestId(testIds.appConfig.dagsterUrl).fill('http://dagster.sandbox.test:3000');
    const saved = page.waitForResponse((r) => r.url().endsWith(settingsUrl) && r.request().method() === 'POST');
    await page.getByTestId(testIds.appConfig.submit).click();
    expect((await saved).status()).toBe(200);
    await waitForHost(page);
    const after = await (await request.get(settingsUrl)).json();
    expect(after.jsonData.dagsterUrl).toBe('http://dagster.sandbox.test:3000');
    await expect(page.getByTestId(testIds.appConfig.dagsterUrl)).toHaveValue('http://dagster.sandbox.test:3000');
    console.expectNoErrors();
  } finally {
    // The stack is shared by every spec: put the provisioned settings back.
    await request.post(settingsUrl, {
      data: { enabled: before.enabled, pinned: before.pinned, jsonData: before.jsonData },
    });
  }
});

test('the app config page is refused for Viewer, and hidden from the nav', async ({ page }) => {
  const console = collectConsoleErrors(page);
  await page.goto(sandboxPath(`/plugins/${APP_ID}`, { role: 'Viewer' }));
  await waitForHost(page);
  await expect(page.getByTestId(hostTestIds.accessDenied)).toBeVisible();
  await expect(page.getByTestId(testIds.appConfig.container)).toHaveCount(0);
  await expect(page.getByTestId(hostTestIds.role)).toHaveAttribute('data-role', 'Viewer');
  const nav = page.getByTestId(hostTestIds.nav);
  await expect(nav.getByRole('link', { name: 'Overview' })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Configuration' })).toHaveCount(0);
  await screenshot(page, 'sandbox-config-viewer-denied');
  console.expectNoErrors();
});

test('the data source edit page renders the ConfigEditor and tests the data source through the proxy', async ({
  page,
}) => {
  const console = collectConsoleErrors(page);
  await page.goto(sandboxPath('/connections/datasources/edit/cascade', { role: 'Admin' }));
  await waitForHost(page);
  await expect(page.getByTestId(testIds.datasource.configEditor)).toBeVisible();
  await page.getByTestId(hostTestIds.dsTestButton).click();
  const result = page.getByTestId(hostTestIds.dsTestResult);
  await expect(result).toBeVisible({ timeout: 30_000 });
  await expect(result).toHaveAttribute('data-status', 'success');
  await screenshot(page, 'sandbox-datasource-edit');
  console.expectNoErrors();
});

test('client-side navigation goes through locationService without reloading the page', async ({ page }) => {
  const console = collectConsoleErrors(page);
  await gotoAppPage(page, 'overview');
  await page.evaluate(() => ((window as any).__sandboxMarker = 1));
  await page.getByTestId(hostTestIds.nav).getByRole('link', { name: 'Lineage' }).click();
  await expect(page).toHaveURL(new RegExp(`/a/${APP_ID}/lineage`));
  expect(await page.evaluate(() => (window as any).__sandboxMarker)).toBe(1);
  console.expectNoErrors();
});

test("Explore links open the sandbox's /explore, which shows the data source and the query", async ({ page }) => {
  test.setTimeout(120_000);
  const console = collectConsoleErrors(page);
  await gotoAppPage(page, 'assets/fct_glucose_readings');
  await page.getByRole('link', { name: 'Metrics in Explore' }).click();
  await expect(page).toHaveURL(/\/explore\?.*panes=/);
  await waitForHost(page);
  await expect(page.getByTestId(hostTestIds.loadError)).toHaveCount(0);
  const pane = page.getByTestId(hostTestIds.explorePane);
  await expect(pane).toContainText('Data source: Prometheus (prometheus, uid cascade-prometheus)');
  await expect(pane.getByTestId(hostTestIds.exploreQuery)).toHaveText('{asset_name="fct_glucose_readings"}');
  await screenshot(page, 'sandbox-explore');

  // Grafana's older `left` format (data links in panels) and a link that cannot be read.
  const left = { datasource: 'cascade-loki', queries: [{ refId: 'A', expr: '{job="dagster"} | json' }] };
  await page.goto(`/explore?left=${encodeURIComponent(JSON.stringify(left))}`);
  await waitForHost(page);
  await expect(page.getByTestId(hostTestIds.explorePane)).toContainText('Data source: Loki');
  await expect(page.getByTestId(hostTestIds.exploreQuery)).toHaveText('{job="dagster"} | json');
  await page.goto('/explore?panes=%7Bbroken');
  await waitForHost(page);
  await expect(page.getByRole('alert', { name: 'This Explore link cannot be read' })).toContainText(
    'panes parameter cannot be read'
  );
  console.expectNoErrors();
});
