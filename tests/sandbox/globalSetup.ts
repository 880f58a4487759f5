/**
 * Starts the sandbox stack once for all specs, on free ports: demo pipeline (fixed seed, auto-run
 * off so the state is stable), real Prometheus with the seed's rules, Loki/Jaeger stand-ins, and
 * the sandbox server serving dist/ plus the loader fixtures. Builds what is missing first.
 */
import path from 'path';
import type { FullConfig } from '@playwright/test';
import { ensureBuild, pluginBuildIsStale } from '../../scripts/ensureBuild';
import { ensureSandboxBuild } from '../../sandbox/server/build';
import { startStack } from '../../sandbox/server/stack';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'sandbox', 'fixtures', 'plugins');

export default async function globalSetup(_config: FullConfig) {
  // Rebuild when a source is newer than dist/, so a spec never runs against an old bundle.
  ensureBuild(ROOT, { stale: () => pluginBuildIsStale(ROOT) });
  const built = ensureSandboxBuild(ROOT);
  if (built) {
    console.log(`sandbox host bundle built in ${(built / 1000).toFixed(1)} s`);
  }
  const started = Date.now();
  const stack = await startStack({
    port: 0,
    scenario: { autoRun: false },
    extraPlugins: {
      'sandbox-fixture-app': path.join(FIXTURES, 'sandbox-fixture-app'),
      'sandbox-fixture-foreign': path.join(FIXTURES, 'sandbox-fixture-foreign'),
    },
  });
  console.log(`sandbox stack ready at ${stack.url} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.env.SANDBOX_URL = stack.url;
  process.env.SANDBOX_PROMETHEUS_URL = stack.prometheusUrl;
  process.env.SANDBOX_LOKI_URL = stack.lokiUrl ?? '';
  process.env.SANDBOX_JAEGER_URL = stack.jaegerUrl ?? '';
  return async () => {
    await stack.stop();
  };
}
