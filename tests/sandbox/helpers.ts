/**
 * Shared helpers for the sandbox browser specs: console/page error collection, app page
 * navigation (with the sandbox's `?role=` / `?theme=` login), screenshots, and the demo state.
 */
import fs from 'fs';
import path from 'path';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { hostTestIds } from '../../sandbox/host/testIds';
import type { AssetSpec, AssetState, DemoOptions } from '../../demo/src';

export { hostTestIds };

export const APP_ID = 'cascade-pipeline-app';
export const SCREENSHOT_DIR = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots');

export type Role = 'Viewer' | 'Editor' | 'Admin';
export type Theme = 'dark' | 'light';

export interface ConsoleCollector {
  /** console.error messages, uncaught page errors and failed same-origin requests, in order. */
  readonly errors: string[];
  /** Fails the test if anything not matching `allow` was collected. */
  expectNoErrors(allow?: RegExp[]): void;
  /** Forgets what was collected so far (one page shared by several tests). */
  clear(): void;
}

/**
 * Starts collecting errors on `page`: console.error, uncaught exceptions, and responses ≥ 400 /
 * failed requests to the sandbox origin (a 404 icon or a 500 from the proxy counts). Call before
 * navigating. Expected failures (fault-injection tests) are passed as `allow` patterns.
 */
