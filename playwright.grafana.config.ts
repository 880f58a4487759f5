import path from 'path';
import { defineConfig } from '@playwright/test';
import type { PluginOptions } from '@grafana/plugin-e2e';

/**
 * Grafana end-to-end suite (@grafana/plugin-e2e) against the docker compose stack: a real Grafana
 * 13.2 with the built plugin, Prometheus, Loki, Jaeger and the demo pipeline. Needs Docker, so it
 * does not run in .ci/run (which tests the same UI in the sandbox); GitHub Actions runs it
 * (.github/workflows/e2e.yml). Locally:
 *   npm run build && docker compose up -d && npx playwright test -c playwright.grafana.config.ts
 * Env: GRAFANA_URL (default http://localhost:3000), CHROMIUM_PATH to use an installed Chromium
 * instead of Playwright's own (`npx playwright install chromium`).
 */
const pluginE2eAuth = path.join(path.dirname(require.resolve('@grafana/plugin-e2e')), 'auth');
const executablePath = process.env.CHROMIUM_PATH || undefined;

export default defineConfig<PluginOptions>({
  testDir: 'tests/grafana',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  // The demo pipeline needs a few scrape intervals before every panel has data.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  outputDir: 'test-results/grafana',
  reporter: process.env.CI
    ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report/grafana' }]]
    : [['list']],
  use: {
    baseURL: process.env.GRAFANA_URL ?? 'http://localhost:3000',
    // plugin-e2e reads provisioned data sources and dashboards from here.
    provisioningRootDir: path.join(__dirname, 'provisioning'),
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: executablePath ? { executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] } : {},
  },
  projects: [
    // plugin-e2e's login step: signs in as admin/admin and stores the session for the specs.
    { name: 'auth', testDir: pluginE2eAuth, testMatch: [/.*\.js/] },
    {
      name: 'grafana',
      use: { browserName: 'chromium', storageState: 'playwright/.auth/admin.json' },
      dependencies: ['auth'],
    },
  ],
});
