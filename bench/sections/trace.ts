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
import { byTestId, cpuBeforeMark, probedContext, proxyTimings, TRACE_CATEGORIES, waitForPainted } from '../lib/browser';
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
  /** Mean main-thread CPU per frame by kind of work (ms): script, style, layout, paint, other. */
  cpuBreakdown?: Record<string, number>;
}

export interface TraceResult {
  spans: number;
  total: Sample;
  data: Sample;
  render: Sample;
  /** Main-thread CPU time within `render`. */
  renderCpu: Sample;
  rows: number;
  scroll?: ScrollResult;
  errors: string[];
}

const ROWS = `${byTestId(testIds.trace.waterfall)} [data-testid^="data-testid cascade-trace-span "]`;
const WATERFALL = byTestId(testIds.trace.waterfall);
const SCROLL_FRAMES = 150;
/** 10 rows of 28 px per frame, 16,800 px/s at 60 Hz: a fast fling through the trace. */
const SCROLL_STEP_PX = 280;

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
      const renderCpu: number[] = [];
      let rows = 0;
      let scroll: ScrollResult | undefined;
      const errors = new Set<string>();
      for (let i = -1; i < opts.runs; i++) {
        const page = await context.newPage();
        await browser.startTracing(page, { categories: TRACE_CATEGORIES });
        await page.goto(`${stack.url}/a/cascade-pipeline-app/traces/${traceId}?from=now-1h&to=now`, {
          waitUntil: 'commit',
        });
        const mark = await waitForPainted(page, 'rows', 180_000);
        const trace = await browser.stopTracing();
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
          renderCpu.push(cpuBeforeMark(trace, 'rows', mark.painted! - dataEnd));
          opts.log(
            `${spans} spans · run ${i + 1}/${opts.runs}: rows painted at ${mark.painted!.toFixed(0)} ms ` +
              `(data ${dataEnd.toFixed(0)} ms, render ${(mark.painted! - dataEnd).toFixed(0)} ms / ${renderCpu[renderCpu.length - 1].toFixed(0)} ms CPU), ${rows} rows`
          );
        }
        if (i === opts.runs - 1) {
          await browser.startTracing(page, {
            categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'],
          });
          scroll = await page.evaluate(scrollProbe, {
            selector: WATERFALL,
            frames: SCROLL_FRAMES,
            step: SCROLL_STEP_PX,
          });
          Object.assign(scroll, frameCpu(await browser.stopTracing()));
          opts.log(
            `${spans} spans · scrolling: frame interval median ${scroll.intervalMedian.toFixed(1)} ms, p95 ${scroll.intervalP95.toFixed(1)} ms, ` +
              `${scroll.dropped} dropped; work per frame median ${scroll.workMedian.toFixed(1)} ms, p95 ${scroll.workP95.toFixed(1)} ms; ` +
              `main-thread CPU per frame median ${scroll.cpuMedian?.toFixed(1)} ms, p95 ${scroll.cpuP95?.toFixed(1)} ms ` +
              `(mean per frame: ${Object.entries(scroll.cpuBreakdown ?? {})
                .map(([k, v]) => `${k} ${v.toFixed(1)}`)
                .join(', ')})`
          );
        }
        await page.close();
      }
      out.push({
        spans,
        total: summarize(total),
        data: summarize(data),
        render: summarize(render),
        renderCpu: summarize(renderCpu),
        rows,
        scroll,
        errors: [...errors],
      });
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

const KIND: Record<string, string> = {
  FunctionCall: 'script',
  EventDispatch: 'script',
  FireAnimationFrame: 'script',
  RunMicrotasks: 'script',
  TimerFire: 'script',
  EvaluateScript: 'script',
  V8Console: 'script',
  MinorGC: 'gc',
  MajorGC: 'gc',
  UpdateLayoutTree: 'style',
  RecalcStyle: 'style',
  ParseAuthorStyleSheet: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  PaintImage: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  Commit: 'paint',
  HitTest: 'other',
};

/**
 * CPU time of each frame on the renderer's main thread: the thread time of the frame's task (the
 * one running its animation-frame callbacks, scroll events, style, layout and paint) plus every
 * other task since the previous frame's task (e.g. effects React posted); and where it went, from
 * the self time of the timeline's nested events.
 */
export function frameCpu(buffer: Buffer): Pick<ScrollResult, 'cpuMedian' | 'cpuP95' | 'cpuBreakdown'> {
  const events = (JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const fires = events.filter((e) => e.name === 'FireAnimationFrame' && e.ph === 'X');
  if (fires.length < 2) {
    return { cpuMedian: NaN, cpuP95: NaN };
  }
  const { pid, tid } = fires[0];
  const main = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const tasks = main.filter((e) => e.name === 'RunTask');
  const frameTasks = tasks.filter((t) =>
    fires.some((f) => f.pid === pid && f.tid === tid && f.ts >= t.ts && f.ts <= t.ts + (t.dur ?? 0))
  );
  const first = frameTasks[0].ts;
  const last = frameTasks[frameTasks.length - 1].ts;
  const cpu: number[] = [];
  for (let i = 1; i < frameTasks.length; i++) {
    let sum = 0;
    for (const t of tasks) {
      if (t.ts > frameTasks[i - 1].ts && t.ts <= frameTasks[i].ts) {
        sum += (t.tdur ?? 0) / 1000;
      }
    }
    cpu.push(sum);
  }
  // Self thread time per kind over the same frames (nested events: parent minus its children).
  const byKind: Record<string, number> = {};
  const stack: Array<{ e: TraceEvent; children: number }> = [];
  const close = (item: { e: TraceEvent; children: number }) => {
    const self = Math.max(0, (item.e.tdur ?? 0) - item.children);
    const kind = KIND[item.e.name] ?? 'other';
    if (item.e.ts > first && item.e.ts <= last) {
      byKind[kind] = (byKind[kind] ?? 0) + self / 1000;
    }
    if (stack.length) {
      stack[stack.length - 1].children += item.e.tdur ?? 0;
    }
  };
  for (const e of main) {
    while (stack.length && stack[stack.length - 1].e.ts + stack[stack.length - 1].e.dur! <= e.ts) {
      close(stack.pop()!);
    }
    stack.push({ e, children: 0 });
  }
  while (stack.length) {
    close(stack.pop()!);
  }
  const frames = Math.max(1, cpu.length);
  const cpuBreakdown = Object.fromEntries(
    Object.entries(byKind).map(([k, v]) => [k, Math.round((v / frames) * 100) / 100])
  );
  return { cpuMedian: quantile(cpu, 0.5), cpuP95: quantile(cpu, 0.95), cpuBreakdown };
}

/** Runs in the page: scrolls `selector` by `step` px per animation frame for `frames` frames. */
function scrollProbe({
  selector,
  frames,
  step,
}: {
  selector: string;
  frames: number;
  step: number;
}): Promise<ScrollResult> {
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
        const q = (xs: number[], p: number) =>
          [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.max(0, Math.ceil(p * xs.length) - 1))] ?? NaN;
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
