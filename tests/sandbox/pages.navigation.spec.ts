/**
 * URL state and keyboard access of the app pages: a deep link with an absolute time range and a
 * page filter reproduces the same view (and the same queries) after a reload; Tab reaches the time
 * picker and the asset links, and Enter on an asset link opens the asset page.
 */
import { expect, test, type Page, type Request } from '@playwright/test';
import { testIds } from '../../src/testIds';
import {
  APP_ID,
  ageOf,
  collectConsoleErrors,
  demoState,
  expectedStatus,
  focusMatches,
  gotoAppPage,
  readTable,
  tabTo,
  waitForPageData,
  waitForScrape,
} from './helpers';

test.use({ viewport: { width: 1280, height: 800 } });

const TIME_PICKER = 'button[aria-label^="Time range selected"]';
const ASSET_LINK = `a[href*="/a/${APP_ID}/assets/"]`;

/** Evaluation times (`time`, seconds) of the Prometheus instant queries a page sends. */
function recordQueryTimes(page: Page): number[] {
  const times: number[] = [];
  page.on('request', (req: Request) => {
    const url = new URL(req.url());
    if (!/\/api\/datasources\/proxy\/uid\/[^/]+\/api\/v1\/query$/.test(url.pathname)) {
      return;
    }
    const params = req.method() === 'POST' ? new URLSearchParams(req.postData() ?? '') : url.searchParams;
    if (params.get('time')) {
      times.push(Number(params.get('time')));
    }
  });
  return times;
}

/** The instant queries' evaluation times for a range ending at `to` (s): `to`, and `to` − 1 day and − 1 week. */
const EVALUATED_AT = (to: number) => [to / 1000, to / 1000 - 86_400, to / 1000 - 604_800];

test('deep link: absolute from/to and a status filter reproduce the assets view after a reload', async ({
  page,
  request,
}) => {
  const console = collectConsoleErrors(page);
  const demo = await demoState(request);
  await waitForScrape(request, demo);
  const failing = demo.assets
    .filter((a) => expectedStatus(a.name, demo.state[a.name]) === 'failing')
    .map((a) => a.name);
  expect(failing).toContain(demo.scenario.failingAsset);
  // Whole seconds (the URL carries epoch milliseconds), ending now: every run so far is inside.
  const to = Math.ceil(Date.now() / 1000) * 1000;
  const from = to - 3 * 3600_000;
  const times = recordQueryTimes(page);

  await gotoAppPage(page, 'assets', { query: { from: String(from), to: String(to), status: 'failing' } });
  await waitForPageData(page, testIds.assets.container);
  // "Last update" reads relative to the wall clock ("2 minutes ago"), which moves between loads.
  const view = async () => ({
    rows: (await readTable(page.getByTestId(testIds.assets.table))).map(({ 'Last update': _relative, ...row }) => row),
    picker: await page.locator(TIME_PICKER).getAttribute('aria-label'),
    failingChecked: await page
      .getByRole('radiogroup', { name: 'Status' })
      .getByRole('radio', { name: /^failing/ })
      .isChecked(),
  });
  const first = await view();
  expect(first.rows.map((r) => r.Asset).sort()).toEqual([...failing].sort());
  expect(first.rows.every((r) => r.Status === 'FAILING')).toBe(true);
  expect(first.failingChecked).toBe(true);
  // The picker shows the absolute range, not "Last 6 hours", and the queries are evaluated at `to`.
  expect(first.picker).not.toMatch(/Last 6 hours/);
  expect(first.picker).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} to \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  expect(times.length).toBeGreaterThan(0);
  // Evaluated at `to`, except the volume rule's baselines: the same window a day and a week earlier.
  expect(new Set(times)).toEqual(new Set(EVALUATED_AT(to)));

  times.length = 0;
  await page.reload();
  await waitForPageData(page, testIds.assets.container);
  expect(new URL(page.url()).searchParams.get('status')).toBe('failing');
  expect(await view()).toEqual(first);
  expect(new Set(times)).toEqual(new Set(EVALUATED_AT(to)));
  console.expectNoErrors();
});

