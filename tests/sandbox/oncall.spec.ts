/**
 * The five on-call tasks, walked as a data engineer would on a freshly started sandbox WITH a week of
 * history (built bundle, Chromium): (a) which asset is failing and why, (b) what it breaks and who
 * owns that, (c) its failing trace's error line, uncut at 1440 and 1024 px, (d) when a stale asset
 * will be fresh, (e) whether row volumes look normal. Then, as after a Prometheus outage, the same
 * history's assets stay listed, unknown "because Prometheus is unavailable".
 *
 * Why its own stack: globalSetup's shared stack starts without history (the other specs pin minutes
 * of data), and "the history is there on first load" is what this spec checks; so beforeAll starts a
 * second stack with `history: true` (~20-30 s: simulate, render, promtool) and auto-run off.
 */
import { expect, test, type Page } from '@playwright/test';
import { startSandboxServer, type SandboxServer } from '../../sandbox/server/server';
import { type Stack, startStack } from '../../sandbox/server/stack';
import { testIds } from '../../src/testIds';
import {
  APP_ID,
  collectConsoleErrors,
  type DemoSnapshot,
  readTable,
  sandboxPath,
  screenshot,
  waitForHost,
  waitForPageData,
} from './helpers';

let stack: Stack;
let demo: DemoSnapshot;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ playwright }, testInfo) => {
  testInfo.setTimeout(240_000);
  stack = await startStack({ port: 0, history: true, scenario: { autoRun: false } });
  const api = await playwright.request.newContext({ baseURL: stack.url });
  demo = await (await api.get('/sandbox/api/demo/state')).json();
  await api.dispose();
});

test.afterAll(async () => {
  await stack?.stop();
});

const appUrl = (route: string) => new RegExp(`/a/${APP_ID}/${route}(\\?|$)`);

async function open(page: Page, base: string, route: string) {
  await page.goto(`${base}${sandboxPath(`/a/${APP_ID}/${route}`, { role: 'Viewer' })}`);
  await waitForHost(page);
}

const failing = () => demo.scenario.failingAsset!;
const stale = () => demo.scenario.staleAsset!;
const ownerOf = (asset: string) => demo.assets.find((a) => a.name === asset)!.owner;
const downstreamOf = (asset: string) => demo.assets.filter((a) => a.upstream.includes(asset)).map((a) => a.name);

test('(a) which asset is failing and why: the Overview names it, its page says why', async ({ page }) => {
  const console = collectConsoleErrors(page);
  await open(page, stack.url, 'overview');
  await waitForPageData(page, testIds.overview.container);
  const status = page.getByTestId(testIds.overview.pipelineStatus);
  await expect(status.getByRole('group', { name: 'Pipeline status: FAILING' })).toBeVisible();
  await expect(status).toContainText(`${failing()} failing (last run failed`);
  await status.getByRole('link', { name: failing(), exact: true }).first().click();
  await expect(page).toHaveURL(appUrl(`assets/${failing()}`));
  const asset = page.getByTestId(testIds.asset.status);
  await expect(asset.getByRole('group', { name: 'Status: FAILING' })).toBeVisible();
  await expect(asset).toContainText('last run failed');
  // Why, in the pipeline's own words: the last error logged.
  await expect(asset).toContainText(demo.state[failing()].lastError!);
  console.expectNoErrors();
});

test('(b) what it breaks and who owns that: the Lineage details of the failing and the stale asset', async ({
  page,
}) => {
  const console = collectConsoleErrors(page);
  await open(page, stack.url, 'lineage');
  await waitForPageData(page, testIds.lineage.container);
  const list = page.getByTestId(testIds.lineage.list);
  for (const asset of [failing(), stale()]) {
    await list.getByTestId(testIds.lineage.node(asset)).click();
    const details = page.getByTestId(testIds.lineage.details);
    await expect(details).toContainText(`owner ${ownerOf(asset)}`);
    const impact = page.getByTestId(testIds.lineage.impact);
    const broken = downstreamOf(asset);
    if (broken.length === 0) {
      await expect(impact).toContainText('nothing downstream is affected');
    } else {
      await expect(impact).toContainText(`breaks ${broken.length} downstream asset`);
      for (const b of broken) {
        await expect(impact.getByRole('button', { name: new RegExp(b) })).toBeVisible();
      }
    }
  }
  await expect(page).toHaveURL(appUrl('lineage'));
  console.expectNoErrors();
});

