import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

/** The files every consumer of the build (bundle/package tests, packaging) needs. */
export const BUILD_OUTPUTS = [
  'dist/module.js',
  'dist/plugin.json',
  'dist/datasource/module.js',
  'dist/datasource/plugin.json',
];

/** What the plugin build reads: a newer file than dist/'s entries means dist/ is stale. */
const PLUGIN_SOURCES = ['src', 'plugin.json', '.config/webpack', 'webpack.config.ts', 'package.json'];
const PLUGIN_ENTRIES = ['dist/module.js', 'dist/datasource/module.js'];

function newestSource(p: string): number {
  const stat = fs.statSync(p, { throwIfNoEntry: false });
  if (!stat) {
    return 0;
  }
  if (!stat.isDirectory()) {
    return /\.test\.tsx?$/.test(p) ? 0 : stat.mtimeMs;
  }
  return Math.max(0, ...fs.readdirSync(p).map((f) => newestSource(path.join(p, f))));
}

/** True when dist/ is missing an entry or is older than a (non-test) source file. */
export function pluginBuildIsStale(root: string): boolean {
  const built = Math.min(
    ...PLUGIN_ENTRIES.map((f) => fs.statSync(path.join(root, f), { throwIfNoEntry: false })?.mtimeMs ?? 0)
  );
  return built === 0 || Math.max(...PLUGIN_SOURCES.map((s) => newestSource(path.join(root, s)))) > built;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export interface EnsureBuildOptions {
  timeoutMs?: number;
  /** Also rebuild when this says the outputs are out of date (the bench: sources newer than dist/). */
  stale?: () => boolean;
}

/**
 * Runs the production webpack build unless dist/ already has every output (and is not `stale`).
 * Test files call it in parallel Jest workers, so a lock directory makes them build once and wait
 * for each other. Returns whether it built.
 */
export function ensureBuild(root: string, { timeoutMs = 600_000, stale }: EnsureBuildOptions = {}): boolean {
  const built = () => BUILD_OUTPUTS.every((f) => fs.existsSync(path.join(root, f))) && !stale?.();
  if (built()) {
    return false;
  }
  // npm run build: create-plugin's .config/webpack config extended by the root webpack.config.ts.
  const config = path.join(root, 'webpack.config.ts');
  if (!fs.existsSync(config)) {
    throw new Error(`no build configuration at ${config}`);
  }
  const lock = path.join(root, '.cache', 'build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another worker is building; a lock older than the timeout is left over from a killed run.
      const stat = fs.statSync(lock, { throwIfNoEntry: false });
      if (!stat) {
        continue;
      }
      if (Date.now() - stat.mtimeMs > timeoutMs) {
        fs.rmSync(lock, { recursive: true, force: true });
      } else if (Date.now() > deadline) {
        throw new Error(`timed out waiting for the build lock ${lock}`);
      }
      sleep(500);
    }
  }
  try {
    if (!built()) {
      const webpackCli = require.resolve('webpack-cli/bin/cli.js', { paths: [root] });
      try {
        // The TypeScript config loads through tsx, as in package.json's build script.
        execFileSync(process.execPath, ['--import', 'tsx', webpackCli, '-c', config, '--env', 'production'], {
          cwd: root,
          stdio: ['ignore', 'pipe', 'pipe'],
          encoding: 'utf8',
          maxBuffer: 64 * 1024 * 1024,
          timeout: timeoutMs,
        });
      } catch (e) {
        const { stdout = '', stderr = '' } = e as { stdout?: string; stderr?: string };
        const errors = `${stdout}\n${stderr}`
          .split('\n')
          .filter((l) => /error/i.test(l))
          .slice(0, 20);
        throw new Error(`npm run build (webpack, production) failed:\n${errors.join('\n')}`);
      }
    }
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
  const missing = BUILD_OUTPUTS.filter((f) => !fs.existsSync(path.join(root, f)));
  if (missing.length > 0) {
    throw new Error(`the build did not produce ${missing.join(', ')}`);
  }
  return true;
}
