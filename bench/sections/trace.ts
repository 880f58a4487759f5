/**
 * Section 5: the trace drill-down of the built plugin in headless Chromium. Generated traces of
 * 1,000 / 10,000 / 50,000 spans are sent to the Jaeger stand-in over OTLP (seedTrace.ts), then
 * `traces/<id>` is opened through the sandbox.
 *
 * First render: `total` = navigation start → first frame showing span rows; `data` = the last proxy
 * response (trace and its logs) before it; `render` = total − data (frame → tree → critical path →
 * rows → virtualized list → paint), which the target bounds.
 * Scrolling: the waterfall is scrolled programmatically by a fixed step every animation frame;
 * reported are the rAF intervals (vsync-bound: 16.7 ms at 60 Hz when nothing is dropped) and the
 * main-thread work of each frame (scroll event → the task after that frame's paint).
 */
import type { Browser } from 'playwright-core';
import { testIds } from '../../src/testIds';
import { byTestId, probedContext, proxyTimings, waitForPainted } from '../lib/browser';
import { seedTrace } from '../lib/seedTrace';
import type { BenchStack } from '../lib/stack';
import { quantile, summarize, type Sample } from '../lib/stats';

export interface ScrollResult {
  frames: number;
  /** rAF intervals, ms. */
  intervalMedian: number;
  intervalP95: number;
  /** Intervals longer than 1.5 vsync periods (a frame was missed). */
  dropped: number;
  /** Main-thread work per frame (scroll event → after that frame's paint), wall ms. */
  workMedian: number;
  workP95: number;
  /** Main-thread CPU time per frame from Chrome's trace (thread time, immune to other processes' load). */
  cpuMedian?: number;
  cpuP95?: number;
}

export interface TraceResult {
  spans: number;
  total: Sample;
  data: Sample;
  render: Sample;
  rows: number;
  scroll?: ScrollResult;
  errors: string[];
}

const ROWS = `${byTestId(testIds.trace.waterfall)} [data-testid^="data-testid cascade-trace-span "]`;
const WATERFALL = byTestId(testIds.trace.waterfall);
const SCROLL_FRAMES = 150;
const SCROLL_STEP_PX = 560; // 20 rows of 28 px per frame: a brisk fling

