/**
 * Hostile content renders as text (issue 7). A second sandbox stack whose demo pipeline runs assets
 * NAMED with HTML/script payloads (so they reach Prometheus labels, Loki lines and span tags through
 * the real pipeline), plus log lines and span attributes/events carrying payloads, pushed to the
 * Loki and Jaeger stand-ins' own APIs. Every app page is opened in Chromium with the built bundle:
 * nothing executes (`window.__xss` stays undefined, no request for the `x` image, no injected
 * element), the payloads are visible as literal text, and the console stays clean.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { AssetSpec } from '../../demo/src';
import { startStack, type Stack } from '../../sandbox/server/stack';
import { testIds } from '../../src/testIds';
import { recordReliability } from '../integration/faults/report';
import {
  APP_ID,
  collectConsoleErrors,
  type ConsoleCollector,
  screenshot,
  waitForHost,
  waitForPageData,
} from './helpers';

const IMG = '<img src=x onerror=window.__xss=1>';
const SCRIPT = '<script>window.__xss=2</script>';
const SVG = '"><svg/onload=window.__xss=3>';
const JS_URL = 'javascript:window.__xss=4';
const ASSETS: AssetSpec[] = [
  { name: IMG, layer: 'bronze', owner: '<b>owner</b>', upstream: [], checks: ['<i>check</i>'], schema: 'raw' },
  { name: SCRIPT, layer: 'silver', owner: 'team', upstream: [IMG], checks: ['schema'], schema: 'staging' },
  { name: SVG, layer: 'gold', owner: 'team', upstream: [SCRIPT], checks: ['schema'], schema: 'marts' },
  { name: JS_URL, layer: 'gold', owner: 'team', upstream: [SVG], checks: ['schema'], schema: 'public' },
];
const TRACE_ID = 'abcdef0123456789abcdef0123456789';
const SPAN_ID = 'c0ffee0000000001';
const SPAN_ATTR = '<script>window.__xss=6</script>';
const SPAN_EVENT = '<img src=x onerror=window.__xss=7>';
const LOG_LINE = '<img src=x onerror=window.__xss=8> failed <script>window.__xss=9</script>';

let stack: Stack;
let context: BrowserContext;
let page: Page;
let console: ConsoleCollector;
const imageRequests: string[] = [];
let inertChecks = 0;

test.describe.configure({ mode: 'serial' });

async function pushHostileSignals(s: Stack) {
  const now = Date.now();
  const ns = (ms: number) => `${ms}000000`;
  // Loki push API: error lines of the IMG asset (asset page logs) and lines of the hostile trace (logs under spans).
  const lines = [
    JSON.stringify({ level: 'error', asset_name: IMG, msg: LOG_LINE, error_message: SCRIPT }),
    JSON.stringify({ level: 'info', asset_name: IMG, msg: LOG_LINE, trace_id: TRACE_ID, span_id: SPAN_ID }),
  ];
  const push = await fetch(`${s.lokiUrl}/loki/api/v1/push`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      streams: [{ stream: { job: 'dagster' }, values: lines.map((l, i) => [ns(now - 5000 + i), l]) }],
    }),
  });
  expect(push.status).toBe(204);
  // OTLP/JSON to the Jaeger stand-in: a trace of the IMG asset whose span carries hostile attributes and events.
  const span = (id: string, name: string, parent?: string) => ({
    traceId: TRACE_ID,
    spanId: id,
    parentSpanId: parent,
    name,
    kind: 1,
    startTimeUnixNano: ns(now - 4000),
    endTimeUnixNano: ns(now - 3000),
    attributes: [
      { key: 'asset_name', value: { stringValue: IMG } },
      { key: 'db.statement', value: { stringValue: SPAN_ATTR } },
      { key: 'http.url', value: { stringValue: JS_URL } },
    ],
    events: [
      {
        timeUnixNano: ns(now - 3500),
        name: SPAN_EVENT,
        attributes: [{ key: 'message', value: { stringValue: SPAN_EVENT } }],
      },
    ],
    status: { code: 2, message: SPAN_EVENT },
  });
  const otlp = await fetch(`${s.jaegerUrl}/v1/traces`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: 'service.name', value: { stringValue: 'dagster' } }] },
          scopeSpans: [{ spans: [span(SPAN_ID, SVG), span('c0ffee0000000002', SCRIPT, SPAN_ID)] }],
        },
      ],
    }),
  });
  expect(otlp.ok).toBe(true);
}

test.beforeAll(async ({ browser }: { browser: Browser }, testInfo) => {
  testInfo.setTimeout(180_000);
  stack = await startStack({
    port: 0,
    warmupRuns: 2,
    scenario: {
      assets: ASSETS,
      autoRun: false,
      failingAsset: IMG,
      staleAsset: JS_URL,
      slowAsset: SCRIPT,
      validationDip: { asset: SVG, check: 'schema', passRate: 90 },
    },
  });
  await pushHostileSignals(stack);
  context = await browser.newContext({ baseURL: stack.url, viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  console = collectConsoleErrors(page);
  page.on('dialog', (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });
  page.on('request', (r) => {
    if (/\/x(\?|$)/.test(new URL(r.url()).pathname)) {
      imageRequests.push(r.url());
    }
  });
});

test.afterAll(async () => {
  recordReliability('browser-xss', {
    payloads: [IMG, SCRIPT, SVG, JS_URL, SPAN_ATTR, SPAN_EVENT, LOG_LINE].length,
    pageChecks: inertChecks,
    executed: 0,
  });
  await context?.close();
  await stack?.stop();
});

/** Nothing executed, nothing injected, the console is clean. */
async function expectInert() {
  inertChecks++;
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(imageRequests).toEqual([]);
  await expect(page.locator('img[src="x"], svg[onload]')).toHaveCount(0);
  await expect(page.locator('script', { hasText: '__xss' })).toHaveCount(0);
  console.expectNoErrors();
}

