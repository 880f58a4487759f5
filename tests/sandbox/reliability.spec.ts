/**
 * One backend down, every page still useful (issue 7). A second sandbox server whose data source
 * proxy reaches the real Prometheus and the Loki/Jaeger stand-ins through fault proxies
 * (tests/integration/faults/faultProxy.ts); for each backend in turn its proxy stops listening, so
 * the sandbox proxy meets a dead port for that uid (Grafana answers 502, as here). Every app page
 * (built bundle, Chromium) must show a message naming the failing backend where the page uses it,
 * keep the other backends' data, and log no console error but the expected 502s of that uid.
 * Roles: every page renders for Viewer; the app config and data source pages are Admin-only.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { type DemoHandle, RULES_FILE, type RunningPrometheus, startDemo, startPrometheus } from '../../demo/src';
import { startSandboxServer, type SandboxServer } from '../../sandbox/server/server';
import { STACK_SCENARIO } from '../../sandbox/server/stack';
import { testIds } from '../../src/testIds';
import { type Backend, type FaultProxy, startFaultProxy } from '../integration/faults/faultProxy';
import { recordReliability } from '../integration/faults/report';
import {
  APP_ID,
  collectConsoleErrors,
  hostTestIds,
  type Role,
  sandboxPath,
  screenshot,
  waitForHost,
  waitForPageData,
} from './helpers';

const BACKENDS: Backend[] = ['prometheus', 'loki', 'jaeger'];
const LABEL: Record<Backend, string> = { prometheus: 'Prometheus', loki: 'Loki', jaeger: 'Jaeger' };
const UID: Record<Backend, string> = {
  prometheus: 'cascade-prometheus',
  loki: 'cascade-loki',
  jaeger: 'cascade-jaeger',
};
const KNOWN_ASSET = 'stg_glucose_entries';

interface PageSpec {
  name: string;
  route: (traceId: string) => string;
  container: string;
  /** Backends the page's queries use (from its query list). */
  uses: Backend[];
  /** Data that must still show while `down` is failing (undefined: nothing left to show, the message is the content). */
  stillShows: (page: Page, down: Backend) => Promise<void> | undefined;
}

const assetNameVisible = (page: Page) => expect(page.getByText(KNOWN_ASSET, { exact: true }).first()).toBeVisible();

