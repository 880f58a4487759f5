import * as http from 'node:http';
import * as zlib from 'node:zlib';
import { listen, readBody, RunningServer, sendJson } from '../../httpUtil';
import { JaegerResponse } from './model';
import { canonicalTraceId, convertOtlp, OtlpTraceRequest } from './otlp';
import { TraceQuery, TraceStore } from './store';

/**
 * Jaeger STAND-IN (not Jaeger): an OTLP/HTTP JSON receiver (`POST /v1/traces`) plus the subset of
 * Jaeger's query API that Jaeger UI and Grafana's Jaeger data source use, over traces held in memory.
 * Real Jaeger serves OTLP on :4318 and the query API on :16686; the stand-in serves both on one port.
 */
export interface JaegerStandinOptions {
  host?: string;
  port?: number;
  /** Traces kept in memory; the oldest are dropped first. Default 10000. */
  maxTraces?: number;
}

export interface JaegerStandin extends RunningServer {
  store: TraceStore;
}

/** Jaeger's default search limit when none is given. */
const DEFAULT_LIMIT = 100;

export async function startJaegerStandin(opts: JaegerStandinOptions = {}): Promise<JaegerStandin> {
  const store = new TraceStore(opts.maxTraces ?? 10000);
  const server = await listen(
    (req, res) => {
      handle(store, req, res).catch((e: Error) => sendError(res, 500, e.message));
    },
    opts.host ?? '127.0.0.1',
    opts.port ?? 0
  );
  return { ...server, store };
}

function envelope<T>(data: T, total = 0): JaegerResponse<T> {
  return { data, total, limit: 0, offset: 0, errors: null };
}

/** Like Go's http.Error in Jaeger: compact JSON body, Content-Type text/plain, trailing newline. */
function sendError(res: http.ServerResponse, code: number, msg: string): void {
  const body = `${JSON.stringify({ data: null, total: 0, limit: 0, offset: 0, errors: [{ code, msg }] })}\n`;
  res.writeHead(code, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

async function handle(store: TraceStore, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://standin');
  const path = url.pathname;
  if (path === '/v1/traces') {
    return receiveOtlp(store, req, res);
  }
  if (req.method !== 'GET') {
    return sendError(res, 405, `method ${req.method} not allowed`);
  }
  if (path === '/api/services') {
    const services = store.services();
    return sendJson(res, 200, envelope(services, services.length));
  }
  const ops = path.match(/^\/api\/services\/([^/]+)\/operations$/);
  if (ops) {
    const names = store.operationsOf(decodeURIComponent(ops[1])).map((o) => o.name);
    return sendJson(res, 200, envelope(names, names.length));
  }
  if (path === '/api/operations') {
    const service = url.searchParams.get('service');
    if (!service) {
      return sendError(res, 400, "parameter 'service' is required");
    }
    const list = store.operationsOf(service, url.searchParams.get('spanKind') ?? undefined);
    return sendJson(res, 200, envelope(list, list.length));
  }
  const byId = path.match(/^\/api\/traces\/([^/]+)$/);
  if (byId) {
    const id = parseTraceId(byId[1]);
    if (!id) {
      return sendError(res, 400, `strconv.ParseUint: parsing "${byId[1]}": invalid syntax`);
    }
    const t = store.get(id);
    return t ? sendJson(res, 200, envelope([t])) : sendError(res, 404, 'trace not found');
  }
  if (path === '/api/traces') {
    return search(store, url.searchParams, res);
  }
  return sendError(res, 404, `404 page not found: ${path}`);
}

async function receiveOtlp(store: TraceStore, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.method !== 'POST') {
    return sendError(res, 405, `method ${req.method} not allowed`);
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
  if (type !== 'application/json') {
    // The real OTLP receiver also accepts application/x-protobuf; the stand-in reads JSON only.
    res.writeHead(415, { 'Content-Type': 'text/plain' });
    res.end(`unsupported content type "${type}": the Jaeger stand-in accepts OTLP/JSON only\n`);
    return;
  }
  let body = await readBody(req);
  if (req.headers['content-encoding'] === 'gzip') {
    body = zlib.gunzipSync(body);
  }
  let spans;
  try {
    spans = convertOtlp(JSON.parse(body.toString('utf8')) as OtlpTraceRequest);
  } catch (e) {
    res.writeHead(400, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ code: 3, message: (e as Error).message }));
    return;
  }
  store.add(spans);
  sendJson(res, 200, { partialSuccess: {} });
}

