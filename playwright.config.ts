import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_ARGS } from './tests/sandbox/chromium';

/**
 * Browser tests against the sandbox stack (tests/sandbox/globalSetup.ts starts demo pipeline,
 * real Prometheus, stand-ins and the sandbox server on free ports). Debian's Chromium only.
 */
export default defineConfig({
  testDir: 'tests/sandbox',
  testMatch: '**/*.spec.ts',
  globalSetup: './tests/sandbox/globalSetup.ts',
  workers: 1,
  fullyParallel: false,
  // One retry on CI's shared 2-core machine; a test that needed it is reported as flaky (and by .ci/run).
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  outputDir: 'test-results',
  reporter: [['list']],
  use: {
    baseURL: process.env.SANDBOX_URL,
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_ARGS },
  },
});
