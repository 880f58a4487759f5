/**
 * Trace drill-down against the demo pipeline's Jaeger and Loki stand-ins (built bundle): recent
 * traces failed first, the failing run's waterfall with its error span, critical path and the
 * run's Loki lines under their spans, keyboard navigation and the details pane.
 */
import { expect, test } from '@playwright/test';
import { testIds } from '../../src/testIds';
import { collectConsoleErrors, demoState, gotoAppPage, screenshot } from './helpers';

test('lists recent traces failed first and opens one', async ({ page, request }) => {
  const console = collectConsoleErrors(page);
  const demo = await demoState(request);
  await gotoAppPage(page, 'traces');
  const recent = page.getByTestId(testIds.trace.recent);
  const first = recent.getByRole('row').nth(1);
  await expect(first).toContainText('error');
  await expect(first).toContainText(demo.scenario.failingAsset!);
  await first.getByRole('link', { name: /Open trace/ }).click();
  await expect(page).toHaveURL(/\/traces\/[0-9a-f]+/);
  await expect(page.getByTestId(testIds.trace.waterfall).getByRole('row').first()).toBeVisible();
  console.expectNoErrors();
});

test('the failing run: error span, critical path, Loki lines under their spans, details', async ({ page, request }) => {
  const console = collectConsoleErrors(page);
  const demo = await demoState(request);
  const failing = demo.scenario.failingAsset!;
  const traceId = demo.state[failing].lastTraceId!;
  await gotoAppPage(page, `traces/${traceId}`);

  const summary = page.getByTestId(testIds.trace.summary);
  await expect(summary).toContainText(failing);
  await expect(summary).toContainText(/\d+ error span/);
  // The demo logs carry span ids: every line of the run is attached by span id.
  await expect(summary).toContainText(/log lines: [1-9]\d* by span id/);

  const waterfall = page.getByTestId(testIds.trace.waterfall);
  const errorRows = waterfall.locator('[role="row"][aria-label$=", error"]');
  await expect(errorRows.first()).toBeVisible();
  await expect(waterfall.getByTestId(testIds.trace.log).first()).toBeVisible();
  const errorLog = waterfall.getByTestId(testIds.trace.log).filter({ hasText: 'asset_failed' });
  await expect(errorLog).toBeVisible();

  await errorRows.last().click();
  const details = page.getByTestId(testIds.trace.details);
  await expect(details).toContainText('error');
  await expect(details).toContainText(/Events \([1-9]/);
  await expect(details).toContainText(/Loki logs \([1-9]/);
  await expect(page).toHaveURL(/span=[0-9a-f]+/);
  await screenshot(page, 'trace-failing-run-dark');

  // Keyboard: rows are focusable, arrows move, Enter opens the details of the focused row.
  await waterfall.getByRole('row').first().click();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const focused = waterfall.locator('[role="row"]:focus');
  await expect(focused).toHaveAttribute('data-row-index', '2');
  const isLog = (await focused.getAttribute('data-testid')) === testIds.trace.log;
  const label = (await focused.getAttribute('aria-label')) ?? '';
  await page.keyboard.press('Enter');
  // The details follow the focused row: a log line, or the span named in the row's label.
  const expected = isLog ? 'Log line' : label.split(',')[0].replace(/^\S+ /, '');
  await expect(details.getByRole('heading', { level: 3 })).toHaveText(expected);
  console.expectNoErrors();
});

test('filters to error spans and collapses a subtree, light theme', async ({ page, request }) => {
  const demo = await demoState(request);
  const traceId = demo.state[demo.scenario.failingAsset!].lastTraceId!;
  await gotoAppPage(page, `traces/${traceId}`, { theme: 'light' });
  const waterfall = page.getByTestId(testIds.trace.waterfall);
  const spans = waterfall.locator('[role="row"][aria-level]:not([data-testid="' + testIds.trace.log + '"])');
  await expect(spans.first()).toBeVisible();
  const all = await spans.count();
  await page.getByRole('radio', { name: 'Errors' }).click();
  await expect.poll(() => spans.count()).toBeLessThan(all);
  await page.getByRole('radio', { name: 'All spans' }).click();
  await expect.poll(() => spans.count()).toBe(all);
  await page.getByRole('button', { name: 'Collapse all' }).click();
  await expect.poll(() => spans.count()).toBeLessThan(all);
  await screenshot(page, 'trace-light-collapsed');
});
