import * as http from 'node:http';
import * as zlib from 'node:zlib';
import { listen, readBody, RunningServer, sendJson, sendText } from '../../httpUtil';
import { checkSelector, evalMetric, EvalStats, msToNs, newStats, QueryError, selectLogs, Series } from './engine';
import { parseDurationMs, parseLogQL, ParseError, Query, UnsupportedQueryError } from './logql';
import { labelsKey, LogStore } from './store';
import { lokiStats } from './stats';

/**
 * Loki STAND-IN (not Loki): the push API and the read API subset Grafana and Cascade use, over
 * log lines held in memory, answering with Loki 3's payload shapes and plain-text errors.
 */
export interface LokiStandinOptions {
  host?: string;
  port?: number;
  /** Log lines kept in memory; the oldest are dropped first. Default 100000. */
  maxLines?: number;
  /** Loki's max_entries_limit_per_query (default 5000). */
  maxEntriesLimit?: number;
  /** Mimic Loki 3's service_name / detected_level discovery (default true). */
  loki3Discovery?: boolean;
}

export interface LokiStandin extends RunningServer {
  store: LogStore;
}

const MAX_POINTS = 11000;
const DEFAULT_LIMIT = 100;

export async function startLokiStandin(opts: LokiStandinOptions = {}): Promise<LokiStandin> {
  const store = new LogStore(opts.maxLines ?? 100000, opts.loki3Discovery ?? true);
  const maxEntries = opts.maxEntriesLimit ?? 5000;
  const server = await listen(
    (req, res) => {
      handle(store, maxEntries, req, res).catch((e: Error) => {
        if (
          e instanceof ParseError ||
          e instanceof UnsupportedQueryError ||
          e instanceof QueryError ||
          e instanceof BadRequest
        ) {
          sendText(res, 400, e.message);
        } else {
          sendText(res, 500, e.message);
        }
      });
    },
    opts.host ?? '127.0.0.1',
    opts.port ?? 0
  );
  return { ...server, store };
}

class BadRequest extends Error {}

async function handle(
  store: LogStore,
  maxEntries: number,
  req: http.IncomingMessage,
  res: http.ServerResponse
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://standin');
  const path = url.pathname;
  if (path === '/ready') {
    return sendText(res, 200, 'ready\n');
  }
  if (path === '/loki/api/v1/push') {
    if (req.method !== 'POST') {
      return sendText(res, 405, 'method not allowed\n');
    }
    return push(store, req, res);
  }
  // Loki also reads form-encoded POST bodies on its read endpoints.
  const params = new URLSearchParams(url.search);
  if (req.method === 'POST' && (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams((await readBody(req)).toString())) {
      params.append(k, v);
    }
  } else if (req.method !== 'GET' && req.method !== 'POST') {
    return sendText(res, 405, 'method not allowed\n');
  }
  const categorize = (req.headers['x-loki-response-encoding-flags'] ?? '')
    .toString()
    .split(',')
    .map((s) => s.trim())
    .includes('categorize-labels');
  switch (path) {
    case '/loki/api/v1/query_range':
      return queryRange(store, maxEntries, params, categorize, res);
    case '/loki/api/v1/query':
      return queryInstant(store, params, res);
    case '/loki/api/v1/labels':
    case '/loki/api/v1/label':
      return labelNames(store, params, res);
    case '/loki/api/v1/series':
      return series(store, params, res);
  }
  const values = path.match(/^\/loki\/api\/v1\/label\/([^/]+)\/values$/);
  if (values) {
    return labelValues(store, decodeURIComponent(values[1]), params, res);
  }
  sendText(res, 404, '404 page not found\n');
}

interface PushBody {
  streams?: Array<{ stream?: Record<string, string>; values?: Array<[string, string, Record<string, string>?]> }>;
}

async function push(store: LogStore, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
  if (type !== 'application/json') {
    // Real Loki also takes snappy-compressed protobuf; the stand-in reads JSON only.
    return sendText(
      res,
      415,
      `unsupported Content-Type "${type}": the Loki stand-in accepts application/json pushes only\n`
    );
  }
  let raw = await readBody(req);
  if (req.headers['content-encoding'] === 'gzip') {
    raw = zlib.gunzipSync(raw);
  }
  let body: PushBody;
  try {
    body = JSON.parse(raw.toString('utf8')) as PushBody;
  } catch (e) {
    return sendText(res, 400, `loghttp.PushRequest.Streams: ${(e as Error).message}\n`);
  }
  for (const s of body.streams ?? []) {
    if (!s.stream || Object.keys(s.stream).length === 0) {
      return sendText(res, 400, 'error at least one label pair is required per stream\n');
    }
    for (const v of s.values ?? []) {
      if (!Array.isArray(v) || typeof v[0] !== 'string' || !/^\d+$/.test(v[0]) || typeof v[1] !== 'string') {
        return sendText(
          res,
          400,
          `invalid log entry ${JSON.stringify(v).slice(0, 100)}: expected ["<ns timestamp string>", "<line>"]\n`
        );
      }
    }
  }
  for (const s of body.streams ?? []) {
    store.push(s.stream!, s.values ?? []);
  }
  res.writeHead(204);
  res.end();
}

