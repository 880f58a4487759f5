/** Builds the sandbox host bundle when it is missing or older than its sources (tests, scripts). */
import { execFileSync } from 'child_process';
import fs from 'fs';
import path from 'path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Returns the build time in ms, or 0 when the existing bundle is up to date. */
export function ensureSandboxBuild(root: string): number {
  const out = path.join(root, 'sandbox', '.build', 'host.js');
  const sources = ['sandbox/host', 'sandbox/shared', 'sandbox/webpack.config.js'].map((p) => path.join(root, p));
  const newestSource = Math.max(
    ...sources.map((s) => (fs.statSync(s).isDirectory() ? newestMtime(s) : fs.statSync(s).mtimeMs))
  );
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= newestSource) {
    return 0;
  }
  const started = Date.now();
  const cli = require.resolve('webpack-cli/bin/cli.js', { paths: [root] });
  execFileSync(process.execPath, [cli, '-c', path.join(root, 'sandbox', 'webpack.config.js')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 600_000,
  });
  return Date.now() - started;
}
