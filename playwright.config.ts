import { defineConfig } from '@playwright/test';

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
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  outputDir: 'test-results',
  reporter: [['list']],
  use: {
    baseURL: process.env.SANDBOX_URL,
    viewport: { width: 1440, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