test('(c) its failing trace: two clicks from the asset page, the error line readable uncut at 1440 and 1024 px', async ({
  page,
}) => {
  const console = collectConsoleErrors(page);
  await open(page, stack.url, `assets/${failing()}`);
  await page.getByTestId(testIds.asset.failedTraces).click();
  await expect(page).toHaveURL(new RegExp(`/a/${APP_ID}/traces\\?.*asset=${failing()}&status=error`));
  const first = page.getByTestId(testIds.trace.recent).getByRole('row').nth(1);
  await expect(first).toContainText('error');
  await first.getByRole('link', { name: /Open trace/ }).click();
  await expect(page).toHaveURL(new RegExp(`/a/${APP_ID}/traces/[0-9a-f]{32}`));
  let error = '';
  for (const width of [1440, 1024]) {
    await page.setViewportSize({ width, height: 900 });
    const row = page
      .getByTestId(testIds.trace.waterfall)
      .getByTestId(testIds.trace.log)
      .filter({ hasText: 'asset_failed' });
    await expect(row).toBeVisible();
    // The collapsed row shows the message and the whole error before it is cut (ids come last).
    const shown = await row.evaluate((el) => {
      const body = el.querySelector('[title]') as HTMLElement;
      const message = String((JSON.parse(body.title) as { error_message?: string }).error_message ?? '');
      const text = body.firstChild as Text;
      const at = message ? text.data.indexOf(message) : -1;
      if (at < 0) {
        return { message, found: false, fits: false };
      }
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, at + message.length);
      const fits = range.getBoundingClientRect().right <= body.getBoundingClientRect().right + 1;
      return { message, found: true, fits };
    });
    error = shown.message;
    expect(error, 'the failed run logged its error').not.toBe('');
    expect(shown, `error line at ${width} px`).toEqual({ message: error, found: true, fits: true });
    await screenshot(page, `oncall-trace-error-line-${width}`);
  }
  // The whole line a click away; the error span (Jaeger) says the same as the log line (Loki).
  await page.getByTestId(testIds.trace.log).filter({ hasText: 'asset_failed' }).click();
  await expect(page.getByTestId(testIds.trace.logFull)).toContainText(error);
  await page.getByTestId(testIds.trace.waterfall).locator('[role="row"][aria-label$=", error"]').last().click();
  await expect(page.getByTestId(testIds.trace.details)).toContainText(error);
  console.expectNoErrors();
});

test('(d) when the stale asset will be fresh: the forecast says it in words; SLA compliance has a week behind it', async ({
  page,
}) => {
  const console = collectConsoleErrors(page);
  await open(page, stack.url, 'freshness');
  await waitForPageData(page, testIds.freshness.container);
  const forecast = page.getByTestId(testIds.freshness.forecast);
  const item = forecast.getByRole('listitem').filter({ hasText: stale() });
  await expect(item).toContainText(/late by|breaches its SLA in|blocked by/);
  // …and when its SLA breaks (or broke): a time or a duration, never a blank.
  await expect(item).toContainText(/breached \d+[hmd]( \d+[hms])? ago|SLA breach \d{4}-\d\d-\d\d \d\d:\d\d|in \d+/);
  // History on first load: compliance over the range from samples covering (almost) all of it.
  const gauge = page.getByTestId(testIds.freshness.gauge(stale()));
  await expect(gauge).toContainText(/within SLA \d+(\.\d)?% of the time/);
  const coverage = Number((await gauge.textContent())!.match(/data for ([\d.]+)% of the range/)![1]);
  expect(coverage).toBeGreaterThan(90);
  await expect(page.getByTestId(testIds.freshness.container)).toContainText(/SLA compliance over the range: \d/);
  console.expectNoErrors();
});

test('(e) whether row volumes look normal: rows per run against the usual, in the table and on the asset page', async ({
  page,
}) => {
  const console = collectConsoleErrors(page);
  await open(page, stack.url, 'assets');
  await waitForPageData(page, testIds.assets.container);
  const rows = await readTable(page.getByTestId(testIds.assets.table));
  const volumeColumn = Object.keys(rows[0]).find((h) => /rows per run/i.test(h));
  expect(volumeColumn, 'the Assets table has a volume column').toBeDefined();
  const running = rows.filter((r) => r.Asset !== stale());
  expect(running.length).toBe(demo.assets.length - 1);
  for (const r of running) {
    // A number per run and how it compares with the usual (a week of history gives the usual).
    expect(r[volumeColumn!], r.Asset).toMatch(/^[\d,.]+[kM]? \([−+±]?[\d.]+%\)$/);
  }
  await open(page, stack.url, `assets/${failing()}`);
  const volume = page.getByTestId(testIds.asset.volume);
  await expect(volume).toContainText(/[\d,]+ rows per run, usually [\d,]+ \([−+]?\d+%\)/);
  await expect(volume.getByRole('figure', { name: 'Rows per run over time' })).toBeVisible();
  console.expectNoErrors();
});

test.describe('Prometheus down after a week of history', () => {
  let server: SandboxServer;
  test.beforeAll(async () => {
    // A second host on the same Loki and Jaeger, its Prometheus URL dead: what an outage looks like.
    server = await startSandboxServer({
      port: 0,
      env: {
        ...process.env,
        CASCADE_PROMETHEUS_URL: 'http://127.0.0.1:9',
        CASCADE_LOKI_URL: stack.lokiUrl,
        CASCADE_JAEGER_URL: stack.jaegerUrl,
      },
    });
  });
  test.afterAll(async () => {
    await server?.stop();
  });

  test('every asset of the logs stays listed, the stale one too, unknown because Prometheus is unavailable', async ({
    page,
  }) => {
    const console = collectConsoleErrors(page);
    await open(page, server.url, 'assets');
    await waitForPageData(page, testIds.assets.container);
    const alert = page.getByTestId(testIds.sourceError('prometheus'));
    await expect(alert.getByText('Data source "Prometheus" is unreachable')).toHaveCount(1);
    const rows = await readTable(page.getByTestId(testIds.assets.table));
    expect(rows.map((r) => r.Asset).sort()).toEqual(demo.assets.map((a) => a.name).sort());
    const staleRow = rows.find((r) => r.Asset === stale())!;
    expect(staleRow.Status).toBe('UNKNOWN');
    expect(staleRow.Why).toBe('Prometheus is unavailable');
    await open(page, server.url, 'lineage');
    await waitForPageData(page, testIds.lineage.container);
    await expect(page.getByTestId(testIds.lineage.node(stale()))).toContainText('unknown');
    console.expectNoErrors([/HTTP 502 GET .*\/api\/datasources\/proxy\/uid\/cascade-prometheus\//]);
  });
});
