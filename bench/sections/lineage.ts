/**
 * Section 4: the lineage page of the built plugin in headless Chromium, served by the sandbox
 * (Grafana stand-in) with its data through the real data source and proxy.
 *
 * Per navigation: `total` = navigation start → first frame showing the graph canvas; `data` = the
 * last data source proxy response before it; `render` = total − data: frames → graph → layout →
 * React render → canvas draw → paint (what the target bounds; the backend time is reported apart).
 * Click: pointerup on a node → first frame after the selection's details panel is in the DOM (the
 * canvas redraw with the highlight is requested in the same commit).
 */
import type { Browser, Page } from 'playwright-core';
import { testIds } from '../../src/testIds';
import {
  byTestId,
  cpuBeforeMark,
  probedContext,
  ProbeMark,
  proxyTimings,
  TRACE_CATEGORIES,
  waitForPainted,
} from '../lib/browser';
import type { BenchStack } from '../lib/stack';
import { summarize, type Sample } from '../lib/stats';

export interface LineageRun {
  total: number;
  data: number;
  render: number;
  /** Main-thread CPU time within `render` (Chrome trace thread time). */
  renderCpu: number;
  requests: number;
  errors: string[];
}

export interface LineageResult {
  size: number;
  runs: LineageRun[];
  total: Sample;
  data: Sample;
  render: Sample;
  renderCpu: Sample;
  /** Proxy requests one page load makes (lineage + health queries). */
  requests: number;
  click?: Sample & { cpu: Sample; asset: string; neighbourhood: string };
  errors: string[];
}

const GRAPH = `${byTestId(testIds.lineage.graph)} canvas`;
const DETAILS = byTestId(testIds.lineage.details);

async function pageErrors(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid^="data-testid cascade-source-error"], [role="alert"]')).map(
      (e) => (e.textContent ?? '').trim().slice(0, 200)
    )
  );
}

/** Spiral from the canvas centre until the hover tooltip names a node; returns that point. */
async function findNode(page: Page): Promise<{ x: number; y: number; label: string } | undefined> {
  const box = await page.locator(GRAPH).boundingBox();
  if (!box) {
    return undefined;
  }
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  for (let i = 0; i < 600; i++) {
    const r = 3 * Math.sqrt(i) * 3;
    const a = i * 2.39996; // golden angle: an even spiral
    const x = cx + r * Math.cos(a);
    const y = cy + r * Math.sin(a);
    if (x < box.x + 4 || y < box.y + 4 || x > box.x + box.width - 4 || y > box.y + box.height - 4) {
      continue;
    }
    await page.mouse.move(x, y);
    const label = await page
      .locator('[role="tooltip"]')
      .first()
      .textContent({ timeout: 50 })
      .catch(() => null);
    if (label) {
      return { x, y, label };
    }
  }
  return undefined;
}

async function measureClicks(
  browser: Browser,
  page: Page,
  clicks: number
): Promise<{ times: number[]; cpu: number[]; asset: string; neighbourhood: string } | undefined> {
  // Zoom in around the centre (keyboard "+") so nodes are a few dozen pixels wide, as a user would.
  await page.locator(GRAPH).focus();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('+');
  }
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const node = await findNode(page);
  if (!node) {
    return undefined;
  }
  const times: number[] = [];
  let neighbourhood = '';
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  for (let i = 0; i < clicks; i++) {
    await page.evaluate(
      ({ sel, name }) => {
        const w = window as any;
        w.__benchClick = new Promise((resolve) => {
          let up = NaN;
          window.addEventListener('pointerup', (e) => (up = e.timeStamp), { capture: true, once: true });
          const observer = new MutationObserver(() => {
            if (document.querySelector(sel)) {
              observer.disconnect();
              const m: ProbeMark = { name, mounted: performance.now() };
              w.__benchAfterFrame(m).then(() => resolve({ up, ...m }));
            }
          });
          observer.observe(document, { childList: true, subtree: true });
        });
      },
      { sel: DETAILS, name: `click${i}` }
    );
    await page.mouse.click(node.x, node.y);
    const m = await page.evaluate(() => (window as any).__benchClick as Promise<ProbeMark & { up: number }>);
    times.push(m.painted! - m.up);
    neighbourhood = (await page.locator(`${DETAILS} h4`).allTextContents()).join('; ');
    // Deselect (Esc on the canvas) and wait for the panel to go before the next click.
    await page.keyboard.press('Escape');
    await page.locator(DETAILS).waitFor({ state: 'detached', timeout: 30_000 });
  }
  const trace = await browser.stopTracing();
  const cpu = times.map((t, i) => cpuBeforeMark(trace, `click${i}`, t));
  return { times, cpu, asset: node.label, neighbourhood };
}

export async function benchLineage(
  browser: Browser,
  stack: BenchStack,
  opts: { runs: number; clicks: number; warmup: boolean; log: (s: string) => void }
): Promise<LineageResult> {
  const context = await probedContext(browser, { graph: GRAPH });
  const runs: LineageRun[] = [];
  let click: LineageResult['click'];
  const timeoutMs = 240_000;
  try {
    for (let i = opts.warmup ? -1 : 0; i < opts.runs; i++) {
      const page = await context.newPage();
      let requests = 0;
      page.on('request', (r) => {
        if (r.url().includes('/api/datasources/proxy/')) {
          requests++;
        }
      });
      await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      await page.goto(`${stack.url}/a/cascade-pipeline-app/lineage?from=now-1h&to=now`, { waitUntil: 'commit' });
      const mark = await waitForPainted(page, 'graph', timeoutMs);
      const trace = await browser.stopTracing();
      const timings = (await proxyTimings(page)).filter((t) => t.end <= mark.painted!);
      const data = Math.max(0, ...timings.map((t) => t.end));
      const render = mark.painted! - data;
      const run: LineageRun = {
        total: mark.painted!,
        data,
        render,
        renderCpu: cpuBeforeMark(trace, 'graph', render),
        requests,
        errors: await pageErrors(page),
      };
      if (i >= 0) {
        runs.push(run);
        opts.log(
          `${stack.size} assets · lineage page run ${i + 1}/${opts.runs}: graph painted at ${run.total.toFixed(0)} ms ` +
            `(data ${run.data.toFixed(0)} ms, render ${run.render.toFixed(0)} ms / ${run.renderCpu.toFixed(0)} ms CPU, ${requests} requests${run.errors.length ? `, errors: ${run.errors.join(' | ')}` : ''})`
        );
      }
      if (i === opts.runs - 1 && opts.clicks > 0) {
        const c = await measureClicks(browser, page, opts.clicks);
        if (c) {
          click = { ...summarize(c.times), cpu: summarize(c.cpu), asset: c.asset, neighbourhood: c.neighbourhood };
          opts.log(
            `${stack.size} assets · click → highlight painted: median ${click.median.toFixed(0)} ms, ${click.cpu.median.toFixed(0)} ms CPU (${c.asset}; ${c.neighbourhood})`
          );
        }
      }
      await page.close();
    }
  } finally {
    await context.close();
  }
  return {
    size: stack.size,
    runs,
    total: summarize(runs.map((r) => r.total)),
    data: summarize(runs.map((r) => r.data)),
    render: summarize(runs.map((r) => r.render)),
    renderCpu: summarize(runs.map((r) => r.renderCpu)),
    requests: Math.max(...runs.map((r) => r.requests)),
    click,
    errors: [...new Set(runs.flatMap((r) => r.errors))],
  };
}