async function open(route: string, container: string) {
  await page.goto(`/a/${APP_ID}/${route}`);
  await waitForHost(page);
  await waitForPageData(page, container);
}

test('overview: hostile asset names render as text, nothing runs', async () => {
  await open('overview', testIds.overview.container);
  await expect(page.getByText(IMG, { exact: true }).first()).toBeVisible();
  await screenshot(page, 'xss-overview');
  await expectInert();
});

test('assets table and the asset page (its logs and traces) render payloads as text', async () => {
  await open('assets', testIds.assets.container);
  for (const a of ASSETS) {
    await expect(page.getByTestId(testIds.assets.table).getByText(a.name, { exact: true }).first()).toBeVisible();
  }
  await expectInert();
  await open(`assets/${encodeURIComponent(IMG)}`, testIds.asset.container);
  await expect(page.getByTestId(testIds.asset.container).getByText(IMG, { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId(testIds.asset.logs).getByText(LOG_LINE, { exact: false }).first()).toBeVisible();
  await screenshot(page, 'xss-asset');
  await expectInert();
});

test('lineage and freshness render hostile names as text', async () => {
  await open('lineage', testIds.lineage.container);
  await expect(page.getByTestId(testIds.lineage.list).getByText(SCRIPT, { exact: true }).first()).toBeVisible();
  await expectInert();
  await open('freshness', testIds.freshness.container);
  await expect(page.getByText(JS_URL, { exact: true }).first()).toBeVisible();
  await expectInert();
});

test('trace page: span names, attributes, events and Loki lines with payloads render as text', async () => {
  await open(`traces/${TRACE_ID}`, testIds.trace.container);
  const waterfall = page.getByTestId(testIds.trace.waterfall);
  await expect(waterfall.getByText(SVG, { exact: false }).first()).toBeVisible();
  await page.getByTestId(testIds.trace.span(SPAN_ID)).click();
  const details = page.getByTestId(testIds.trace.details);
  await expect(details.getByText(SPAN_ATTR, { exact: false }).first()).toBeVisible();
  await expect(details.getByText(SPAN_EVENT, { exact: false }).first()).toBeVisible();
  await expect(details.getByText(JS_URL, { exact: false }).first()).toBeVisible();
  await expect(page.getByText(LOG_LINE, { exact: false }).first()).toBeVisible();
  // A javascript: value is text, never an href.
  await expect(page.locator('a[href^="javascript:"]')).toHaveCount(0);
  await screenshot(page, 'xss-trace');
  await expectInert();
});

test('recent traces list renders the hostile asset as text', async () => {
  await open('traces', testIds.trace.container);
  await expect(page.getByTestId(testIds.trace.recent).getByText(IMG, { exact: true }).first()).toBeVisible();
  await expectInert();
});

test('control: the detectors catch a payload that does execute', async () => {
  // Proves the checks above can fail: the same payload inserted as HTML runs and is seen.
  await page.evaluate((html) => document.body.insertAdjacentHTML('beforeend', html), IMG);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBe(1);
  await expect.poll(() => imageRequests.length).toBeGreaterThan(0);
});
