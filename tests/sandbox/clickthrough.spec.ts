/**
 * The drill-down a user makes when the pipeline breaks, end to end in the built plugin against the
 * demo stack: lineage node → its details → the asset page → a failed run's trace → the run's Loki
 * lines interleaved under the spans that logged them.
 */
import { expect, test, type Page } from '@playwright/test';
import { testIds } from '../../src/testIds';
import {
  collectConsoleErrors,
  demoState,
  type DemoSnapshot,
  gotoAppPage,
  screenshot,
  waitForPageData,
  waitForScrape,
} from './helpers';

/** Every asset downstream of `asset` in the simulator's DAG (transitively). */
function downstreamOf(demo: DemoSnapshot, asset: string): string[] {
  const out = new Set<string>();
  const visit = (name: string) =>
    demo.assets
      .filter((a) => a.upstream.includes(name) && !out.has(a.name))
      .forEach((a) => (out.add(a.name), visit(a.name)));
  visit(asset);
  return [...out];
}

interface WaterfallRow {
  index: number;
  level: number;
  spanId?: string;
  error: boolean;
  /** the raw Loki line of a log row (its tooltip) */
  body?: string;
}

/** The rendered waterfall rows in order: spans (id, depth, error) and log lines (raw body). */
async function waterfallRows(page: Page): Promise<WaterfallRow[]> {
  const spanPrefix = testIds.trace.span('');
  return page.getByTestId(testIds.trace.waterfall).evaluate(
    (el, { spanPrefix, logId }) =>
      Array.from(el.querySelectorAll('[role="row"][aria-level]'))
        .map((r) => {
          const id = r.getAttribute('data-testid') ?? '';
          return {
            index: Number(r.getAttribute('aria-rowindex')),
            level: Number(r.getAttribute('aria-level')),
            spanId: id.startsWith(spanPrefix) ? id.slice(spanPrefix.length) : undefined,
            error: /, error$/.test(r.getAttribute('aria-label') ?? ''),
            body: id === logId ? (r.querySelector('[title]')?.getAttribute('title') ?? undefined) : undefined,
          };
        })
        .sort((a, b) => a.index - b.index),
    { spanPrefix, logId: testIds.trace.log }
  );
}

test('lineage node → details → asset page → failed run trace → its logs under their spans', async ({
  page,
  request,
}) => {
  const console = collectConsoleErrors(page);
  const demo = await demoState(request);
  await waitForScrape(request, demo);
  const failing = demo.scenario.failingAsset!;
  const state = demo.state[failing];

  // 1. Lineage: centre the failing asset through its list entry, clear, then click its node on the canvas.
  await gotoAppPage(page, 'lineage');
  await waitForPageData(page, testIds.lineage.container);
  const details = page.getByTestId(testIds.lineage.details);
  await page.getByTestId(testIds.lineage.node(failing)).click();
  await expect(details.getByRole('heading', { level: 3 })).toHaveText(failing);
  await details.getByRole('button', { name: 'Clear the selection (Esc)' }).click();
  await expect(details).toHaveCount(0);
  const canvas = page.getByRole('img', { name: /^Lineage graph of/ });
  const box = (await canvas.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);

  // 2. Details: status, why, what it breaks downstream, and the way on.
  await expect(details.getByRole('heading', { level: 3 })).toHaveText(failing);
  await expect(details).toContainText('FAILING');
  await expect(details.getByRole('list', { name: 'Why' })).toContainText('last run failed');
  const broken = downstreamOf(demo, failing);
  await expect(details.getByTestId(testIds.lineage.impact)).toContainText(
    broken.length ? `failing: breaks ${broken.length} downstream asset` : 'failing: nothing downstream is affected'
  );
  await screenshot(page, 'clickthrough-1-lineage-details');
  await details.getByRole('link', { name: 'Open asset page' }).click();

  // 3. Asset page: failing, with the failed runs' traces (failed first).
  await expect(page).toHaveURL(new RegExp(`/a/cascade-pipeline-app/assets/${failing}(\\?|$)`));
  await waitForPageData(page, testIds.asset.container);
  await expect(page.getByTestId(testIds.asset.status).getByRole('group', { name: 'Status: FAILING' })).toBeVisible();
  await expect(
    page.getByTestId(testIds.asset.runs).getByRole('group', { name: new RegExp(`^Failures: ${state.failures}\\b`) })
  ).toBeVisible();
  const traceRows = page.getByTestId(testIds.asset.traces).getByRole('row').filter({ hasText: 'Failed' });
  await expect(traceRows).toHaveCount(Math.min(10, state.failures));
  const traceLink = traceRows.first().getByRole('link', { name: /^Open trace [0-9a-f]+$/ });
  const traceId = (await traceLink.getAttribute('aria-label'))!.replace('Open trace ', '');
  await screenshot(page, 'clickthrough-2-asset');
  await traceLink.click();

  // 4. Trace: the failed run's waterfall with error spans, and its Loki lines under their spans.
  await expect(page).toHaveURL(new RegExp(`/traces/${traceId}(\\?|$)`));
  await waitForPageData(page, testIds.trace.container);
  await expect(page.getByTestId(testIds.trace.summary)).toContainText(failing);
  await expect(page.getByTestId(testIds.trace.summary)).toContainText(/[1-9]\d* error spans?/);
  const logs = page.getByTestId(testIds.trace.waterfall).getByTestId(testIds.trace.log);
  await expect(logs.first()).toBeVisible();
  await expect(logs.filter({ has: page.locator(`[title*='"trace_id":"${traceId}"']`) }).first()).toBeVisible();

  const rows = await waterfallRows(page);
  const logRows = rows.filter((r) => r.body !== undefined);
  expect(logRows.length).toBeGreaterThan(0);
  for (const log of logRows) {
    const line = JSON.parse(log.body!) as { trace_id: string; span_id: string; event: string };
    expect(line.trace_id).toBe(traceId);
    // Interleaved: the nearest span row above a log line, one level up, is the span that logged it.
    const parent = rows.filter((r) => r.spanId && r.index < log.index && r.level === log.level - 1).pop();
    expect(parent?.spanId, `${line.event} sits under span ${line.span_id}`).toBe(line.span_id);
  }
  // The failure is logged on the span that raised, which the trace marks as an error.
  const failure = logRows.find((r) => JSON.parse(r.body!).event === 'asset_failed')!;
  const raising = rows.filter((r) => r.spanId && r.index < failure.index && r.level === failure.level - 1).pop()!;
  expect(raising.error).toBe(true);
  await screenshot(page, 'clickthrough-3-trace');
  console.expectNoErrors();
});
