/**
 * Child process of `npm start`: rebuilds dist/ when a source is newer (production webpack through
 * scripts/ensureBuild and its lock) and the sandbox host bundle when its sources changed. start.ts
 * runs it in its own process group, so a signal to `npm start` stops webpack with it.
 */
import path from 'path';
import { ensureBuild, pluginBuildIsStale } from '../../scripts/ensureBuild';
import { ensureSandboxBuild } from './build';

const root = path.resolve(__dirname, '..', '..');
if (pluginBuildIsStale(root)) {
  console.log('  dist/ is older than the sources: building the plugin (webpack --env production)…');
  const t0 = performance.now();
  if (ensureBuild(root, { stale: () => pluginBuildIsStale(root) })) {
    console.log(`  plugin built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
}
const host = ensureSandboxBuild(root);
if (host) {
  console.log(`  sandbox host built in ${(host / 1000).toFixed(0)} s`);
}
