/**
 * Dashboard annotations of the built data source (issue 15): the sandbox has no dashboards, so its
 * /sandbox/annotations page runs the bundled dashboards' annotation definitions the way a Grafana
 * dashboard does (prepareAnnotation → prepareQuery → query() through the proxy → processEvents) against
 * the real Prometheus, and shows the events as Grafana's tooltip would (sanitized HTML text, tags).
 */
import { expect, test } from '@playwright/test';
import { testIds } from '../../src/testIds';
import {
  APP_ID,
  collectConsoleErrors,
  demoState,
  hostTestIds,
  runPipeline,
  sandboxPath,
  screenshot,
  waitForHost,
  waitForScrape,
} from './helpers';

const NAME = 'Cascade: failed runs, SLA breaches, alerts';
const STALE = 'mrt_glucose_readings';
const FAILING = 'publish_to_postgres';

test('the asset dashboard overlays its asset only: the stale asset past its SLA, linked to its page', async ({
  page,
}) => {
  const console = collectConsoleErrors(page);
  await page.goto(
    sandboxPath('/sandbox/annotations', { query: { dashboard: 'dashboards/asset.json', 'var-asset': STALE } })
  );
  await waitForHost(page);
  const list = page.getByTestId(hostTestIds.annotationList(NAME));
  await expect(list).toBeVisible();
  const events = list.getByTestId(hostTestIds.annotationEvent);
  const breach = events.filter({ hasText: `${STALE} past its SLA` });
  await expect(breach).toHaveCount(1);
  await expect(breach).toContainText(
    new RegExp(`${STALE} past its 2h SLA: not updated for 5h( \\d+m)?, still stale \\(critical after 4h\\)`)
  );
  for (const tag of [STALE, 'SLA breach', 'critical']) {
    await expect(breach.getByText(tag, { exact: true })).toBeVisible();
  }
  // Only the dashboard's asset ($asset).
  for (const text of await events.allTextContents()) {
    expect(text).toContain(STALE);
  }
  await screenshot(page, 'annotations-asset');
  await breach.getByRole('link', { name: `Open ${STALE} in Cascade` }).click();
  await expect(page).toHaveURL(new RegExp(`/a/${APP_ID}/assets/${STALE}$`));
  await expect(page.getByTestId(testIds.asset.container)).toBeVisible();
  console.expectNoErrors();
});

test("the operations dashboard overlays every asset: the failing asset's failed runs, still failing", async ({
  page,
  request,
}) => {
  await runPipeline(request);
  await runPipeline(request);
  await waitForScrape(request, await demoState(request));
  await page.goto(sandboxPath('/sandbox/annotations', { query: { dashboard: 'dashboards/operations.json' } }));
  await waitForHost(page);
  const events = page.getByTestId(hostTestIds.annotationList(NAME)).getByTestId(hostTestIds.annotationEvent);
  const failed = events.filter({ hasText: `${FAILING} failed` }).last();
  await expect(failed).toContainText(
    new RegExp(`${FAILING} failed: \\d+ failed runs?, still failing at the end of the range`)
  );
  await expect(failed.getByText('failed run', { exact: true })).toBeVisible();
  await expect(events.filter({ hasText: `${STALE} past its SLA` })).toHaveCount(1);
});
