/**
 * Section 7 (issue 13): page ready. The Overview, Lineage and Freshness pages of the built plugin in
 * headless Chromium, served by the sandbox with their data through the real data source and proxy,
 * on a stack with or without Cascade's recording rules loaded in Prometheus.
 *
 * Per navigation (ms since navigation start, or since the nav click for an in-app navigation, `--nav inapp`):
 * - `boot`: the first data source proxy request (host page, app module and page chunk loaded; in a
 *   real Grafana this part is Grafana's own boot, so it is reported apart);
 * - `first`: the first frame showing something useful (the page's `first` selector: lineage graph,
 *   the pipeline status section done loading, a freshness gauge);
 * - `complete`: the first frame in which no section of the page is loading (`aria-busy`) and every
 *   proxy request has answered;
 * - `prometheus`: first Prometheus request start → last Prometheus response end in the page, and
 *   `prometheusAlone`: the same Prometheus queries replayed one after another straight to
 *   Prometheus after the page (its own time, without the page competing for the CPU).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { testIds } from '../../src/testIds';
import { byTestId } from '../lib/browser';
import type { BenchStack } from '../lib/stack';
import { summarize, type Sample } from '../lib/stats';

export type PageName = 'overview' | 'lineage' | 'freshness';

/** What "first useful paint" means per page (a CSS selector that starts matching). */
const FIRST: Record<PageName, string> = {
  overview: `${byTestId(testIds.overview.pipelineStatus)}:not([aria-busy])`,
  lineage: `${byTestId(testIds.lineage.graph)} canvas`,
  freshness: `[data-testid^="${testIds.freshness.gauge('')}"]`,
};
const CONTAINER: Record<PageName, string> = {
  overview: byTestId(testIds.overview.container),
  lineage: byTestId(testIds.lineage.container),
  freshness: byTestId(testIds.freshness.container),
};

export interface PageRun {
  boot: number;
  first: number;
  complete: number;
  prometheus: number;
  requests: number;
  errors: string[];
}

export interface PageReadyResult {
  size: number;
  page: PageName;
  /** Which build: `current` (this tree's dist/) or the A/B baseline (`--ab`). Absent in older result files. */
  build?: string;
  /** Page load or in-app navigation (absent in older result files: page load). */
  nav?: NavMode;
  recordingRules: boolean;
  runs: PageRun[];
  boot: Sample;
  first: Sample;
  complete: Sample;
  prometheus: Sample;
  /** Sum of the page's Prometheus queries replayed one at a time directly against Prometheus. */
  prometheusAlone: Sample;
  /** The slowest of those queries alone, and its PromQL (shortened). */
  slowestQuery: { ms: number; query: string };
  requests: number;
  errors: string[];
}

/** In-page probe: marks `first` and `complete` at the end of the frame in which each became true. */
const PROBE = (first: string, container: string) => `
(() => {
  const marks = {};
  window.__pageReady = marks;
  // The default 250 entries fill up on an in-app navigation (the previous page's chunks and requests).
  performance.setResourceTimingBufferSize(100000);
  const afterFrame = (name) => requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { marks[name] = performance.now(); };
    ch.port2.postMessage(0);
  });
  const pending = () => window.__proxyPending || 0;
  const check = () => {
    if (!marks.firstSeen && document.querySelector(${JSON.stringify(first)})) {
      marks.firstSeen = performance.now();
      afterFrame('first');
    }
    if (marks.firstSeen && !marks.completeSeen && document.querySelector(${JSON.stringify(container)}) &&
        !document.querySelector('[aria-busy="true"]') && pending() === 0) {
      marks.completeSeen = performance.now();
      afterFrame('complete');
    }
  };
  // Count proxy requests in flight (fetch is what Grafana's BackendSrv and the sandbox's use).
  const origFetch = window.fetch;
  window.__proxyPending = 0;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input.url;
    const proxied = String(url).includes('/api/datasources/proxy/');
    if (proxied) window.__proxyPending++;
    const p = origFetch.apply(this, arguments);
    if (proxied) {
      const done = () => { window.__proxyPending--; setTimeout(check, 0); };
      p.then((r) => r.clone().arrayBuffer().then(done, done), done);
    }
    return p;
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
})();
`;

async function pageErrors(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('[data-testid^="data-testid cascade-source-error"], [role="alert"]')).map(
      (e) => (e.textContent ?? '').trim().slice(0, 200)
    )
  );
}

async function replayAlone(stack: BenchStack, queries: Array<{ query: string; time?: string }>) {
  const times: Array<{ ms: number; query: string }> = [];
  for (const q of queries) {
    const params = new URLSearchParams({ query: q.query, ...(q.time ? { time: q.time } : {}) });
    const t0 = performance.now();
    await (await fetch(`${stack.prometheusUrl}/api/v1/query?${params}`)).text();
    times.push({ ms: performance.now() - t0, query: q.query });
  }
  return times;
}

/** A build of the plugin served by its own sandbox on the same stack (A/B: `current` and the baseline). */
export interface PageBuild {
  build: string;
  url: string;
}

/**
 * How the page is reached: `full` = a page load (the sandbox's Grafana stand-in boots first), `inapp` = a click
 * in Grafana's nav from another app page (Traces) that has finished loading: what a user switching pages waits for.
 */
export type NavMode = 'full' | 'inapp';

/** The Traces page is shown and has settled: no section loading and no proxy request in flight, for 500 ms. */
const SETTLED = `(() => {
  const quiet = !!document.querySelector(${JSON.stringify(byTestId(testIds.trace.container))}) &&
    !document.querySelector('[aria-busy="true"]') && (window.__proxyPending || 0) === 0;
  window.__quietSince = quiet ? (window.__quietSince ?? performance.now()) : undefined;
  return quiet && performance.now() - window.__quietSince > 500;
})()`;

