/**
 * Compare runs in the browser, on real demo runs through the built bundle, the sandbox proxy and the
 * Jaeger/Loki stand-ins. The global stack's failing asset fails every run, so it has no good run to
 * compare with: the page says so. A real difference needs an asset with a good run and then a failed
 * one: a second stack runs the same seeded pipeline with random failures on (the documented
 * --failure-rate knob) and the spec picks an asset whose last run failed after a good one.
 * Prometheus is the global stack's (the comparison reads traces and logs only).
 */
import { expect, test } from '@playwright/test';
import { testIds } from '../../src/testIds';
import { startStack, type Stack } from '../../sandbox/server/stack';
import { APP_ID, collectConsoleErrors, demoState, gotoAppPage, sandboxPath, screenshot, waitForHost } from './helpers';

const FAILURE_RATE = 0.3;
let stack: Stack;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startStack({
    port: 0,
    prometheusUrl: process.env.SANDBOX_PROMETHEUS_URL,
    waitForScrape: false,
    scenario: { autoRun: false, failureRate: FAILURE_RATE },
  });
});

test.afterAll(async () => {
  await stack?.stop();
});

test('the always-failing asset: no good run to compare with, said in a sentence', async ({ page, request }) => {
  const console = collectConsoleErrors(page);
  const demo = await demoState(request);
  const failing = demo.scenario.failingAsset!;
  const traceId = demo.state[failing].lastTraceId!;
  await gotoAppPage(page, `traces/${traceId}`);
  await page.getByTestId(testIds.trace.summary).getByRole('link', { name: 'Compare with last good run' }).click();
  await expect(page).toHaveURL(`/a/${APP_ID}/compare?asset=${failing}&trace=${traceId}`);
  await expect(page.getByTestId(testIds.compare.noBaseline)).toHaveText(
    new RegExp(`^No good run of ${failing} in the selected time range`)
  );
  await expect(page.getByTestId(testIds.compare.summary)).toHaveCount(0);
  console.expectNoErrors();
});

test('a run that failed after a good one: from its trace to the comparison, with the real differences', async ({
  page,
}) => {
  const console = collectConsoleErrors(page);
  const pipeline = stack.demo!.pipeline;
  // The seeded runs decide which asset fails when; run until one has failed after a good run (bounded).
  const pick = () =>
    Object.entries(pipeline.state()).find(([, s]) => s.lastStatus === 'failure' && s.successes > 0 && s.lastTraceId);
  for (let i = 0; i < 5 && !pick(); i++) {
    await pipeline.runAll();
  }
  const [asset, state] = pick() ?? [];
  expect(asset, 'an asset whose last run failed after a good run').toBeDefined();
  await pipeline.flush();
  const traceId = state!.lastTraceId!;
  const open = async (route: string) => {
    await page.goto(`${stack.url}${sandboxPath(`/a/${APP_ID}/${route}`)}`);
    await waitForHost(page);
  };

  // The asset page offers its newest failed run, which is this one.
  await open(`assets/${asset}`);
  await expect(page.getByTestId(testIds.asset.links).getByTestId(testIds.compare.link)).toHaveAttribute(
    'href',
    `/a/${APP_ID}/compare?asset=${asset}&trace=${traceId}`
  );

  await open(`traces/${traceId}`);
  await page.getByTestId(testIds.trace.summary).getByRole('link', { name: 'Compare with last good run' }).click();
  await expect(page).toHaveURL(`${stack.url}/a/${APP_ID}/compare?asset=${asset}&trace=${traceId}`);

  const summary = page.getByTestId(testIds.compare.summary);
  await expect(summary.getByRole('heading', { level: 3 })).toHaveText(/^This run took .+ vs .+ \([+−]/);
  await expect(summary.getByRole('link', { name: `Open trace ${traceId}` })).toBeVisible();
  const goodLink = summary.getByRole('link', { name: /^Open trace / }).nth(1);
  const goodId = (await goodLink.getAttribute('title'))!;
  expect(goodId).not.toBe(traceId);
  const findings = summary.getByRole('list', { name: 'Differences' });
  // The demo's error: the failing phase's exception, the same words as the run's status.
  await expect(findings).toContainText(`new error: ${state!.lastError}`);
  // A failed run never reaches its asset checks: the good run's asset_check span is missing.
  await expect(findings).toContainText('missing span: asset_check');
  await expect(findings).toContainText(/\d+ log lines? only in this run/);
  const spans = page.getByTestId(testIds.compare.spans);
  await expect(spans.getByRole('row', { name: 'asset_check, missing' })).toBeVisible();
  const logs = page.getByTestId(testIds.compare.logs);
  await expect(logs).toContainText('asset_failed');
  // Messages both runs logged (with other ids and numbers) are not listed.
  await expect(logs).not.toContainText('asset_started');
  await expect(logs).not.toContainText('validation_complete');
  await expect(logs).not.toContainText('api_fetch_success');
  await screenshot(page, 'compare-runs-dark');

  // The good run it was compared with is a good run of the same asset.
  await goodLink.click();
  await expect(page).toHaveURL(new RegExp(`/a/${APP_ID}/traces/${goodId}`));
  const traceSummary = page.getByTestId(testIds.trace.summary);
  await expect(traceSummary).toContainText(asset!);
  await expect(traceSummary).toContainText('no errors');
  console.expectNoErrors();
});