export function collectConsoleErrors(page: Page): ConsoleCollector {
  const errors: string[] = [];
  const origin = () => new URL(page.url() || process.env.SANDBOX_URL || 'http://127.0.0.1').origin;
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      errors.push(`console.error: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400 && res.url().startsWith(origin())) {
      errors.push(`HTTP ${res.status()} ${res.request().method()} ${res.url()}`);
    }
  });
  page.on('requestfailed', (req) => {
    const failure = req.failure()?.errorText ?? '';
    // Aborted requests are cancellations (unsubscribed queries), not errors.
    if (req.url().startsWith(origin()) && !/ERR_ABORTED/.test(failure)) {
      errors.push(`request failed: ${req.method()} ${req.url()} ${failure}`);
    }
  });
  return {
    errors,
    expectNoErrors(allow: RegExp[] = []) {
      // "Failed to load resource" duplicates the HTTP line above; keep the one with the URL.
      const unexpected = errors.filter((e) => !/Failed to load resource/.test(e) && !allow.some((re) => re.test(e)));
      expect(unexpected, `unexpected browser errors:\n${unexpected.join('\n')}`).toEqual([]);
    },
    clear() {
      errors.length = 0;
    },
  };
}

export interface GotoOptions {
  role?: Role;
  theme?: Theme;
  /** Extra query parameters (e.g. from/to, var-asset). */
  query?: Record<string, string>;
}

/** URL of a sandbox path with the login parameters. */
export function sandboxPath(pathname: string, { role, theme, query }: GotoOptions = {}): string {
  const params = new URLSearchParams(query);
  if (role) {
    params.set('role', role);
  }
  if (theme) {
    params.set('theme', theme);
  }
  const qs = params.toString();
  return `${pathname}${qs ? (pathname.includes('?') ? '&' : '?') + qs : ''}`;
}

/** Waits until the host has finished loading plugin settings/bundles (no loading placeholder). */
export async function waitForHost(page: Page) {
  await expect(page.getByTestId(hostTestIds.chrome)).toBeVisible();
  await expect(page.getByTestId(hostTestIds.loading)).toHaveCount(0);
}

/** Opens an app page, e.g. gotoAppPage(page, 'assets/fct_glucose_readings', { theme: 'light' }). */
export async function gotoAppPage(page: Page, route: string, opts: GotoOptions = {}) {
  await page.goto(sandboxPath(`/a/${APP_ID}/${route.replace(/^\//, '')}`, opts));
  await waitForHost(page);
}

/**
 * Screenshot to artifacts/screenshots/<name>.png (git-ignored), for people to look at: the full
 * page by default, or only the viewport (`fullPage: false`, e.g. the README's 1280x800 shots).
 */
export async function screenshot(page: Page, name: string, { fullPage = true }: { fullPage?: boolean } = {}) {
  // `readme/overview` → a sub-folder; every segment is sanitised (no `..`).
  const safe = name
    .split('/')
    .map((seg) => seg.replace(/[^a-zA-Z0-9._-]+/g, '-').replace(/^\.+/, ''))
    .filter(Boolean)
    .join('/');
  const file = path.join(SCREENSHOT_DIR, `${safe}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage, animations: 'disabled', caret: 'hide' });
  return file;
}

export interface DemoSnapshot {
  scenario: DemoOptions;
  assets: AssetSpec[];
  state: Record<string, AssetState>;
}

/** The demo pipeline's state (what the pages' numbers must agree with). */
export async function demoState(request: APIRequestContext): Promise<DemoSnapshot> {
  const res = await request.get('/sandbox/api/demo/state');
  expect(res.ok()).toBe(true);
  return res.json();
}

/** Runs the whole pipeline once more (logs and traces delivered when it resolves). */
export async function runPipeline(request: APIRequestContext): Promise<DemoSnapshot['state']> {
  const res = await request.post('/sandbox/api/demo/run');
  expect(res.ok()).toBe(true);
  return (await res.json()).state;
}

/** Whether SystemJS has this module URL in its registry (i.e. it was loaded the Grafana way). */
export async function systemJsHas(page: Page, modulePath: string): Promise<boolean> {
  return page.evaluate((p) => {
    const system = (window as unknown as { System: { has(id: string): boolean } }).System;
    return system.has(new URL(p, document.baseURI).toString());
  }, modulePath);
}

// ---------------------------------------------------------------------------------------------
// Page checks against the simulator (pages, click-through and config specs)
// ---------------------------------------------------------------------------------------------

/** The provisioned rules (provisioning/plugins/*.yaml) the pages apply unless a spec changes them. */
export interface ExpectedRules {
  warningSeconds: number;
  criticalSeconds: number;
  minPassRate: number;
  maxErrorRate: number;
  overrides?: Record<string, { warningSeconds: number; criticalSeconds: number }>;
}

export const PROVISIONED_RULES: ExpectedRules = {
  warningSeconds: 7200,
  criticalSeconds: 14400,
  minPassRate: 95,
  maxErrorRate: 0.1,
};

/** What is wrong (the status word); how bad is ExpectedSeverity. */
export type ExpectedStatus = 'ok' | 'quality' | 'errors' | 'stale' | 'failing';
export type ExpectedSeverity = 'none' | 'warning' | 'critical';
// Later = named first when severities tie (the README's order).
const KIND_ORDER: ExpectedStatus[] = ['ok', 'quality', 'errors', 'stale', 'failing'];
const SEVERITY_ORDER: ExpectedSeverity[] = ['none', 'warning', 'critical'];

/** Seconds since the asset's last successful update, now (from the simulator's clock-free state). */
export const ageOf = (s: AssetState, nowMs = Date.now()) =>
  s.lastUpdate === undefined ? undefined : nowMs / 1000 - s.lastUpdate;

/**
 * The status the documented health rules (src/datasource/README.md) give an asset, computed here
 * from the simulator's own state — an oracle independent of the plugin's code.
 */
export function expectedStatus(
  asset: string,
  s: AssetState,
  rules: ExpectedRules = PROVISIONED_RULES,
  nowMs = Date.now()
): ExpectedStatus {
  return expectedProblem(asset, s, rules, nowMs).status;
}

/** The status word and its severity the documented rules give an asset (see expectedStatus). */
export function expectedProblem(
  asset: string,
  s: AssetState,
  rules: ExpectedRules = PROVISIONED_RULES,
  nowMs = Date.now()
): { status: ExpectedStatus; severity: ExpectedSeverity } {
  const found: Array<{ status: ExpectedStatus; severity: ExpectedSeverity }> = [];
  if (s.runs > 0 && s.lastStatus === 'failure') {
    found.push({ status: 'failing', severity: 'critical' });
  }
  const sla = rules.overrides?.[asset] ?? rules;
  const age = ageOf(s, nowMs);
  if (age !== undefined && age > sla.criticalSeconds) {
    found.push({ status: 'stale', severity: 'critical' });
  } else if (age !== undefined && age > sla.warningSeconds) {
    found.push({ status: 'stale', severity: 'warning' });
  }
  if (s.runs > 0 && s.failures / s.runs > rules.maxErrorRate) {
    found.push({ status: 'errors', severity: 'critical' });
  }
  const rates = Object.values(s.passRates);
  if (rates.length && Math.min(...rates) < rules.minPassRate) {
    found.push({ status: 'quality', severity: 'warning' });
  }
  const rank = (p: { status: ExpectedStatus; severity: ExpectedSeverity }) =>
    SEVERITY_ORDER.indexOf(p.severity) * 10 + KIND_ORDER.indexOf(p.status);
  return found.reduce((worst, x) => (rank(x) > rank(worst) ? x : worst), {
    status: 'ok' as ExpectedStatus,
    severity: 'none' as ExpectedSeverity,
  });
}

const UNIT_SECONDS: Array<[RegExp, number]> = [
  [/^(µs|us|microseconds?)$/, 1e-6],
  [/^(ms|milliseconds?)$/, 1e-3],
  [/^(s|secs?|seconds?)$/, 1],
  [/^(m|mins?|minutes?)$/, 60],
  [/^(h|hours?)$/, 3600],
  [/^(d|days?)$/, 86400],
  [/^(w|weeks?)$/, 604800],
];

/**
 * Seconds in a duration however a page prints it: Grafana's units ("5.0 hours", "1.3 mins",
 * "790 ms") or compact ones ("5h 1m", "45s"). Undefined when the text holds no duration.
 */
export function parseDurationText(text: string): number | undefined {
  let total = 0;
  let found = false;
  for (const m of text.matchAll(/(-?\d+(?:[.,]\d+)?)\s*(µs|us|ms|[a-z]+)\b/gi)) {
    const unit = UNIT_SECONDS.find(([re]) => re.test(m[2].toLowerCase()));
    if (unit) {
      total += Number(m[1].replace(',', '.')) * unit[1];
      found = true;
    }
  }
  return found ? total : undefined;
}

/** Asserts a printed duration is `expected` seconds within `tolerance` (absolute seconds). */
export function expectDuration(text: string, expected: number, tolerance: number, what = 'duration') {
  const seconds = parseDurationText(text);
  expect(seconds, `${what}: no duration in "${text}"`).toBeDefined();
  expect(
    Math.abs(seconds! - expected),
    `${what}: "${text}" (${seconds} s) vs expected ${expected.toFixed(1)} s ± ${tolerance} s`
  ).toBeLessThanOrEqual(tolerance);
}

/** The number in a printed percentage ("91.50%" → 91.5). */
export const percentOf = (text: string) => {
  const m = text.match(/(-?\d+(?:\.\d+)?)\s*%/);
  return m ? Number(m[1]) : undefined;
};

/**
 * Waits until the real Prometheus has scraped the simulator's current counters (runs and failures
 * per asset), so a page's numbers can be compared with the state exactly, whatever ran before.
 */
export async function waitForScrape(request: APIRequestContext, snapshot: DemoSnapshot) {
  const prom = process.env.SANDBOX_PROMETHEUS_URL;
  expect(prom, 'globalSetup exports SANDBOX_PROMETHEUS_URL').toBeTruthy();
  const read = async (metric: string) => {
    const res = await request.get(`${prom}/api/v1/query`, { params: { query: `sum by (asset_name) (${metric})` } });
    const body = await res.json();
    const out: Record<string, number> = {};
    for (const r of body.data?.result ?? []) {
      out[r.metric.asset_name] = Number(r.value[1]);
    }
    return out;
  };
  const want = (key: 'runs' | 'failures') =>
    Object.fromEntries(Object.entries(snapshot.state).map(([asset, s]) => [asset, s[key]]));
  // An asset that never ran may have no series yet: that is 0.
  const scraped = async (metric: string) => {
    const got = await read(metric);
    return Object.fromEntries(Object.keys(snapshot.state).map((asset) => [asset, got[asset] ?? 0]));
  };
  await expect.poll(() => scraped('asset_executions_total'), { timeout: 20_000 }).toEqual(want('runs'));
  await expect.poll(() => scraped('asset_execution_failures_total'), { timeout: 20_000 }).toEqual(want('failures'));
}

/** Waits until a page's sections have their data (none busy, no loading placeholder). */
export async function waitForPageData(page: Page, containerTestId: string) {
  const container = page.getByTestId(containerTestId);
  await expect(container).toBeVisible();
  await expect(container.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(container.getByText(/^Loading/)).toHaveCount(0);
}

/**
 * A table's rows as records keyed by the header texts (an InteractiveTable or any <table>):
 * `[{ Asset: 'publish_to_postgres', Status: 'FAILING', Runs: '3', … }]`.
 */
export async function readTable(table: Locator): Promise<Array<Record<string, string>>> {
  return table
    .locator('table')
    .first()
    .evaluate((el: HTMLTableElement) => {
      const headers = Array.from(el.querySelectorAll('thead th')).map((th) => (th.textContent ?? '').trim());
      return Array.from(el.querySelectorAll('tbody tr'))
        .map((tr) =>
          Array.from(tr.querySelectorAll('td')).map((td) =>
            ((td as HTMLElement).innerText ?? td.textContent ?? '').replace(/\s+/g, ' ').trim()
          )
        )
        .filter((cells) => cells.length === headers.length)
        .map((cells) => Object.fromEntries(headers.map((h, i) => [h || `#${i}`, cells[i]])));
    });
}

/** Whether the focused element matches `selector`. */
export const focusMatches = (page: Page, selector: string) =>
  page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector);

/**
 * Presses Tab (or Shift+Tab) until the focused element matches `selector`, at most `max` times —
 * the way a keyboard user reaches a control. Fails if it is never reached.
 */
export async function tabTo(
  page: Page,
  selector: string,
  { max = 80, backwards = false }: { max?: number; backwards?: boolean } = {}
) {
  for (let i = 0; i < max; i++) {
    if (await focusMatches(page, selector)) {
      return i;
    }
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200));
  throw new Error(
    `${backwards ? 'Shift+Tab' : 'Tab'} did not reach ${selector} in ${max} presses (focus on ${focused})`
  );
}