/** One navigation to `page` of `build`, measured until complete. */
async function measureOnce(context: BrowserContext, build: PageBuild, name: PageName, nav: NavMode) {
  const page = await context.newPage();
  const promQueries: Array<{ query: string; time?: string }> = [];
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname.includes('/api/datasources/proxy/uid/cascade-prometheus/api/v1/query')) {
      promQueries.push({ query: u.searchParams.get('query') ?? '', time: u.searchParams.get('time') ?? undefined });
    }
  });
  try {
    let t0 = 0;
    if (nav === 'inapp') {
      await page.goto(`${build.url}/a/cascade-pipeline-app/traces`, { waitUntil: 'commit' });
      await page.waitForFunction(SETTLED, undefined, { timeout: 240_000, polling: 100 });
      promQueries.length = 0;
      t0 = await page.evaluate(() => performance.now());
      await page.click(`nav[aria-label="App pages"] a[href$="/cascade-pipeline-app/${name}"]`);
    } else {
      await page.goto(`${build.url}/a/cascade-pipeline-app/${name}`, { waitUntil: 'commit' });
    }
    await page.waitForFunction(() => (window as any).__pageReady?.complete !== undefined, undefined, {
      timeout: 240_000,
      polling: 50,
    });
    const reached = await page.evaluate(() => (window as any).__pageReady as { first: number; complete: number });
    const marks = { first: reached.first - t0, complete: reached.complete - t0 };
    const timings = (
      await page.evaluate(() =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((e) => e.name.includes('/api/datasources/proxy/'))
          .map((e) => ({ url: e.name, start: e.startTime, end: e.responseEnd }))
      )
    )
      .filter((t) => t.start >= t0)
      .map((t) => ({ ...t, start: t.start - t0, end: t.end - t0 }));
    const prom = timings.filter((t) => t.url.includes('/cascade-prometheus/'));
    const run: PageRun = {
      boot: Math.min(...timings.map((t) => t.start)),
      first: marks.first,
      complete: marks.complete,
      prometheus: prom.length ? Math.max(...prom.map((t) => t.end)) - Math.min(...prom.map((t) => t.start)) : 0,
      requests: timings.length,
      errors: await pageErrors(page),
    };
    return { run, promQueries };
  } finally {
    await page.close();
  }
}

/**
 * Page ready of each page for each build; with several builds their page loads alternate (A, B, A, B …) on
 * the same stack, so load changes on the machine hit both alike.
 */
export async function benchPageReady(
  browser: Browser,
  stack: BenchStack,
  pages: PageName[],
  opts: {
    runs: number;
    recordingRules: boolean;
    warmup: boolean;
    log: (s: string) => void;
    builds?: PageBuild[];
    nav?: NavMode;
  }
): Promise<PageReadyResult[]> {
  const builds = opts.builds ?? [{ build: 'current', url: stack.url }];
  const results: PageReadyResult[] = [];
  for (const name of pages) {
    const per = new Map(
      await Promise.all(
        builds.map(async (b) => {
          const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
          await context.addInitScript({ content: PROBE(FIRST[name], CONTAINER[name]) });
          const m = { context, runs: [] as PageRun[], alone: [] as number[], slowest: { ms: 0, query: '' } };
          return [b.build, m] as [string, typeof m];
        })
      )
    );
    try {
      for (let i = opts.warmup ? -1 : 0; i < opts.runs; i++) {
        // Alternate which build goes first, so neither always follows the other's load.
        for (const b of i % 2 === 0 ? builds : [...builds].reverse()) {
          const m = per.get(b.build)!;
          const { run, promQueries } = await measureOnce(m.context, b, name, opts.nav ?? 'full');
          if (i < 0) {
            continue;
          }
          m.runs.push(run);
          const replay = await replayAlone(stack, promQueries);
          m.alone.push(replay.reduce((s, t) => s + t.ms, 0));
          for (const t of replay) {
            if (t.ms > m.slowest.ms) {
              m.slowest = { ms: t.ms, query: t.query.length > 90 ? `${t.query.slice(0, 90)}…` : t.query };
            }
          }
          opts.log(
            `${stack.size} assets · ${name} (${b.build}, ${opts.nav ?? 'full'}, ${opts.recordingRules ? 'with' : 'without'} rules) run ${i + 1}/${opts.runs}: ` +
              `boot ${run.boot.toFixed(0)} ms, first ${run.first.toFixed(0)} ms, complete ${run.complete.toFixed(0)} ms, ` +
              `Prometheus ${run.prometheus.toFixed(0)} ms in the page / ${m.alone[m.alone.length - 1].toFixed(0)} ms alone, ` +
              `${run.requests} requests${run.errors.length ? `, errors: ${run.errors.join(' | ')}` : ''}`
          );
        }
      }
    } finally {
      await Promise.all([...per.values()].map((m) => m.context.close()));
    }
    for (const b of builds) {
      const { runs, alone, slowest } = per.get(b.build)!;
      results.push({
        size: stack.size,
        page: name,
        build: b.build,
        nav: opts.nav ?? 'full',
        recordingRules: opts.recordingRules,
        runs,
        boot: summarize(runs.map((r) => r.boot)),
        first: summarize(runs.map((r) => r.first)),
        complete: summarize(runs.map((r) => r.complete)),
        prometheus: summarize(runs.map((r) => r.prometheus)),
        prometheusAlone: summarize(alone),
        slowestQuery: slowest,
        requests: Math.max(...runs.map((r) => r.requests)),
        errors: [...new Set(runs.flatMap((r) => r.errors))],
      });
    }
  }
  return results;
}
