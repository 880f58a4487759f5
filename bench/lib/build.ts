/**
 * Makes sure the measured bundles are the current sources: rebuilds dist/ (production webpack, the
 * same as `npm run build`) when a source file is newer than the entries, and the sandbox host when
 * its sources changed. Builds through ensureBuild (and its lock), so parallel test runs do not build at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensureSandboxBuild } from '../../sandbox/server/build';
import { ensureBuild } from '../../scripts/ensureBuild';

const ENTRIES = ['dist/module.js', 'dist/datasource/module.js'];
const SOURCES = ['src', 'plugin.json', '.config/webpack', 'webpack.config.ts', 'package.json'];

function newest(p: string): number {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) {
    return 0;
  }
  if (!stat.isDirectory()) {
    return /\.test\.tsx?$/.test(p) ? 0 : stat.mtimeMs;
  }
  return Math.max(0, ...fs.readdirSync(p).map((f) => newest(path.join(p, f))));
}

/** True when dist/ is missing an entry or is older than a (non-test) source file. */
export function pluginBuildIsStale(root: string): boolean {
  const built = Math.min(
    ...ENTRIES.map((f) => fs.statSync(path.join(root, f), { throwIfNoEntry: false })?.mtimeMs ?? 0)
  );
  return built === 0 || Math.max(...SOURCES.map((s) => newest(path.join(root, s)))) > built;
}

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
