/**
 * Shared helpers for the sandbox browser specs: console/page error collection, app page
 * navigation (with the sandbox's `?role=` / `?theme=` login), screenshots, and the demo state.
 */
import fs from 'fs';
import path from 'path';
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import { hostTestIds } from '../../sandbox/host/testIds';
import type { AssetSpec, AssetState, DemoOptions } from '../../demo/src/index';

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

/** Full-page screenshot to artifacts/screenshots/<name>.png (git-ignored), for people to look at. */
export async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name.replace(/[^a-zA-Z0-9._-]+/g, '-')}.png`);
  await page.screenshot({ path: file, fullPage: true });
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