/** Loki's time parameters: ns integers, seconds (≤ 10 digits or with a fraction), or RFC3339. */
export function parseTimeMs(raw: string | null, def: number): number {
  if (raw === null || raw === '') {
    return def;
  }
  if (/^\d+\.\d*$/.test(raw)) {
    return parseFloat(raw) * 1000;
  }
  if (/^\d+$/.test(raw)) {
    return raw.length <= 10 ? Number(raw) * 1000 : Number(BigInt(raw) / BigInt(1000)) / 1000;
  }
  const t = Date.parse(raw);
  if (Number.isNaN(t)) {
    throw new BadRequest(`could not parse '${raw}' as a timestamp`);
  }
  return t;
}

function parseStepMs(raw: string | null, startMs: number, endMs: number): number {
  if (raw === null || raw === '') {
    // Loki's default: ceil(range / 250) seconds, at least 1 s.
    return Math.max(1, Math.ceil((endMs - startMs) / 1000 / 250)) * 1000;
  }
  const step = /^\d+(\.\d+)?$/.test(raw) ? parseFloat(raw) * 1000 : parseDurationMs(raw);
  if (step <= 0) {
    throw new BadRequest('zero or negative query resolution step widths are not accepted. Try a positive integer');
  }
  return step;
}

function parseLimit(params: URLSearchParams, maxEntries: number): number {
  const raw = params.get('limit');
  const limit = raw === null || raw === '' ? DEFAULT_LIMIT : Number(raw);
  if (!Number.isInteger(limit) || limit < 0) {
    throw new BadRequest(`invalid limit "${raw}"`);
  }
  if (limit > maxEntries) {
    throw new BadRequest(
      `max entries limit per query exceeded, limit > max_entries_limit_per_query (${limit} > ${maxEntries})`
    );
  }
  return limit;
}

function queryRange(
  store: LogStore,
  maxEntries: number,
  params: URLSearchParams,
  categorize: boolean,
  res: http.ServerResponse
): void {
  const began = process.hrtime.bigint();
  const query = parseLogQL(params.get('query') ?? '');
  const endMs = parseTimeMs(params.get('end'), Date.now());
  const startMs = parseTimeMs(params.get('start'), endMs - 3600 * 1000);
  if (endMs < startMs) {
    throw new BadRequest('end timestamp must not be before or equal to start time');
  }
  const stats = newStats();
  if (query.type === 'log') {
    const limit = parseLimit(params, maxEntries);
    const direction = (params.get('direction') ?? 'backward').toLowerCase();
    if (direction !== 'backward' && direction !== 'forward') {
      throw new BadRequest(`invalid direction "${params.get('direction')}"`);
    }
    const result = streamsResult(store, query, msToNs(startMs), msToNs(endMs), limit, direction, categorize, stats);
    const data: Record<string, unknown> = {
      resultType: 'streams',
      result: result.streams,
      stats: lokiStats(stats, result.returned, began),
    };
    if (categorize) {
      data.encodingFlags = ['categorize-labels'];
    }
    return sendJson(res, 200, { status: 'success', data });
  }
  const stepMs = parseStepMs(params.get('step'), startMs, endMs);
  if ((endMs - startMs) / stepMs > MAX_POINTS) {
    throw new BadRequest(
      `exceeded maximum resolution of ${MAX_POINTS} points per timeseries. Try increasing the value of the step parameter`
    );
  }
  const seriesList = evalMetric(store, query, startMs, endMs, stepMs, stats);
  const result = sortSeries(seriesList).map((s) => ({
    metric: s.labels,
    values: s.points.map(([t, v]) => [t / 1000, formatValue(v)]),
  }));
  sendJson(res, 200, { status: 'success', data: { resultType: 'matrix', result, stats: lokiStats(stats, 0, began) } });
}

function queryInstant(store: LogStore, params: URLSearchParams, res: http.ServerResponse): void {
  const began = process.hrtime.bigint();
  const query = parseLogQL(params.get('query') ?? '');
  if (query.type === 'log') {
    throw new BadRequest(
      'log queries are not supported as an instant query type, please change your query to a range query type'
    );
  }
  const t = parseTimeMs(params.get('time'), Date.now());
  const stats = newStats();
  const result = sortSeries(evalMetric(store, query, t, t, 1, stats)).map((s) => ({
    metric: s.labels,
    value: [t / 1000, formatValue(s.points[0][1])],
  }));
  sendJson(res, 200, { status: 'success', data: { resultType: 'vector', result, stats: lokiStats(stats, 0, began) } });
}