const PAGES: PageSpec[] = [
  {
    name: 'overview',
    route: () => 'overview',
    container: testIds.overview.container,
    uses: BACKENDS,
    // Without Prometheus the failing asset is still known from its error logs and failed trace.
    stillShows: async (page, down) => {
      if (down !== 'prometheus') {
        return assetNameVisible(page);
      }
      await expect(
        page.getByTestId(testIds.overview.pipelineStatus).getByText(STACK_SCENARIO.failingAsset!, { exact: true })
      ).toBeVisible();
      // The Prometheus-only panels say why they are empty, not "no asset reported a last update time".
      for (const id of [testIds.overview.freshness, testIds.overview.quality, testIds.overview.executionTimes]) {
        await expect(page.getByTestId(id)).toContainText('No data: Prometheus is unavailable');
      }
    },
  },
  {
    name: 'assets',
    route: () => 'assets',
    container: testIds.assets.container,
    uses: BACKENDS,
    stillShows: async (page, down) => {
      const row = page.getByTestId(testIds.assets.table).getByRole('row').filter({ hasText: KNOWN_ASSET });
      await expect(row).toBeVisible();
      if (down === 'prometheus') {
        // Known from its logs and traces: listed, unknown, and saying why.
        await expect(row).toContainText('UNKNOWN');
        await expect(row).toContainText('Prometheus is unavailable');
      }
    },
  },
  {
    name: 'asset',
    route: () => `assets/${KNOWN_ASSET}`,
    container: testIds.asset.container,
    uses: BACKENDS,
    stillShows: async (page, down) => {
      if (down !== 'loki') {
        await expect(page.getByTestId(testIds.asset.logs).getByRole('row').nth(1)).toBeVisible();
      } else {
        await expect(page.getByTestId(testIds.asset.logs)).toContainText('No data: Loki is unavailable');
      }
      if (down !== 'jaeger') {
        await expect(page.getByTestId(testIds.asset.traces).getByRole('row').nth(1)).toBeVisible();
      } else {
        await expect(page.getByTestId(testIds.asset.traces)).toContainText('No data: Jaeger is unavailable');
      }
      if (down !== 'prometheus') {
        await expect(page.getByTestId(testIds.asset.runs)).toContainText(/Runs\s*\d/);
      }
    },
  },
  {
    name: 'lineage',
    route: () => 'lineage',
    container: testIds.lineage.container,
    uses: BACKENDS,
    stillShows: async (page, down) => {
      const item = page.getByTestId(testIds.lineage.list).getByRole('listitem').filter({ hasText: KNOWN_ASSET });
      await expect(item.first()).toBeVisible();
      if (down === 'prometheus') {
        await expect(item.first()).toContainText('unknown');
      }
    },
  },
  {
    name: 'freshness',
    route: () => 'freshness',
    container: testIds.freshness.container,
    uses: BACKENDS,
    stillShows: async (page, down) => {
      if (down !== 'prometheus') {
        return expect(page.getByTestId(testIds.freshness.gauge(KNOWN_ASSET))).toBeVisible();
      }
      // Ages and forecasts are Prometheus' only: no "On time" or "never reported" guessed without it.
      await expect(page.getByTestId(testIds.freshness.forecast)).toContainText('No data: Prometheus is unavailable');
      await expect(page.getByTestId(testIds.freshness.gauge(KNOWN_ASSET))).toHaveCount(0);
    },
  },
  {
    name: 'traces',
    route: () => 'traces',
    container: testIds.trace.container,
    uses: ['jaeger'],
    stillShows: (page, down) =>
      down === 'jaeger'
        ? undefined
        : expect(page.getByTestId(testIds.trace.recent).getByRole('row').nth(1)).toBeVisible(),
  },
  {
    name: 'trace',
    route: (traceId) => `traces/${traceId}`,
    container: testIds.trace.container,
    uses: ['jaeger', 'loki'],
    stillShows: async (page, down) => {
      if (down !== 'jaeger') {
        await expect(page.getByTestId(testIds.trace.waterfall).getByRole('row').first()).toBeVisible();
      }
      if (down === 'prometheus') {
        await expect(page.getByTestId(testIds.trace.log).first()).toBeVisible();
      }
    },
  },
];

let demo: DemoHandle;
let prometheus: RunningPrometheus;
let server: SandboxServer;
const proxies = {} as Record<Backend, FaultProxy>;
let traceId: string;
const checked: Record<string, number> = {};

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({}, testInfo) => {
  testInfo.setTimeout(180_000);
  demo = await startDemo({ ...STACK_SCENARIO, autoRun: false });
  prometheus = await startPrometheus({ targets: [demo.metricsTarget], rulesFiles: [RULES_FILE], scrapeInterval: '2s' });
  for (let i = 0; i < 2; i++) {
    await demo.pipeline.runAll();
  }
  await prometheus.waitForScrapes(2);
  traceId = demo.pipeline.state()[KNOWN_ASSET].lastTraceId!;
  const targets: Record<Backend, string> = { prometheus: prometheus.url, loki: demo.lokiUrl!, jaeger: demo.jaegerUrl! };
  for (const b of BACKENDS) {
    proxies[b] = await startFaultProxy(b, targets[b]);
  }
  server = await startSandboxServer({
    port: 0,
    env: {
      ...process.env,
      CASCADE_PROMETHEUS_URL: proxies.prometheus.url,
      CASCADE_LOKI_URL: proxies.loki.url,
      CASCADE_JAEGER_URL: proxies.jaeger.url,
    },
  });
});

test.afterAll(async () => {
  recordReliability('browser-backend-down', { pagesPerBackend: PAGES.length, pageChecksByBackendDown: checked });
  await server?.stop();
  await Promise.all(BACKENDS.map((b) => proxies[b]?.close()));
  await prometheus?.stop();
  await demo?.stop();
});

async function newPage(browser: Browser, role: Role = 'Admin'): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(sandboxPath('/', { role }));
  return { context, page };
}

