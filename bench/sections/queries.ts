/**
 * Sections 1–3, in Node against one size's stack:
 * 1. requests per query (health, lineage, alerts) counted by wrapping the BackendSrv;
 * 2. join cost: the same query replayed over the recorded raw responses (no I/O), so only the
 *    plugin's parse + join + frame work is timed;
 * 3. overhead ratio: a live `health` query vs. the very requests it made, issued directly with
 *    fetch through the same proxy in the same run (interleaved, alternating order).
 */
import type { CascadeQueryType } from '../../src/datasource/types';
import { RecordedCall, RecordingBackendSrv, ReplayBackendSrv } from '../lib/backendSrv';
import {
  cascadeSettings,
  firstFrameRows,
  makeDataSource,
  queryRequest,
  responseErrors,
  runQuery,
} from '../lib/datasource';
import type { BenchStack } from '../lib/stack';
import { median, round2, summarize, timeRunsCpu, type Sample } from '../lib/stats';

export const QUERY_TYPES: CascadeQueryType[] = ['health', 'lineage', 'alerts'];

export interface QueryCount {
  requests: number;
  /** Requests per backend path, e.g. `prometheus /api/v1/query: 10`. */
  byPath: Record<string, number>;
  rows: number;
  responseBytes: number;
  /** Wall time of the counted live query (backends included). */
  wallMs: number;
  errors: string[];
}

export interface OverheadResult {
  query: Sample;
  raw: Sample;
  /** Median over runs of (query wall time ÷ raw wall time) of the same run. */
  ratio: number;
  ratios: number[];
  /** median(query) ÷ median(raw). */
  ratioOfMedians: number;
  /**
   * 1 + (the query's own work, timed offline in section 2) ÷ median(raw): the same quantity without
   * the backends' run-to-run noise, which on a shared machine dwarfs the plugin's share.
   */
  joinEstimate: number;
}

export interface QueriesResult {
  size: number;
  counts: Record<string, QueryCount>;
  /** Wall time of the replayed query (responses → frames). */
  join: Record<string, Sample>;
  /** CPU time of the same runs: the work itself, far less inflated by other processes than wall time. */
  joinCpu: Record<string, Sample>;
  overhead?: OverheadResult;
}

const UID_NAMES: Record<string, string> = {
  'cascade-prometheus': 'prometheus',
  'cascade-loki': 'loki',
  'cascade-jaeger': 'jaeger',
};

function pathOf(url: string): string {
  const m = url.match(/^\/api\/datasources\/proxy\/uid\/([^/]+)(\/[^?]*)/);
  return m ? `${UID_NAMES[decodeURIComponent(m[1])] ?? m[1]} ${m[2].replace(/\/[0-9a-f]{16,32}$/, '/<id>')}` : url;
}

const bytesOf = (calls: RecordedCall[]) =>
  calls.reduce((n, c) => n + (typeof c.body === 'string' ? Buffer.byteLength(c.body) : 0), 0);

/** The data source's per-request timeout in the bench (provisioned: 30 s; see docs/performance.md). */
export const BENCH_TIMEOUT_MS = 180_000;