/** Parses a hex trace id (≤ 32 digits) into Jaeger's canonical form; undefined when invalid. */
function parseTraceId(raw: string): string | undefined {
  return /^[0-9a-fA-F]{1,32}$/.test(raw) ? canonicalTraceId(raw) : undefined;
}

/** Go's time.ParseDuration subset Jaeger accepts for min/maxDuration, in µs. */
export function parseGoDuration(raw: string): number {
  const units: Record<string, number> = { ns: 0.001, us: 1, µs: 1, ms: 1000, s: 1e6, m: 6e7, h: 3.6e9 };
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  if (raw === '0') {
    return 0;
  }
  while ((m = re.exec(raw)) !== null) {
    total += parseFloat(m[1]) * units[m[2]];
    pos = re.lastIndex;
  }
  if (pos !== raw.length || pos === 0) {
    throw new Error(
      /^\d+(\.\d+)?$/.test(raw) ? `time: missing unit in duration "${raw}"` : `time: invalid duration "${raw}"`
    );
  }
  return total;
}

function search(store: TraceStore, params: URLSearchParams, res: http.ServerResponse): void {
  const ids = params.getAll('traceID');
  if (ids.length > 0) {
    const data = [];
    const errors = [];
    for (const raw of ids) {
      const id = parseTraceId(raw);
      const t = id ? store.get(id) : undefined;
      if (t) {
        data.push(t);
      } else {
        errors.push({ msg: 'trace not found', traceID: raw });
      }
    }
    return sendJson(res, 200, { data, total: 0, limit: 0, offset: 0, errors: errors.length > 0 ? errors : null });
  }
  const service = params.get('service');
  if (!service) {
    return sendError(res, 400, "parameter 'service' is required");
  }
  let q: TraceQuery;
  try {
    q = {
      service,
      operation: params.get('operation') || undefined,
      tags: parseTags(params),
      start: intParam(params, 'start'),
      end: intParam(params, 'end'),
      minDuration: durationParam(params, 'minDuration'),
      maxDuration: durationParam(params, 'maxDuration'),
      limit: intParam(params, 'limit') || DEFAULT_LIMIT,
    };
  } catch (e) {
    return sendError(res, 400, (e as Error).message);
  }
  sendJson(res, 200, envelope(store.find(q)));
}

function intParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') {
    return undefined;
  }
  if (!/^-?\d+$/.test(raw)) {
    throw new Error(`unable to parse param '${name}': strconv.ParseInt: parsing "${raw}": invalid syntax`);
  }
  return Number(raw);
}

function durationParam(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') {
    return undefined;
  }
  try {
    return parseGoDuration(raw);
  } catch (e) {
    throw new Error(`unable to parse param '${name}': ${(e as Error).message}`);
  }
}

/** `tags={"k":"v"}` (JSON, what the UI sends) and `tag=k:v` (repeatable) both work, as in Jaeger. */
function parseTags(params: URLSearchParams): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const raw of params.getAll('tags')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      throw new Error(`malformed 'tags' parameter, cannot unmarshal JSON: ${raw}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new Error(`malformed 'tags' parameter, expecting a JSON object: ${raw}`);
    }
    for (const [k, v] of Object.entries(parsed)) {
      tags[k] = String(v);
    }
  }
  for (const raw of params.getAll('tag')) {
    const i = raw.indexOf(':');
    if (i < 0) {
      throw new Error(`malformed 'tag' parameter, expecting key:value, received: ${raw}`);
    }
    tags[raw.slice(0, i)] = raw.slice(i + 1);
  }
  return tags;
}