for (const down of BACKENDS) {
  test(`${LABEL[down]} down: every page names it where used and keeps the other backends' data`, async ({
    browser,
  }) => {
    // Seven pages, each checked for what it still shows and what it says is missing.
    test.setTimeout(300_000);
    await proxies[down].setMode('refused');
    const { context, page } = await newPage(browser);
    try {
      for (const spec of PAGES) {
        const console = collectConsoleErrors(page);
        await page.goto(`/a/${APP_ID}/${spec.route(traceId)}`);
        await waitForHost(page);
        await waitForPageData(page, spec.container);
        const step = `${spec.name} with ${down} down`;
        const alert = page.getByTestId(testIds.sourceError(down));
        if (spec.uses.includes(down)) {
          await expect(alert, step).toBeVisible();
          await expect(alert, step).toContainText(`${LABEL[down]} unavailable`);
          await expect(alert, step).toContainText(`Data source "${LABEL[down]}" is unreachable`);
          // One error once, however many queries met it.
          await expect(alert.getByText(`Data source "${LABEL[down]}" is unreachable`), step).toHaveCount(1);
        } else {
          await expect(alert, step).toHaveCount(0);
        }
        for (const other of [...BACKENDS.filter((b) => b !== down), 'cascade']) {
          await expect(page.getByTestId(testIds.sourceError(other)), `${step}: no ${other} error`).toHaveCount(0);
        }
        await spec.stillShows(page, down);
        if (spec.name === 'overview' || spec.name === 'asset') {
          await screenshot(page, `reliability-${down}-down-${spec.name}`);
        }
        // The only errors: the 502s the sandbox proxy answers for the dead backend's uid.
        console.expectNoErrors([new RegExp(`HTTP 502 GET .*/api/datasources/proxy/uid/${UID[down]}/`)]);
        checked[down] = (checked[down] ?? 0) + 1;
      }
    } finally {
      await context.close();
      await proxies[down].setMode('pass');
    }
  });
}

test('Viewer: pages render with data; the app config and data source pages are Admin-only (Editor too for config)', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { context, page } = await newPage(browser, 'Viewer');
  const console = collectConsoleErrors(page);
  try {
    await expect(page.getByTestId(hostTestIds.role)).toHaveAttribute('data-role', 'Viewer');
    // Access is per role, not per page: three pages covering every backend and query type are enough.
    for (const spec of PAGES.filter((p) => ['overview', 'asset', 'trace'].includes(p.name))) {
      await page.goto(`/a/${APP_ID}/${spec.route(traceId)}`);
      await waitForHost(page);
      await waitForPageData(page, spec.container);
      await expect(page.getByTestId(hostTestIds.accessDenied)).toHaveCount(0);
      await spec.stillShows(page, 'none' as Backend);
      for (const b of [...BACKENDS, 'cascade']) {
        await expect(page.getByTestId(testIds.sourceError(b))).toHaveCount(0);
      }
    }
    for (const path of [`/plugins/${APP_ID}`, '/connections/datasources/edit/cascade']) {
      await page.goto(path);
      await waitForHost(page);
      await expect(page.getByTestId(hostTestIds.accessDenied), path).toBeVisible();
      await expect(page.getByTestId(testIds.appConfig.container)).toHaveCount(0);
      await expect(page.getByTestId(testIds.datasource.configEditor)).toHaveCount(0);
    }
    // The sandbox's data source API refuses non-admins too (what the page would need to edit).
    expect((await page.request.get('/api/datasources/uid/cascade')).status()).toBe(403);
    console.expectNoErrors([/HTTP 403 GET .*\/api\/datasources\/uid\/cascade$/]);
  } finally {
    await context.close();
  }
  // Editor: the config page is still Admin-only.
  const editor = await newPage(browser, 'Editor');
  try {
    await editor.page.goto(`/plugins/${APP_ID}`);
    await waitForHost(editor.page);
    await expect(editor.page.getByTestId(hostTestIds.accessDenied)).toBeVisible();
  } finally {
    await editor.context.close();
  }
});

test('the data source settings page has no password or secret inputs (Admin)', async ({ browser }) => {
  const { context, page } = await newPage(browser, 'Admin');
  try {
    await page.goto('/connections/datasources/edit/cascade');
    await waitForHost(page);
    const editor = page.getByTestId(testIds.datasource.configEditor);
    await expect(editor).toBeVisible();
    await expect(editor.locator('input[type="password"]')).toHaveCount(0);
    await expect(editor.getByText(/password|secret|token|api key/i)).toHaveCount(0);
    await page.goto(`/plugins/${APP_ID}`);
    await waitForHost(page);
    await expect(page.getByTestId(testIds.appConfig.container)).toBeVisible();
    await expect(page.getByTestId(testIds.appConfig.container).locator('input[type="password"]')).toHaveCount(0);
  } finally {
    await context.close();
  }
});
