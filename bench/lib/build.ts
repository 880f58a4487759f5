/**
 * Makes sure the measured bundles are the current sources: rebuilds dist/ (production webpack, the
 * same as `npm run build`) when a source file is newer than the entries, and the sandbox host when
 * its sources changed. Builds through ensureBuild (and its lock), so parallel test runs do not build at once.
 */
import { ensureSandboxBuild } from '../../sandbox/server/build';
import { ensureBuild, pluginBuildIsStale } from '../../scripts/ensureBuild';

export { pluginBuildIsStale };

/** Rebuilds what is stale; returns what was built, for the log. */
export async function ensureFreshBuild(root: string, log: (s: string) => void): Promise<void> {
  if (pluginBuildIsStale(root)) {
    log('dist/ is older than the sources: building the plugin (webpack --env production)…');
    const t0 = performance.now();
    if (ensureBuild(root, { timeoutMs: 900_000, stale: () => pluginBuildIsStale(root) })) {
      log(`plugin built in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
  }
  const host = ensureSandboxBuild(root);
  if (host) {
    log(`sandbox host built in ${(host / 1000).toFixed(0)} s`);
  }
}
