/**
 * Every app page against the demo pipeline (real Prometheus, Loki/Jaeger stand-ins, the built
 * bundle), in both themes: no console errors, and the numbers the simulator's state implies —
 * statuses from the documented rules, ages from the last update times, run and failure counts,
 * pass rates, alerts, traces. One browser page per theme; a screenshot of every page per theme.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { testIds } from '../../src/testIds';
import {
  ageOf,
  collectConsoleErrors,
  type ConsoleCollector,
  demoState,
  type DemoSnapshot,
  expectDuration,
  expectedStatus,
  gotoAppPage,
  percentOf,
  PROVISIONED_RULES,
  readTable,
  runPipeline,
  screenshot,
  type Theme,
  waitForPageData,
  waitForScrape,
} from './helpers';

const VIEWPORT = { width: 1280, height: 800 };
/** Ages are printed rounded (e.g. "5.0 hours" is ±3 min) and evaluated at query time. */
const AGE_TOLERANCE_S = 240;

/** The simulator's state once Prometheus has scraped it (so counts compare exactly). */
async function scrapedState(request: Parameters<typeof demoState>[0]): Promise<DemoSnapshot> {
  const demo = await demoState(request);
  await waitForScrape(request, demo);
  return demo;
}

const statuses = (demo: DemoSnapshot) =>
  Object.fromEntries(demo.assets.map((a) => [a.name, expectedStatus(a.name, demo.state[a.name])]));
const minPassRate = (rates: Record<string, number>) => Math.min(...Object.values(rates));
const sum = (demo: DemoSnapshot, key: 'runs' | 'failures') => Object.values(demo.state).reduce((n, s) => n + s[key], 0);

/** Pixels of a chart's canvases in a saturated colour (series lines; grid, text and grey lines are not). */
const saturatedPixels = (chart: Locator) =>
  chart.evaluate((el) =>
    Array.from(el.querySelectorAll('canvas')).reduce((n, c) => {
      const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? new Uint8ClampedArray();
      for (let i = 0; i < data.length; i += 4) {
        n +=
          data[i + 3] > 200 &&
          Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 80
            ? 1
            : 0;
      }
      return n;
    }, 0)
  );

