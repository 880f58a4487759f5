/**
 * The incident flow an on-call engineer follows, in the built plugin against real Prometheus:
 * Overview (incidents first) → "Show on lineage" (the incident focused, the rest dimmed) → the root
 * asset's page → its failed run's trace. Exact URLs at every step.
 *
 * 1. The default sandbox scenario (globalSetup's stack) shows an incident with impacted assets: the
 *    validation dip on fct_glucose_readings is the root cause of its stale and failing downstream.
 * 2. A second stack adds the chain-failure knob (stg_glucose_entries fails, everything downstream
 *    waits and goes stale), so the root has failed runs and the flow ends on one of their traces.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startStack, type Stack } from '../../sandbox/server/stack';
import { testIds } from '../../src/testIds';
import {
  APP_ID,
  collectConsoleErrors,
  demoState,
  type DemoSnapshot,
  gotoAppPage,
  screenshot,
  waitForPageData,
} from './helpers';

const APP = `/a/${APP_ID}`;
// Four pages in a row, each waiting for its queries: more than one page's 60 s on a loaded 2-core machine.
const FLOW_TIMEOUT_MS = 180_000;
/** The page's path and query (the host adds nothing: what the links point to is what is asserted). */
const where = (page: Page) => {
  const u = new URL(page.url());
  return `${u.pathname}${u.search}`;
};

function downstreamOf(demo: DemoSnapshot, asset: string): string[] {
  const out = new Set<string>();
  const visit = (name: string) =>
    demo.assets
      .filter((a) => a.upstream.includes(name) && !out.has(a.name))
      .forEach((a) => (out.add(a.name), visit(a.name)));
  visit(asset);
  return [...out].sort();
}

/** The incident card of `root` on the Overview. */
const incidentCard = (page: Page, root: string) =>
  page
    .getByTestId(testIds.overview.incidents)
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: `Show the ${root} incident on lineage` }) });

/** Overview → Show on lineage: the exact URL, the focus header naming the root and every impacted asset. */
async function overviewToLineage(page: Page, root: string, status: string, impacted: string[]) {
  await gotoAppPage(page, 'overview');
  await waitForPageData(page, testIds.overview.container);
  expect(where(page)).toBe(`${APP}/overview`);
  const card = incidentCard(page, root);
  await expect(card).toContainText(`${root} ${status}`);
  await expect(card).toContainText(`→ ${impacted.length} assets impacted`);
  for (const a of impacted) {
    await expect(card.getByRole('link', { name: a, exact: true })).toBeVisible();
  }
  await card.getByRole('link', { name: `Show the ${root} incident on lineage` }).click();

  await expect.poll(() => where(page)).toBe(`${APP}/lineage?incident=${root}`);
  await waitForPageData(page, testIds.lineage.container);
  const banner = page.getByTestId(testIds.lineage.incident);
  await expect(banner).toContainText(`Incident: ${root} ${status} → ${impacted.length} impacted`);
  for (const a of impacted) {
    await expect(banner.getByRole('link', { name: a, exact: true })).toBeVisible();
  }
  return banner;
}

test('default scenario: the Overview leads with an incident whose downstream is impacted, focused on lineage', async ({
  page,
  request,
}) => {
  test.setTimeout(FLOW_TIMEOUT_MS);
  const console = collectConsoleErrors(page);
  const demo = await demoState(request);
  const root = demo.scenario.validationDip!.asset;
  const impacted = downstreamOf(demo, root);
  expect(impacted).toEqual([demo.scenario.failingAsset, demo.scenario.staleAsset].sort());
  const banner = await overviewToLineage(page, root, 'quality', impacted);
  await screenshot(page, 'incidents-lineage-default');
  // Clear focus drops the parameter and the header; the graph stays.
  await banner.getByRole('button', { name: 'Clear focus' }).click();
  await expect(page.getByTestId(testIds.lineage.incident)).toHaveCount(0);
  await expect.poll(() => where(page)).toBe(`${APP}/lineage`);
  console.expectNoErrors();
});

test.describe('chain failure', () => {
  test.describe.configure({ mode: 'serial' });
  const ROOT = 'stg_glucose_entries';
  let stack: Stack;
  let context: BrowserContext;

  test.beforeAll(async ({ browser }: { browser: Browser }, testInfo) => {
    testInfo.setTimeout(180_000);
    stack = await startStack({ port: 0, scenario: { autoRun: false, chainFailure: { asset: ROOT } } });
    context = await browser.newContext({ baseURL: stack.url, viewport: { width: 1440, height: 900 } });
  });

  test.afterAll(async () => {
    await context?.close();
    await stack?.stop();
  });

  test('Overview → incident → lineage focus → root asset page → its failed trace', async () => {
    test.setTimeout(FLOW_TIMEOUT_MS);
    const page = await context.newPage();
    const console = collectConsoleErrors(page);
    const demo = await demoState(context.request);
    const impacted = downstreamOf(demo, ROOT);
    expect(impacted).toHaveLength(3);
    const root = demo.state[ROOT];
    expect(root.failures).toBeGreaterThan(0);

    const banner = await overviewToLineage(page, ROOT, 'failing', impacted);
    await screenshot(page, 'incidents-1-lineage-focus');

    await banner.getByRole('link', { name: ROOT, exact: true }).click();
    await expect.poll(() => where(page)).toBe(`${APP}/assets/${ROOT}`);
    await waitForPageData(page, testIds.asset.container);
    await expect(page.getByTestId(testIds.asset.status)).toContainText(/failing/i);
    const failed = page.getByTestId(testIds.asset.traces).getByRole('row').filter({ hasText: 'Failed' });
    await expect(failed).toHaveCount(Math.min(10, root.failures));
    // The latest run failed: its trace is the one to open.
    const link = page.getByTestId(testIds.asset.traces).getByRole('link', { name: `Open trace ${root.lastTraceId}` });
    await screenshot(page, 'incidents-2-root-asset');
    await link.click();

    await expect.poll(() => where(page)).toBe(`${APP}/traces/${root.lastTraceId}`);
    await waitForPageData(page, testIds.trace.container);
    await expect(page.getByTestId(testIds.trace.summary)).toContainText(ROOT);
    await expect(page.getByTestId(testIds.trace.summary)).toContainText(/[1-9]\d* error spans?/);
    await screenshot(page, 'incidents-3-trace');
    console.expectNoErrors();
  });
});