test('deep link: a relative range with level and layer filters reproduces the freshness view after a reload', async ({
  page,
  request,
}) => {
  const console = collectConsoleErrors(page);
  const demo = await demoState(request);
  const critical = demo.assets
    .filter((a) => a.layer === 'gold' && ageOf(demo.state[a.name])! > 4 * 3600)
    .map((a) => a.name);
  expect(critical).toEqual([demo.scenario.staleAsset]);

  await gotoAppPage(page, 'freshness', { query: { from: 'now-3h', to: 'now', level: 'critical', layer: 'gold' } });
  await waitForPageData(page, testIds.freshness.container);
  const gauges = page.locator(`[data-testid^="${testIds.freshness.gauge('')}"]`);
  const shown = () => gauges.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
  await expect(gauges).toHaveCount(critical.length);
  const first = await shown();
  expect(first).toEqual(critical.map((a) => testIds.freshness.gauge(a)));
  await expect(page.locator(TIME_PICKER)).toHaveAttribute('aria-label', /Last 3 hours/);
  await expect(page.getByRole('radio', { name: /^Critical \(/ })).toBeChecked();

  await page.reload();
  await waitForPageData(page, testIds.freshness.container);
  await expect(gauges).toHaveCount(critical.length);
  expect(await shown()).toEqual(first);
  await expect(page.locator(TIME_PICKER)).toHaveAttribute('aria-label', /Last 3 hours/);
  await expect(page.getByRole('radio', { name: /^Critical \(/ })).toBeChecked();
  console.expectNoErrors();
});

test('keyboard, overview: Tab reaches the time picker, then an asset link; Enter opens that asset', async ({
  page,
}) => {
  const console = collectConsoleErrors(page);
  await gotoAppPage(page, 'overview');
  await waitForPageData(page, testIds.overview.container);
  await page.locator('body').focus();
  await tabTo(page, TIME_PICKER);
  await tabTo(page, ASSET_LINK);
  const href = (await page.evaluate(() => document.activeElement!.getAttribute('href')))!;
  const asset = decodeURIComponent(new URL(href, page.url()).pathname.split('/').pop()!);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/assets/${asset}(\\?|$)`));
  await waitForPageData(page, testIds.asset.container);
  await expect(page.getByTestId(testIds.asset.status).getByRole('heading', { level: 2 })).toHaveText(asset);
  console.expectNoErrors();
});

test('keyboard, lineage: Tab reaches the time picker and the asset list; Enter selects, then opens the asset page', async ({
  page,
  request,
}) => {
  const console = collectConsoleErrors(page);
  const demo = await demoState(request);
  const failing = demo.scenario.failingAsset!;
  await gotoAppPage(page, 'lineage');
  await waitForPageData(page, testIds.lineage.container);
  await page.locator('body').focus();
  await tabTo(page, TIME_PICKER);
  // The list is worst first, so the first asset entry Tab reaches is the failing asset.
  await tabTo(page, `[data-testid^="${testIds.lineage.node('')}"]`);
  expect(await focusMatches(page, `[data-testid="${testIds.lineage.node(failing)}"]`)).toBe(true);
  await page.keyboard.press('Enter');
  const details = page.getByTestId(testIds.lineage.details);
  await expect(details.getByRole('heading', { level: 3 })).toHaveText(failing);
  // The details pane sits above the list: back up to its asset link.
  await tabTo(page, `${ASSET_LINK}`, { backwards: true });
  expect(await page.evaluate(() => document.activeElement!.textContent)).toBe('Open asset page');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/assets/${failing}(\\?|$)`));
  await waitForPageData(page, testIds.asset.container);
  console.expectNoErrors();
});