for (const theme of ['dark', 'light'] as Theme[]) {
  test.describe(`app pages, ${theme} theme`, () => {
    test.describe.configure({ mode: 'serial' });
    let page: Page;
    let console: ConsoleCollector;

    test.beforeAll(async ({ browser }) => {
      page = await browser.newPage({ viewport: VIEWPORT, baseURL: process.env.SANDBOX_URL });
      console = collectConsoleErrors(page);
    });
    test.afterAll(async () => {
      await page.close();
    });
    test.beforeEach(() => console.clear());
    test.afterEach(() => console.expectNoErrors());

    /** Opens a page in this theme, waits for its data and saves its screenshot(s). */
    async function open(route: string, container: string) {
      await gotoAppPage(page, route, { theme });
      await expect(page.locator('body')).toHaveClass(new RegExp(`theme-${theme}`));
      await waitForPageData(page, container);
    }
    async function shoot(name: string) {
      await screenshot(page, `${name}-${theme}`);
      if (theme === 'dark') {
        // The README's shots: one 1280x800 viewport per page (docs/screenshots, src/img/screenshots).
        await screenshot(page, `readme/${name}`, { fullPage: false });
      }
    }

    test('overview: pipeline status, worst freshness, quality score, checks, alerts, execution times', async ({
      request,
    }) => {
      const demo = await scrapedState(request);
      const { failingAsset, staleAsset, validationDip } = demo.scenario;
      const expected = statuses(demo);
      await open('overview', testIds.overview.container);

      const status = page.getByTestId(testIds.overview.pipelineStatus);
      await expect(status.getByRole('group', { name: /^Pipeline status: FAILING/ })).toBeVisible();
      for (const [asset, s] of Object.entries(expected).filter(([, s]) => s === 'failing' || s === 'stale')) {
        await expect(
          status.getByRole('listitem').filter({ has: page.getByRole('link', { name: asset, exact: true }) }),
          asset
        ).toContainText(s.toUpperCase());
      }

      // Worst freshness is the stale asset: its age is the time since its last update (≥ the scenario's 5 h).
      const freshness = page.getByTestId(testIds.overview.freshness);
      await expect(freshness.getByRole('link', { name: staleAsset!, exact: true })).toBeVisible();
      const worstLabel = (await freshness
        .getByRole('group', { name: /^Worst data freshness:/ })
        .getAttribute('aria-label'))!;
      const staleAge = ageOf(demo.state[staleAsset!])!;
      expect(staleAge).toBeGreaterThanOrEqual(demo.scenario.staleSeconds ?? 5 * 3600);
      expectDuration(worstLabel, staleAge, AGE_TOLERANCE_S, 'worst freshness');

      // Quality score: the lowest pass rate of any check, i.e. the validation dip.
      const lowest = Math.min(...Object.values(demo.state).map((s) => minPassRate(s.passRates)));
      expect(lowest).toBe(validationDip!.passRate);
      const quality = page.getByTestId(testIds.overview.quality);
      expect(percentOf((await quality.getByRole('group').first().getAttribute('aria-label'))!)).toBeCloseTo(lowest, 2);
      await expect(quality.getByRole('link', { name: validationDip!.asset, exact: true })).toBeVisible();

      // Every check's latest pass rate, worst first; the dip is below 95 %.
      const checks = await readTable(page.getByTestId(testIds.overview.checks));
      const allChecks = demo.assets.flatMap((a) =>
        Object.entries(demo.state[a.name].passRates).map(([check, rate]) => ({ asset: a.name, check, rate }))
      );
      expect(checks).toHaveLength(Math.min(10, allChecks.length));
      for (const row of checks) {
        const want = allChecks.find((c) => c.asset === row.Asset && c.check === row.Check);
        expect(want, `${row.Asset} / ${row.Check} is a check of the simulator`).toBeDefined();
        expect(percentOf(row['Pass rate']), `${row.Asset} / ${row.Check}`).toBeCloseTo(want!.rate, 2);
      }
      expect(checks[0]).toMatchObject({ Asset: validationDip!.asset, Check: validationDip!.check });
      expect(percentOf(checks[0]['Pass rate'])).toBeLessThan(PROVISIONED_RULES.minPassRate);

      // Prometheus' own alerts from the seed's rules: the stale asset's DatasetFreshness, the dip's ValidationFailure.
      const alerts = page.getByTestId(testIds.overview.alerts).getByRole('listitem');
      await expect(alerts.filter({ hasText: 'DatasetFreshness' }).filter({ hasText: staleAsset! })).toContainText(
        /PENDING|FIRING/
      );
      await expect(
        alerts.filter({ hasText: 'ValidationFailure' }).filter({ hasText: validationDip!.asset })
      ).toContainText(/PENDING|FIRING/);

      // Execution times: every asset that ran in the range, with its status.
      const times = await readTable(page.getByTestId(testIds.overview.executionTimes));
      const ran = demo.assets.filter((a) => demo.state[a.name].runs > 0).map((a) => a.name);
      expect(times.map((r) => r.Asset).sort()).toEqual([...ran].sort());
      expect(times.find((r) => r.Asset === failingAsset)?.Status).toContain('FAILING');
      await expect(page.getByTestId(testIds.overview.resources)).toContainText(/Disk/);
      await shoot('overview');
    });

    test('lineage: every asset with the status its state implies, worst first', async ({ request }) => {
      const demo = await scrapedState(request);
      const expected = statuses(demo);
      await open('lineage', testIds.lineage.container);
      const list = page.getByTestId(testIds.lineage.list);
      await expect(list.getByRole('button')).toHaveCount(demo.assets.length);
      for (const a of demo.assets) {
        await expect(page.getByTestId(testIds.lineage.node(a.name)), a.name).toContainText(
          `${expected[a.name]} · ${a.layer}`
        );
      }
      await expect(list.getByRole('button').first()).toContainText(demo.scenario.failingAsset!);
      const edges = demo.assets.reduce((n, a) => n + a.upstream.length, 0);
      await expect(
        page.getByRole('img', {
          name: new RegExp(`^Lineage graph of ${demo.assets.length} assets and ${edges} dependencies`),
        })
      ).toBeVisible();
      // Selected (the view a user investigates), for the screenshot.
      await page.getByTestId(testIds.lineage.node(demo.scenario.failingAsset!)).click();
      await expect(page.getByTestId(testIds.lineage.details).getByRole('heading', { level: 3 })).toHaveText(
        demo.scenario.failingAsset!
      );
      await shoot('lineage');
    });

    test('freshness: one gauge per asset, stalest first, ages from the last updates, default SLA', async ({
      request,
    }) => {
      const demo = await scrapedState(request);
      const expected = statuses(demo);
      await open('freshness', testIds.freshness.container);
      const gauges = page.locator(`[data-testid^="${testIds.freshness.gauge('')}"]`);
      await expect(gauges).toHaveCount(demo.assets.length);
      const order = [...demo.assets]
        .sort((a, b) => demo.state[a.name].lastUpdate! - demo.state[b.name].lastUpdate! || a.name.localeCompare(b.name))
        .map((a) => a.name);
      expect(await gauges.evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))).toEqual(
        order.map((a) => testIds.freshness.gauge(a))
      );
      expect(order[0]).toBe(demo.scenario.staleAsset);

      for (const a of demo.assets) {
        const gauge = page.getByTestId(testIds.freshness.gauge(a.name));
        const age = ageOf(demo.state[a.name])!;
        await expect(gauge, a.name).toContainText(expected[a.name].toUpperCase());
        // The meter carries the exact age in seconds; the "Age" line prints it compactly.
        const now = Number(await gauge.getByRole('meter').getAttribute('aria-valuenow'));
        expect(Math.abs(now - age), `${a.name}: meter ${now} s vs age ${age.toFixed(0)} s`).toBeLessThan(60);
        expectDuration(
          (await gauge.locator('dt:text-is("Age") + dd').innerText()).split('=').pop()!,
          age,
          90,
          `${a.name} age`
        );
        await expect(gauge).toContainText('warning after 2h, critical after 4h (default)');
      }
      const critical = demo.assets.filter((a) => ageOf(demo.state[a.name])! > PROVISIONED_RULES.criticalSeconds).length;
      await expect(page.getByRole('radio', { name: `Critical (${critical})` })).toBeVisible();
      await shoot('freshness');
    });

    test('assets: every asset with status, runs, failures, pass rate, layer and owner', async ({ request }) => {
      const demo = await scrapedState(request);
      const expected = statuses(demo);
      await open('assets', testIds.assets.container);
      const rows = await readTable(page.getByTestId(testIds.assets.table));
      expect(rows.map((r) => r.Asset).sort()).toEqual(demo.assets.map((a) => a.name).sort());
      for (const a of demo.assets) {
        const s = demo.state[a.name];
        const row = rows.find((r) => r.Asset === a.name)!;
        expect(row, a.name).toMatchObject({
          Status: expected[a.name].toUpperCase(),
          Layer: a.layer,
          Owner: a.owner,
          Runs: String(s.runs),
          Failures: String(s.failures),
        });
        expect(percentOf(row['Pass rate']), `${a.name} pass rate`).toBeCloseTo(minPassRate(s.passRates), 2);
      }
      expect(rows[0].Asset).toBe(demo.scenario.failingAsset);
      await shoot('assets');
    });

    test('asset page: the failing asset with its runs, failures, error logs, duration chart, lineage and failed traces', async ({
      request,
    }) => {
      test.slow(); // may reload until the duration chart has lines (below)
      // One more round now, so the last minute has finished runs for the duration chart (below).
      await runPipeline(request);
      const demo = await scrapedState(request);
      const asset = demo.scenario.failingAsset!;
      const spec = demo.assets.find((a) => a.name === asset)!;
      const s = demo.state[asset];
      await open(`assets/${asset}`, testIds.asset.container);

      const status = page.getByTestId(testIds.asset.status);
      await expect(status.getByRole('group', { name: 'Status: FAILING' })).toBeVisible();
      const fact = (name: string) => status.locator(`dt:text-is("${name}") + dd`);
      await expect(fact('Owner')).toHaveText(spec.owner);
      await expect(fact('Layer')).toHaveText(spec.layer);
      expect((await fact('Row count').innerText()).replace(/\D/g, '')).toBe(String(s.rowCount));
      // One error line per failed run in Loki (the demo logs `asset_failed` at level error).
      await expect(fact('Error logs in range')).toHaveText(String(s.failures));

      const runs = page.getByTestId(testIds.asset.runs);
      await expect(runs.getByRole('group', { name: `Runs: ${s.runs}` })).toBeVisible();
      await expect(runs.getByRole('group', { name: new RegExp(`^Successes: ${s.successes}\\b`) })).toBeVisible();
      await expect(
        runs.getByRole('group', { name: new RegExp(`^Failures: ${s.failures} \\(100(\\.0+)?%\\)`) })
      ).toBeVisible();

      const lineage = page.getByTestId(testIds.asset.lineage);
      for (const up of spec.upstream) {
        await expect(lineage.getByRole('link', { name: up, exact: true })).toBeVisible();
      }
      const errorLines = page
        .getByTestId(testIds.asset.logs)
        .getByRole('row')
        .filter({ has: page.getByRole('cell', { name: 'error', exact: true }) });
      await expect(errorLines.first()).toBeVisible();

      // Every run of a failing asset has a failed trace (the first page holds 10).
      const traces = await readTable(page.getByTestId(testIds.asset.traces));
      expect(traces).toHaveLength(Math.min(10, s.runs));
      expect(traces.every((t) => t.Status.includes('Failed'))).toBe(true);
      if (s.runs <= 10) {
        // Tables show trace ids shortened by Cascade's one rule (a prefix and '…'; the full id on hover).
        expect(traces.some((t) => s.lastTraceId!.startsWith(t.Trace.replace(/…$/, '')))).toBe(true);
      }

      // The duration chart: rates over the scrape window, so zoom to the last 5 minutes, where the
      // round above finished. Grafana's renderer draws avg / p95 / p99 in the palette's colours.
      // Right after the round a rate may have a single point (a dot, not a line): reload until the
      // next scrapes have turned the points into lines.
      const chart = page
        .getByTestId(testIds.asset.runs)
        .getByRole('figure', { name: 'Execution time (avg, p95, p99)' });
      const drawnPixels = async () => {
        await gotoAppPage(page, `assets/${asset}`, { theme, query: { from: 'now-5m', to: 'now' } });
        await waitForPageData(page, testIds.asset.container);
        await expect(chart).toBeVisible();
        await expect.poll(() => saturatedPixels(chart), { timeout: 5_000 }).toBeGreaterThan(0);
        return saturatedPixels(chart);
      };
      await expect.poll(drawnPixels, { timeout: 30_000, intervals: [1_000, 2_000] }).toBeGreaterThan(50);
      await shoot('asset');
    });

    test('traces search: recent traces of every run, failed first', async ({ request }) => {
      const demo = await scrapedState(request);
      const runs = sum(demo, 'runs');
      const failures = sum(demo, 'failures');
      await open('traces', testIds.trace.container);
      const rows = await readTable(page.getByTestId(testIds.trace.recent));
      const shown = Math.min(20, runs);
      expect(rows).toHaveLength(shown);
      const failed = rows.map((r) => /error/.test(r.Status));
      // Failed first: no failed row after an ok one.
      expect(failed.indexOf(false) === -1 || failed.lastIndexOf(true) < failed.indexOf(false)).toBe(true);
      if (runs <= 20) {
        expect(failed.filter(Boolean)).toHaveLength(failures);
        const ran = demo.assets.filter((a) => demo.state[a.name].runs > 0);
        expect(new Set(rows.map((r) => r.Asset))).toEqual(new Set(ran.map((a) => a.name)));
        const lastFailed = demo.state[demo.scenario.failingAsset!].lastTraceId!;
        expect(rows.find((r) => lastFailed.startsWith(r.Trace.replace(/…$/, '')))?.Status).toMatch(/error/);
      }
      await shoot('traces');
    });

    test('trace: the failing run with its error spans and its Loki lines under the spans', async ({ request }) => {
      const demo = await scrapedState(request);
      const asset = demo.scenario.failingAsset!;
      const traceId = demo.state[asset].lastTraceId!;
      await open(`traces/${traceId}`, testIds.trace.container);
      const summary = page.getByTestId(testIds.trace.summary);
      await expect(summary).toContainText(asset);
      await expect(summary).toContainText(traceId);
      await expect(summary).toContainText(/[1-9]\d* error spans?/);
      const waterfall = page.getByTestId(testIds.trace.waterfall);
      await expect(waterfall.locator('[role="row"][aria-label$=", error"]').first()).toBeVisible();
      // The run's Loki lines: each carries the trace id (the raw line is the row's tooltip).
      const logs = waterfall.getByTestId(testIds.trace.log);
      await expect(logs.first()).toBeVisible();
      expect(await logs.count()).toBe(
        await logs.filter({ has: page.locator(`[title*='"trace_id":"${traceId}"']`) }).count()
      );
      await expect(logs.filter({ hasText: 'asset_failed' })).toHaveCount(1);
      // Offsets are signed once ("-646 µs" for a line logged just before the root span), never "+-".
      await expect(logs.filter({ hasText: '+-' })).toHaveCount(0);
      await shoot('trace');
    });
  });
}