export async function benchQueries(
  stack: BenchStack,
  opts: { runs: number; overhead: boolean; warmup: boolean; log: (s: string) => void }
): Promise<QueriesResult> {
  const provisioned = await cascadeSettings(stack.url);
  // A 10,000-asset health query can take longer than the provisioned 30 s on a loaded 2-core box;
  // the bench waits for it so every figure is complete (the page measurements keep 30 s).
  const settings = { ...provisioned, jsonData: { ...provisioned.jsonData, timeoutMs: BENCH_TIMEOUT_MS } };
  const recorder = RecordingBackendSrv.forServer(stack.url);
  const live = makeDataSource(settings, recorder);
  const result: QueriesResult = { size: stack.size, counts: {}, join: {}, joinCpu: {} };

  for (const type of QUERY_TYPES) {
    const request = queryRequest(type, Date.now());
    if (opts.warmup) {
      // Warm-up (connections, Prometheus' head block in memory), then the counted run.
      await runQuery(live, request);
    }
    recorder.reset();
    const t0 = performance.now();
    const responses = await runQuery(live, request);
    const calls = recorder.calls;
    const wall = performance.now() - t0;
    const byPath: Record<string, number> = {};
    for (const c of calls) {
      byPath[pathOf(c.url)] = (byPath[pathOf(c.url)] ?? 0) + 1;
    }
    result.counts[type] = {
      requests: calls.length,
      byPath,
      rows: firstFrameRows(responses),
      responseBytes: bytesOf(calls),
      wallMs: wall,
      errors: responseErrors(responses),
    };

    // 2. Join cost: replay the recorded bodies synchronously through the same data source code.
    const replay = new ReplayBackendSrv(calls);
    const offline = makeDataSource(settings, replay);
    const replayed = await runQuery(offline, request);
    if (firstFrameRows(replayed) !== result.counts[type].rows || replay.misses.length) {
      throw new Error(
        `${type}: the replayed query differs from the live one (${replay.misses.length} unrecorded requests)`
      );
    }
    const timed = await timeRunsCpu(() => runQuery(offline, request), Math.max(5, opts.runs), 2);
    result.join[type] = summarize(timed.wall);
    result.joinCpu[type] = summarize(timed.cpu);
    opts.log(
      `  ${stack.size} assets · ${type}: ${calls.length} requests, ${result.counts[type].rows} rows, ` +
        `${(result.counts[type].responseBytes / 1e6).toFixed(2)} MB in ${(wall / 1000).toFixed(1)} s, join ${result.join[type].median.toFixed(1)} ms (${result.joinCpu[type].median.toFixed(1)} ms CPU)` +
        (result.counts[type].errors.length ? `, errors: ${result.counts[type].errors.join(' | ')}` : '')
    );
  }

  if (opts.overhead) {
    result.overhead = await overheadRatio(stack, recorder, live, opts.runs);
    result.overhead.joinEstimate = 1 + result.join.health.median / result.overhead.raw.median;
    opts.log(
      `  ${stack.size} assets · health overhead ratio ${result.overhead.ratio.toFixed(3)}, of medians ${result.overhead.ratioOfMedians.toFixed(3)}, join-based ${result.overhead.joinEstimate.toFixed(3)} (query ${result.overhead.query.median.toFixed(0)} ms, raw ${result.overhead.raw.median.toFixed(0)} ms)`
    );
  }
  return result;
}

/** The raw requests: same URLs through the same proxy, in parallel, bodies read as text. */
async function rawRequests(baseUrl: string, urls: string[]): Promise<number> {
  const t0 = performance.now();
  await Promise.all(
    urls.map(async (u) => {
      const res = await fetch(new URL(u.replace(/^\//, ''), `${baseUrl}/`));
      await res.text();
    })
  );
  return performance.now() - t0;
}

async function overheadRatio(
  stack: BenchStack,
  recorder: RecordingBackendSrv,
  live: ReturnType<typeof makeDataSource>,
  runs: number
): Promise<OverheadResult> {
  const query: number[] = [];
  const raw: number[] = [];
  const ratios: number[] = [];
  const n = Math.max(5, runs);
  for (let i = -1; i < n; i++) {
    const request = queryRequest('health', Date.now());
    // The URLs carry the time: record this run's requests, then issue exactly those directly.
    const timeQuery = async () => {
      recorder.reset();
      const t0 = performance.now();
      await runQuery(live, request);
      return performance.now() - t0;
    };
    let q: number;
    let r: number;
    if (i % 2 === 0) {
      q = await timeQuery();
      r = await rawRequests(
        stack.url,
        recorder.calls.map((c) => c.url)
      );
    } else {
      // Odd runs: raw first (with the URLs of a dry query) so caching or drift favours neither side.
      recorder.reset();
      await runQuery(live, request);
      const urls = recorder.calls.map((c) => c.url);
      r = await rawRequests(stack.url, urls);
      q = await timeQuery();
    }
    if (i < 0) {
      continue; // warm-up pair
    }
    query.push(q);
    raw.push(r);
    ratios.push(q / r);
  }
  return {
    query: summarize(query),
    raw: summarize(raw),
    ratio: median(ratios),
    ratios: ratios.map(round2),
    ratioOfMedians: median(query) / median(raw),
    joinEstimate: NaN,
  };
}