/** Go's strconv.FormatFloat(v, 'f', -1, 64) for the values Loki prints. */
function formatValue(v: number): string {
  if (Number.isNaN(v)) {
    return 'NaN';
  }
  if (!Number.isFinite(v)) {
    return v > 0 ? '+Inf' : '-Inf';
  }
  return String(v);
}

function sortSeries(list: Series[]): Series[] {
  return list
    .map((s) => ({ s, key: labelsKey(s.labels) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((x) => x.s);
}

type StreamValue = [string, string] | [string, string, Record<string, Record<string, string>>];

function streamsResult(
  store: LogStore,
  query: Extract<Query, { type: 'log' }>,
  startNs: bigint,
  endNs: bigint,
  limit: number,
  direction: string,
  categorize: boolean,
  stats: EvalStats
): { streams: Array<{ stream: Record<string, string>; values: StreamValue[] }>; returned: number } {
  const hits: Array<{ ns: bigint; key: string; labels: Record<string, string>; value: StreamValue }> = [];
  selectLogs(store, query, startNs, endNs, stats, (m, labels) => {
    let streamLabels = labels;
    let value: StreamValue = [m.entry.ns.toString(), m.entry.line];
    if (categorize) {
      // Loki 3 with categorize-labels: stream labels stay indexed-only, the rest goes in a 3rd element.
      streamLabels = m.streamLabels;
      const extra: Record<string, Record<string, string>> = {};
      if (Object.keys(m.entry.meta).length > 0) {
        extra.structuredMetadata = m.entry.meta;
      }
      if (Object.keys(m.parsed).length > 0) {
        extra.parsed = m.parsed;
      }
      value = [m.entry.ns.toString(), m.entry.line, extra];
    }
    hits.push({ ns: m.entry.ns, key: labelsKey(streamLabels), labels: streamLabels, value });
  });
  hits.sort((a, b) => (a.ns === b.ns ? 0 : a.ns < b.ns === (direction === 'forward') ? -1 : 1));
  const kept = hits.slice(0, limit);
  const streams = new Map<string, { stream: Record<string, string>; values: StreamValue[] }>();
  for (const h of kept) {
    let s = streams.get(h.key);
    if (!s) {
      s = { stream: h.labels, values: [] };
      streams.set(h.key, s);
    }
    s.values.push(h.value);
  }
  return { streams: [...streams.values()], returned: kept.length };
}

/** Label APIs look at the last 6 h by default, like Loki's. */
function streamsInRange(store: LogStore, params: URLSearchParams) {
  const endMs = parseTimeMs(params.get('end'), Date.now());
  const sinceMs = params.get('since') ? parseDurationMs(params.get('since')!) : 6 * 3600 * 1000;
  const startMs = parseTimeMs(params.get('start'), endMs - sinceMs);
  const startNs = msToNs(startMs);
  const endNs = msToNs(endMs);
  const selectors = [...params.getAll('match[]'), ...params.getAll('query')].filter((q) => q !== '');
  const matchers = selectors.map((q) => {
    const p = parseLogQL(q);
    if (p.type !== 'log' || p.stages.length > 0) {
      throw new BadRequest(`only stream selectors are supported here, got: ${q}`);
    }
    return checkSelector(p);
  });
  return [...store.allStreams()].filter(
    (s) =>
      s.entries.length > 0 &&
      s.entries[s.entries.length - 1].ns >= startNs &&
      s.entries[0].ns <= endNs &&
      (matchers.length === 0 || matchers.some((ms) => ms.every((m) => m.fn(s.labels[m.name] ?? ''))))
  );
}

function labelNames(store: LogStore, params: URLSearchParams, res: http.ServerResponse): void {
  const names = new Set<string>();
  for (const s of streamsInRange(store, params)) {
    Object.keys(s.labels).forEach((k) => names.add(k));
  }
  sendJson(res, 200, { status: 'success', data: [...names].sort() });
}

function labelValues(store: LogStore, name: string, params: URLSearchParams, res: http.ServerResponse): void {
  const values = new Set<string>();
  for (const s of streamsInRange(store, params)) {
    if (s.labels[name] !== undefined) {
      values.add(s.labels[name]);
    }
  }
  sendJson(res, 200, { status: 'success', data: [...values].sort() });
}

function series(store: LogStore, params: URLSearchParams, res: http.ServerResponse): void {
  if (params.getAll('match[]').length === 0) {
    throw new BadRequest('0 matcher groups supplied');
  }
  sendJson(res, 200, { status: 'success', data: streamsInRange(store, params).map((s) => s.labels) });
}
