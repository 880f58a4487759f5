import fs from 'fs';
import path from 'path';
import type { Page } from '@playwright/test';

import { defaultAssets } from '../../demo/src/assets';

/** The assets the compose stack's demo pipeline runs (demo/src/assets.ts defaults). */
export const ASSETS = defaultAssets().map((a) => a.name);
/** An asset in the middle of the chain: it has upstream and downstream neighbours. */
export const MIDDLE_ASSET = 'fct_glucose_readings';

const SCREENSHOTS = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots');

/** Saves a full-page screenshot under artifacts/screenshots (git-ignored) for a person to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `grafana-${name}.png`), fullPage: true });
}

/**
 * Collects console errors raised by Cascade's own bundles (Grafana's own noise is not ours to
 * assert on). Call before navigating; read the returned array at the end of the test.
 */
export function pluginConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /\/public\/plugins\/cascade-pipeline-/.test(msg.location().url)) {
      errors.push(msg.text());
    }
  });
  page.on('pageerror', (err) => {
    if (/cascade-pipeline-/.test(err.stack ?? '')) {
      errors.push(err.message);
    }
  });
  return errors;
}

/** Locator of every per-source error box the pages render (testIds.sourceError(...)). */
export const sourceErrors = (page: Page) => page.locator('[data-testid^="data-testid cascade-source-error"]');

/**
 * Tracks the Cascade data source's requests through Grafana's data source proxy. plugin-e2e's
 * waitForPanelsQueriesToComplete only sees /api/ds/query, which a backend-free data source never
 * calls. Start tracking before navigating.
 */
export function trackProxyRequests(page: Page) {
  let inFlight = 0;
  let total = 0;
  const isProxy = (url: string) => url.includes('/api/datasources/proxy/uid/');
  page.on('request', (req) => {
    if (isProxy(req.url())) {
      inFlight += 1;
      total += 1;
    }
  });
  const done = (url: string) => {
    if (isProxy(url)) {
      inFlight = Math.max(0, inFlight - 1);
    }
  };
  page.on('requestfinished', (req) => done(req.url()));
  page.on('requestfailed', (req) => done(req.url()));
  return {
    get total() {
      return total;
    },
    /** Resolves once some proxy requests were made and none has been in flight for a second. */
    async idle(timeout = 60_000): Promise<void> {
      const deadline = Date.now() + timeout;
      let quietSince = 0;
      while (Date.now() < deadline) {
        if (total > 0 && inFlight === 0) {
          quietSince ||= Date.now();
          if (Date.now() - quietSince >= 1000) {
            return;
          }
        } else {
          quietSince = 0;
        }
        await page.waitForTimeout(100);
      }
      throw new Error(`data source proxy not idle after ${timeout} ms (${inFlight} in flight, ${total} made)`);
    },
  };
}
