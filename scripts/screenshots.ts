/**
 * Promotes the browser tests' page screenshots (artifacts/screenshots/readme/<page>.png, dark theme, 1280x800,
 * written by `npm run e2e`) to the committed plugin screenshots under src/img/screenshots/, and
 * lists exactly the ones present in plugin.json's `info.screenshots` (the build copies src/img).
 *
 * Usage: npm run e2e && tsx scripts/screenshots.ts [--from artifacts/screenshots]
 */
import fs from 'fs';
import path from 'path';

/** Pages in the order Grafana's plugin catalog shows them, with their captions. */
export const PAGES: Array<{ page: string; name: string }> = [
  {
    page: 'overview',
    name: 'Overview: incidents by root cause, pipeline status, freshness, quality, execution times, alerts',
  },
  { page: 'lineage', name: 'Lineage health: the asset DAG coloured by status, focused on one incident' },
  { page: 'freshness', name: 'Freshness: forecast in words and time since last update against each asset’s SLA' },
  { page: 'assets', name: 'Assets: every asset with its status and why, most urgent first' },
  { page: 'asset', name: 'Asset health: runs, run time, quality checks, logs and traces of one asset' },
  { page: 'traces', name: 'Traces: trace id search and recent runs, failed first' },
  { page: 'trace', name: 'Trace drill-down: span waterfall with the trace’s logs under their spans' },
  { page: 'compare', name: 'Compare runs: a failed run against the last good run of the same asset, explained' },
  { page: 'config', name: 'Configuration: data source, SLAs, per-asset overrides, thresholds' },
];

const ROOT = path.resolve(__dirname, '..');
const TARGET_DIR = path.join(ROOT, 'src', 'img', 'screenshots');

/** `"screenshots": [...]` in plugin.json text, replaced by the given entries (formatting kept). */
export function withScreenshots(pluginJson: string, entries: Array<{ name: string; path: string }>): string {
  const item = (e: { name: string; path: string }) =>
    `      { "name": ${JSON.stringify(e.name)}, "path": ${JSON.stringify(e.path)} }`;
  const list = entries.length ? `[\n${entries.map(item).join(',\n')}\n    ]` : '[]';
  const re = /"screenshots":\s*\[[^\]]*\]/;
  if (!re.test(pluginJson)) {
    throw new Error('plugin.json has no "screenshots" list in info');
  }
  const out = pluginJson.replace(re, `"screenshots": ${list}`);
  JSON.parse(out);
  return out;
}

function main(argv: string[]) {
  const i = argv.indexOf('--from');
  const from = path.resolve(ROOT, i >= 0 ? argv[i + 1] : 'artifacts/screenshots');
  fs.mkdirSync(TARGET_DIR, { recursive: true });
  for (const { page } of PAGES) {
    const src = path.join(from, 'readme', `${page}.png`);
    if (fs.existsSync(src)) {
      fs.copyFileSync(src, path.join(TARGET_DIR, `${page}.png`));
      console.log(`${page}: ${path.relative(ROOT, src)} → src/img/screenshots/${page}.png`);
    } else {
      console.log(`${page}: no ${path.relative(ROOT, src)} (run npm run e2e); keeping what is committed`);
    }
  }
  const entries = PAGES.filter(({ page }) => fs.existsSync(path.join(TARGET_DIR, `${page}.png`))).map(
    ({ page, name }) => ({
      name,
      path: `img/screenshots/${page}.png`,
    })
  );
  const manifest = path.join(ROOT, 'plugin.json');
  fs.writeFileSync(manifest, withScreenshots(fs.readFileSync(manifest, 'utf8'), entries));
  console.log(`plugin.json lists ${entries.length} screenshot(s)`);
}

if (require.main === module) {
  main(process.argv.slice(2));
}