export async function benchTraces(
  browser: Browser,
  stack: BenchStack,
  sizes: number[],
  opts: { runs: number; log: (s: string) => void }
): Promise<TraceResult[]> {
  const out: TraceResult[] = [];
  const context = await probedContext(browser, { rows: ROWS });
  try {
    for (const spans of sizes) {
      const t0 = performance.now();
      const traceId = await seedTrace(stack.jaegerUrl, stack.lokiUrl, spans);
      opts.log(`trace of ${spans} spans sent over OTLP in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      const total: number[] = [];
      const data: number[] = [];
      const render: number[] = [];
      let rows = 0;
      let scroll: ScrollResult | undefined;
      const errors = new Set<string>();
      for (let i = -1; i < opts.runs; i++) {
        const page = await context.newPage();
        await page.goto(`${stack.url}/a/cascade-pipeline-app/traces/${traceId}?from=now-1h&to=now`, { waitUntil: 'commit' });
        const mark = await waitForPainted(page, 'rows', 180_000);
        const timings = (await proxyTimings(page)).filter((t) => t.end <= mark.painted!);
        const dataEnd = Math.max(0, ...timings.map((t) => t.end));
        rows = await page.locator(WATERFALL).getAttribute('aria-rowcount').then(Number);
        for (const e of await page.locator('[data-testid^="data-testid cascade-source-error"]').allTextContents()) {
          errors.add(e.trim().slice(0, 200));
        }
        if (i >= 0) {
          total.push(mark.painted!);
          data.push(dataEnd);
          render.push(mark.painted! - dataEnd);
          opts.log(`${spans} spans · run ${i + 1}/${opts.runs}: rows painted at ${mark.painted!.toFixed(0)} ms (data ${dataEnd.toFixed(0)} ms, render ${(mark.painted! - dataEnd).toFixed(0)} ms), ${rows} rows`);
        }
        if (i === opts.runs - 1) {
          await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
          scroll = await page.evaluate(scrollProbe, { selector: WATERFALL, frames: SCROLL_FRAMES, step: SCROLL_STEP_PX });
          Object.assign(scroll, frameCpu(await browser.stopTracing()));
          opts.log(
            `${spans} spans · scrolling: frame interval median ${scroll.intervalMedian.toFixed(1)} ms, p95 ${scroll.intervalP95.toFixed(1)} ms, ` +
              `${scroll.dropped} dropped; work per frame median ${scroll.workMedian.toFixed(1)} ms, p95 ${scroll.workP95.toFixed(1)} ms; ` +
              `main-thread CPU per frame median ${scroll.cpuMedian?.toFixed(1)} ms, p95 ${scroll.cpuP95?.toFixed(1)} ms`
          );
        }
        await page.close();
      }
      out.push({ spans, total: summarize(total), data: summarize(data), render: summarize(render), rows, scroll, errors: [...errors] });
    }
  } finally {
    await context.close();
  }
  return out;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * CPU time of each frame on the renderer's main thread: the thread time of every top-level task
 * between the end of one BeginMainFrame and the end of the next (script, style, layout, paint).
 */
export function frameCpu(buffer: Buffer): { cpuMedian: number; cpuP95: number } {
  const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  // The page's renderer is the main thread with the most frames.
  const frames = (m: TraceEvent) => events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.name === 'ProxyMain::BeginMainFrame' && e.ph === 'X');
  const main = mains.map((m) => ({ m, f: frames(m) })).sort((a, b) => b.f.length - a.f.length)[0];
  if (!main || main.f.length < 2) {
    return { cpuMedian: NaN, cpuP95: NaN };
  }
  const tasks = events.filter((e) => e.pid === main.m.pid && e.tid === main.m.tid && e.name === 'RunTask' && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  const ends = main.f.map((f) => f.ts + (f.dur ?? 0)).sort((a, b) => a - b);
  const cpu: number[] = [];
  let t = 0;
  for (let i = 1; i < ends.length; i++) {
    let sum = 0;
    while (t < tasks.length && tasks[t].ts < ends[i]) {
      if (tasks[t].ts >= ends[i - 1]) {
        sum += (tasks[t].tdur ?? 0) / 1000;
      }
      t++;
    }
    cpu.push(sum);
  }
  return { cpuMedian: quantile(cpu, 0.5), cpuP95: quantile(cpu, 0.95) };
}

/** Runs in the page: scrolls `selector` by `step` px per animation frame for `frames` frames. */
function scrollProbe({ selector, frames, step }: { selector: string; frames: number; step: number }): Promise<ScrollResult> {
  const el = document.querySelector(selector) as HTMLElement;
  const intervals: number[] = [];
  const work: number[] = [];
  const onScroll = () => {
    const start = performance.now();
    const ch = new MessageChannel();
    ch.port1.onmessage = () => work.push(performance.now() - start);
    ch.port2.postMessage(0);
  };
  document.addEventListener('scroll', onScroll, { capture: true, passive: true });
  return new Promise((resolve) => {
    let last = 0;
    let n = 0;
    const frame = (t: number) => {
      if (last) {
        intervals.push(t - last);
      }
      last = t;
      if (n++ < frames) {
        const max = el.scrollHeight - el.clientHeight;
        // Bounce at the ends so every frame scrolls.
        el.scrollTop = el.scrollTop + step > max ? 0 : el.scrollTop + step;
        requestAnimationFrame(frame);
      } else {
        document.removeEventListener('scroll', onScroll, { capture: true });
        const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil(p * xs.length) - 1))] ?? NaN;
        resolve({
          frames: intervals.length,
          intervalMedian: q(intervals, 0.5),
          intervalP95: q(intervals, 0.95),
          dropped: intervals.filter((x) => x > 25).length,
          workMedian: q(work, 0.5),
          workP95: q(work, 0.95),
        });
      }
    };
    requestAnimationFrame(frame);
  });
}

