/**
 * The README's and the plugin catalog's screenshots, taken the way a new user first sees Cascade: `npm start`'s
 * stack with its week of backfilled history and the default scenario (an incident with impacted assets, a failing
 * and a stale asset), the built plugin, Debian's Chromium, dark theme, one 1280x800 viewport per page.
 * Writes docs/screenshots/<page>.png and src/img/screenshots/<page>.png and lists them in plugin.json.
 *
 * Usage: npx tsx scripts/readmeScreenshots.ts [--only overview,lineage]   (builds dist/ first when stale)
 */
import fs from 'fs';
import path from 'path';
import { chromium, type Page } from 'playwright-core';
import { ensureBuild, pluginBuildIsStale } from './ensureBuild';
import { ensureSandboxBuild } from '../sandbox/server/build';
import { startStack } from '../sandbox/server/stack';
import { hostTestIds } from '../sandbox/host/testIds';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/sandbox/chromium';
import { testIds } from '../src/testIds';
import { PAGES, withScreenshots } from './screenshots';

const ROOT = path.resolve(__dirname, '..');
const APP = '/a/cascade-pipeline-app';
const OUT_DIRS = [path.join(ROOT, 'docs', 'screenshots'), path.join(ROOT, 'src', 'img', 'screenshots')];

/** Opens a route in the dark theme and waits until its container shows and nothing in it is loading. */
async function open(page: Page, url: string, container: string) {
  await page.goto(`${url}${url.includes('?') ? '&' : '?'}theme=dark`);
  await page.getByTestId(hostTestIds.chrome).waitFor();
  await page.getByTestId(container).waitFor();
  await page.waitForFunction(
    (c) => {
      const el = document.querySelector(`[data-testid="${c}"]`);
      return !!el && !el.querySelector('[aria-busy="true"]') && !/^Loading/m.test((el as HTMLElement).innerText);
    },
    container,
    { timeout: 60_000, polling: 200 }
  );
  // Charts and the lineage canvas paint after the data; give them a frame or two.
  await page.waitForTimeout(1500);
}

async function shoot(page: Page, name: string) {
  for (const dir of OUT_DIRS) {
    fs.mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: path.join(dir, `${name}.png`), animations: 'disabled', caret: 'hide' });
  }
  console.log(`  ${name}.png`);
}

async function main(argv: string[]) {
  const i = argv.indexOf('--only');
  const only = i >= 0 ? new Set(argv[i + 1].split(',')) : undefined;
  const want = (name: string) => !only || only.has(name);
  ensureBuild(ROOT, { stale: () => pluginBuildIsStale(ROOT) });
  ensureSandboxBuild(ROOT);
  const stack = await startStack({ port: 0, history: true, scenario: { autoRun: false }, log: (l) => console.log(l) });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const url = (route: string) => `${stack.url}${route}`;

    await open(page, url(`${APP}/overview`), testIds.overview.container);
    const focusLink = page.getByTestId(testIds.overview.incidents).locator('a[href*="/lineage?incident="]').first();
    const focus = (await focusLink.count()) ? await focusLink.getAttribute('href') : null;
    want('overview') && (await shoot(page, 'overview'));

    if (want('lineage')) {
      // The first incident focused: its root and impacted assets lit, the rest dimmed.
      await open(page, url(focus ?? `${APP}/lineage`), testIds.lineage.container);
      await shoot(page, 'lineage');
    }
    if (want('freshness')) {
      await open(page, url(`${APP}/freshness`), testIds.freshness.container);
      await shoot(page, 'freshness');
    }
    await open(page, url(`${APP}/assets`), testIds.assets.container);
    want('assets') && (await shoot(page, 'assets'));

    // The failing asset (first row: most urgent first), its newest failed trace and that run against a good one.
    const failing = await page.getByTestId(testIds.assets.table).getByRole('link').first().textContent();
    await open(page, url(`${APP}/assets/${failing}`), testIds.asset.container);
    want('asset') && (await shoot(page, 'asset'));
    const failedList = await page.getByTestId(testIds.asset.failedTraces).getAttribute('href');

    if (want('traces')) {
      await open(page, url(`${APP}/traces`), testIds.trace.container);
      await shoot(page, 'traces');
    }
    if (failedList && (want('trace') || want('compare'))) {
      await open(page, url(failedList), testIds.trace.container);
      const trace = await page.locator(`a[href*="${APP}/traces/"]`).first().getAttribute('href');
      await open(page, url(trace!), testIds.trace.container);
      want('trace') && (await shoot(page, 'trace'));
      const compare = await page.getByTestId(testIds.compare.link).getAttribute('href');
      if (want('compare') && compare) {
        await open(page, url(compare), testIds.compare.container);
        // Only a real comparison replaces the committed shot (every run of the asset in range may have failed).
        if ((await page.getByTestId(testIds.compare.noBaseline).count()) === 0) {
          await shoot(page, 'compare');
        } else {
          console.log('  compare: no good run in range, compare.png kept');
        }
      }
    }
    if (want('config')) {
      await open(page, url('/plugins/cascade-pipeline-app'), testIds.appConfig.container);
      await shoot(page, 'config');
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  const entries = PAGES.filter(({ page }) => fs.existsSync(path.join(OUT_DIRS[1], `${page}.png`))).map(
    ({ page, name }) => ({ name, path: `img/screenshots/${page}.png` })
  );
  const manifest = path.join(ROOT, 'plugin.json');
  fs.writeFileSync(manifest, withScreenshots(fs.readFileSync(manifest, 'utf8'), entries));
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e);
  process.exit(1);
});
