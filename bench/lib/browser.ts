/**
 * Headless Chromium (Debian's /usr/bin/chromium through playwright-core; never a downloaded
 * browser) and an in-page probe that timestamps when an element first appears and when the frame
 * showing it has been produced.
 */
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../tests/sandbox/chromium';

export { CHROMIUM, CHROMIUM_ARGS };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * In-page probe, installed before any page script runs. For each named CSS selector it records
 * `mounted` (performance.now() when a DOM mutation first made it match), then queues a frame
 * callback and, from it, a message: the message runs once that frame's callbacks (including a
 * canvas draw requested in the same commit), style, layout and paint have run, so `painted` is when
 * the first frame showing the element was produced. Times are ms since navigation start.
 */
const PROBE = (targets: Record<string, string>) => `
(() => {
  window.__name = (f) => f; // esbuild's keepNames helper, referenced by functions passed to page.evaluate
  const targets = ${JSON.stringify(targets)};
  const marks = {};
  window.__benchMarks = marks;
  window.__benchAfterFrame = (m) => new Promise((resolve) => {
    requestAnimationFrame(() => {
      m.drawn = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        m.painted = performance.now();
        if (m.name) performance.mark('cascade-bench:' + m.name);
        resolve(m);
      };
      ch.port2.postMessage(0);
    });
  });
  const check = () => {
    let pending = 0;
    for (const name in targets) {
      if (marks[name]) continue;
      if (document.querySelector(targets[name])) {
        marks[name] = { name, mounted: performance.now() };
        window.__benchAfterFrame(marks[name]);
      } else {
        pending++;
      }
    }
    if (pending === 0) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
})();
`;

export interface ProbeMark {
  /** Set for the probe's targets: a user-timing mark `cascade-bench:<name>` is made when painted. */
  name?: string;
  mounted: number;
  drawn?: number;
  painted?: number;
}

/** A context with the probe watching `targets` (name → CSS selector) on every page it opens. */
export async function probedContext(browser: Browser, targets: Record<string, string>): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript({ content: PROBE(targets) });
  return context;
}

/** Waits until the probe has a painted mark for `name`. */
export async function waitForPainted(page: Page, name: string, timeoutMs: number): Promise<ProbeMark> {
  await page.waitForFunction((n) => (window as any).__benchMarks?.[n]?.painted !== undefined, name, {
    timeout: timeoutMs,
    polling: 50,
  });
  return page.evaluate((n) => (window as any).__benchMarks[n] as ProbeMark, name);
}

/** A data-testid attribute selector. */
export const byTestId = (id: string) => `[data-testid="${id.replace(/"/g, '\\"')}"]`;

/** Resource timings of the data source proxy requests the page made (ms since navigation start). */
export async function proxyTimings(page: Page): Promise<Array<{ url: string; start: number; end: number }>> {
  return page.evaluate(() =>
    (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
      .filter((e) => e.name.includes('/api/datasources/proxy/'))
      .map((e) => ({ url: e.name, start: e.startTime, end: e.responseEnd }))
  );
}

/** Chrome trace categories for main-thread task timing (thread CPU time) and user timing marks. */
export const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'];

interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
}

/**
 * Main-thread CPU time (thread time of its tasks, which other processes' load inflates far less than wall time)
 * in the `windowMs` before the user-timing mark `cascade-bench:<name>`, on the thread that made it.
 * Tasks straddling the window's start count in proportion.
 */
export function cpuBeforeMark(trace: Buffer, name: string, windowMs: number): number {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mark = events.filter((e) => e.name === `cascade-bench:${name}`).sort((a, b) => a.ts - b.ts)[0];
  if (!mark) {
    return NaN;
  }
  const from = mark.ts - windowMs * 1000;
  let cpu = 0;
  for (const e of events) {
    if (e.name !== 'RunTask' || e.ph !== 'X' || e.pid !== mark.pid || e.tid !== mark.tid || e.dur === undefined) {
      continue;
    }
    const end = e.ts + e.dur;
    const overlap = Math.min(end, mark.ts) - Math.max(e.ts, from);
    if (overlap > 0 && e.dur > 0) {
      cpu += ((e.tdur ?? 0) * overlap) / e.dur;
    }
  }
  return cpu / 1000;
}
