/**
 * The trace flow on Tempo: a second sandbox stack whose Cascade data source reads traces from the
 * Tempo stand-in (`npm start -- --traces tempo`), Loki for the logs; Prometheus is the global
 * stack's. Recent traces failed first, then the failing run's waterfall with its error span,
 * critical path and the run's Loki lines under their spans.
 */
import { expect, test } from '@playwright/test';
import { testIds } from '../../src/testIds';
import { startStack, type Stack } from '../../sandbox/server/stack';
import { APP_ID, collectConsoleErrors, sandboxPath, waitForHost } from './helpers';

let stack: Stack;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  stack = await startStack({
    port: 0,
    traces: 'tempo',
    prometheusUrl: process.env.SANDBOX_PROMETHEUS_URL,
    waitForScrape: false,
    scenario: { autoRun: false },
  });
});

test.afterAll(async () => {
  await stack?.stop();
});

const open = async (page: import('@playwright/test').Page, route: string) => {
  await page.goto(`${stack.url}${sandboxPath(`/a/${APP_ID}/${route}`)}`);
  await waitForHost(page);
};

test('Tempo: recent traces failed first, then the failing run with its logs under the spans', async ({ page }) => {
  const console = collectConsoleErrors(page);
  const failing = 'publish_to_postgres';
  const traceId = stack.demo!.pipeline.state()[failing].lastTraceId!;
  const tempoSearches: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/datasources/proxy/uid/cascade-tempo/api/search')) {
      tempoSearches.push(r.url());
    }
  });
  await open(page, 'traces');
  const recent = page.getByTestId(testIds.trace.recent);
  const first = recent.getByRole('row').nth(1);
  await expect(first).toContainText('error');
  await expect(first).toContainText(failing);
  expect(tempoSearches.length).toBeGreaterThan(0);

  await open(page, `traces/${traceId}`);
  const summary = page.getByTestId(testIds.trace.summary);
  await expect(summary).toContainText(failing);
  await expect(summary).toContainText(/\d+ error span/);
  await expect(summary).toContainText(/log lines: [1-9]\d* by span id/);
  const waterfall = page.getByTestId(testIds.trace.waterfall);
  await expect(waterfall.locator('[role="row"][aria-label$=", error"]').first()).toBeVisible();
  await expect(waterfall.getByTestId(testIds.trace.log).filter({ hasText: 'asset_failed' })).toBeVisible();
  console.expectNoErrors();
});
