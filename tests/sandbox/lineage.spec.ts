/**
 * Lineage health against the demo pipeline (real Prometheus, built bundle): the DAG is drawn on a
 * real canvas, statuses match the simulator's scenario, a click highlights without moving the
 * camera and answers fast, and the failing asset's impact is listed.
 */
import { expect, type Page, test } from '@playwright/test';
import { testIds } from '../../src/testIds';
import { collectConsoleErrors, demoState, gotoAppPage, screenshot } from './helpers';

const view = async (page: Page) => (await page.getByTestId(testIds.lineage.graph).getAttribute('data-view')) ?? '';
const canvas = (page: Page) => page.getByRole('img', { name: /Lineage graph of/ });

/** Fraction of canvas pixels that are not fully transparent (the drawing is not blank). */
async function inkRatio(page: Page): Promise<number> {
  return canvas(page).evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 3; i < data.length; i += 4) {
      ink += data[i] > 0 ? 1 : 0;
    }
    return ink / (data.length / 4);
  });
}

test('draws the demo DAG with statuses from the scenario and lists the worst first', async ({ page, request }) => {
  const console = collectConsoleErrors(page);
  const demo = await demoState(request);
  await gotoAppPage(page, 'lineage');
  const list = page.getByTestId(testIds.lineage.list);
  await expect(list.getByRole('button')).toHaveCount(demo.assets.length);
  // The scenario's failing asset (every run fails) heads the list, then the stale one.
  await expect(list.getByRole('button').first()).toContainText(`${demo.scenario.failingAsset}failing`);
  // Its last update is 5 h old: past the 4 h critical freshness SLA.
  await expect(page.getByTestId(testIds.lineage.node(demo.scenario.staleAsset!))).toContainText('stale');
  await expect(canvas(page)).toHaveAccessibleName(new RegExp(`Lineage graph of ${demo.assets.length} assets`));
  await expect.poll(() => inkRatio(page)).toBeGreaterThan(0.01);
  await screenshot(page, 'lineage-dark');
  console.expectNoErrors();
});

test('a click on the canvas selects without moving the graph', async ({ page }) => {
  await gotoAppPage(page, 'lineage');
  await expect(page.getByTestId(testIds.lineage.list).getByRole('button')).not.toHaveCount(0);
  // Centre the stale asset through the list (that one request does move the camera), then click it.
  await page.getByTestId(testIds.lineage.node('mrt_glucose_readings')).click();
  await expect(page.getByTestId(testIds.lineage.details)).toContainText('mrt_glucose_readings');
  await expect.poll(() => view(page)).not.toBe('');
  const before = await view(page);
  await page.getByTestId(testIds.lineage.details).getByRole('button', { name: 'Clear the selection (Esc)' }).click();
  await expect(page.getByTestId(testIds.lineage.details)).toHaveCount(0);

  const box = (await canvas(page).boundingBox())!;
  const started = await page.evaluate(() => performance.now());
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(page.getByTestId(testIds.lineage.details)).toContainText('mrt_glucose_readings');
  const elapsed = await page.evaluate(
    (t0) => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now() - t0))),
    started
  );
  expect(await view(page)).toBe(before);
  // Playwright's round trips are included, so this over-estimates the page's own response time.
  expect(elapsed).toBeLessThan(1000);
  test.info().annotations.push({ type: 'click-to-details-ms', description: elapsed.toFixed(0) });

  const details = page.getByTestId(testIds.lineage.details);
  await expect(details).toContainText('stale: breaks 1 downstream asset');
  await expect(
    details.getByTestId(testIds.lineage.impact).getByRole('button', { name: 'publish_to_postgres' })
  ).toBeVisible();
  await expect(details.getByRole('link', { name: 'Open asset page' })).toHaveAttribute(
    'href',
    /\/assets\/mrt_glucose_readings/
  );
});

test('zooms with the keyboard and the buttons, and fits back', async ({ page }) => {
  await gotoAppPage(page, 'lineage');
  await expect.poll(() => view(page)).not.toBe('');
  const fitted = await view(page);
  const scale = async () => Number((await view(page)).split(',')[0]);
  const fitScale = await scale();
  await canvas(page).focus();
  await page.keyboard.press('+');
  await expect.poll(scale).toBeGreaterThan(fitScale);
  await page.getByRole('button', { name: 'Zoom out (−)' }).click();
  await page.getByRole('button', { name: 'Zoom out (−)' }).click();
  await expect.poll(scale).toBeLessThan(fitScale);
  await page.getByRole('button', { name: 'Fit the whole graph (0)' }).click();
  await expect.poll(() => view(page)).toBe(fitted);
});

test('search and status filter narrow the list and survive a reload (URL state), light theme', async ({ page }) => {
  await gotoAppPage(page, 'lineage', { theme: 'light' });
  await page.getByTestId(testIds.lineage.search).fill('glucose');
  await page.getByRole('button', { name: /^stale \(\d+\)$/ }).click();
  const list = page.getByTestId(testIds.lineage.list);
  await expect(list.getByRole('button')).toHaveCount(1);
  await expect(list.getByRole('button')).toContainText('mrt_glucose_readings');
  await page.reload();
  await expect(page.getByTestId(testIds.lineage.list).getByRole('button')).toHaveCount(1);
  await expect(page.getByTestId(testIds.lineage.search)).toHaveValue('glucose');
  await screenshot(page, 'lineage-light-filtered');
});
