import * as http from 'node:http';
import * as zlib from 'node:zlib';
import { listen, readBody, RunningServer, sendJson, sendText } from '../../httpUtil';
import { ingestOtlp, OtlpExportRequest } from './ingest';
import { TempoStore } from './store';
import { Filter, parseTraceQL, TraceQLError } from './traceql';

/**
 * Tempo STAND-IN (not Tempo): an OTLP/HTTP JSON receiver (`POST /v1/traces`) plus the subset of
 * Tempo's HTTP API Grafana's Tempo data source and Cascade use (TraceQL search, trace by id v2,
 * tag values, echo), over traces held in memory. Real Tempo receives OTLP on :4318 and serves its
 * API on :3200; the stand-in serves both on one port. Errors are plain text, as Tempo's are.
 */
export interface TempoStandinOptions {
  host?: string;
  port?: number;
  /** Traces kept in memory; the oldest are dropped first. Default 10000. */
  maxTraces?: number;
}

export interface TempoStandin extends RunningServer {
  store: TempoStore;
}

/** Tempo's defaults: `limit` 20 traces, `spss` 3 spans per span set. */
const DEFAULT_LIMIT = 20;
const DEFAULT_SPSS = 3;

class BadRequest extends Error {}

export async function startTempoStandin(opts: TempoStandinOptions = {}): Promise<TempoStandin> {
  const store = new TempoStore(opts.maxTraces ?? 10000);
  const server = await listen(
    (req, res) => {
      handle(store, req, res).catch((e: Error) =>
        sendText(res, e instanceof TraceQLError || e instanceof BadRequest ? 400 : 500, e.message)
      );
    },
    opts.host ?? '127.0.0.1',
    opts.port ?? 0
  );
  return { ...server, store };
}

async function handle(store: TempoStore, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://standin');
  const path = url.pathname;
  if (path === '/v1/traces') {
    return receiveOtlp(store, req, res);
  }
  if (req.method !== 'GET') {
    return sendText(res, 405, `method ${req.method} not allowed\n`);
  }
  if (path === '/api/echo') {
    return sendText(res, 200, 'echo\n');
  }
  if (path === '/ready') {
    return sendText(res, 200, 'ready\n');
  }
  if (path === '/api/search') {
    return sendJson(res, 200, store.search(searchParams(url.searchParams)));
  }
  const byId = path.match(/^\/api\/v2\/traces\/([^/]*)$/);
  if (byId) {
    const id = parseTraceId(decodeURIComponent(byId[1]));
    const trace = store.traceById(id);
    // Tempo 2.7+ answers an unknown id on v2 with 200 and an empty trace (grafana/tempo#5105).
    return sendJson(res, 200, trace ? { trace } : { trace: {}, metrics: {} });
  }
  const v2Values = path.match(/^\/api\/v2\/search\/tag\/([^/]+)\/values$/);
  if (v2Values) {
    const { scope, key } = scopedTag(decodeURIComponent(v2Values[1]));
    const q = url.searchParams.get('q');
    const filter: Filter | undefined = q ? parseTraceQL(q).filter : undefined;
    return sendJson(res, 200, { tagValues: store.tagValues(scope, key, filter), metrics: inspected(store) });
  }
  const v1Values = path.match(/^\/api\/search\/tag\/([^/]+)\/values$/);
  if (v1Values) {
    const values = store.tagValues('any', decodeURIComponent(v1Values[1])).map((v) => v.value);
    return sendJson(res, 200, { tagValues: [...new Set(values)], metrics: inspected(store) });
  }
  return sendText(res, 404, '404 page not found\n');
}

const inspected = (store: TempoStore) => ({ inspectedBytes: String(store.size * 2048) });

/** `resource.x`, `span.x`, `.x` or an intrinsic (`name`, `status`), as the v2 tag endpoints take them. */
function scopedTag(tag: string): { scope: 'resource' | 'span' | 'any' | 'intrinsic'; key: string } {
  const m = tag.match(/^(resource|span)\.(.+)$/);
  if (m) {
    return { scope: m[1] as 'resource' | 'span', key: m[2] };
  }
  if (tag.startsWith('.')) {
    return { scope: 'any', key: tag.slice(1) };
  }
  if (tag === 'name' || tag === 'status') {
    return { scope: 'intrinsic', key: tag };
  }
  throw new BadRequest(`unsupported by the Tempo stand-in: tag ${tag}`);
}

/** Tempo's trace id rules (pkg/util/traceid.go): hex only, at most 128 bits, left-padded with zeros. */
export function parseTraceId(raw: string): string {
  for (let i = 0; i < raw.length; i++) {
    if (!/[0-9a-fA-F]/.test(raw[i])) {
      throw new BadRequest(
        `trace IDs can only contain hex characters: invalid character '${raw[i]}' at position ${i + 1}`
      );
    }
  }
  if (raw === '') {
    throw new BadRequest('please provide a traceID');
  }
  const even = raw.length % 2 ? `0${raw}` : raw;
  if (even.length > 32) {
    throw new BadRequest("trace IDs can't be larger than 128 bits");
  }
  return even.toLowerCase().padStart(32, '0');
}

function positiveInt(params: URLSearchParams, name: string, fallback: number): number {
  const raw = params.get(name);
  if (raw === null || raw === '') {
    return fallback;
  }
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n <= 0) {
    throw new BadRequest(`invalid ${name}: must be a positive number`);
  }
  return n;
}

function epochSeconds(params: URLSearchParams, name: string): number | undefined {
  const raw = params.get(name);
  if (raw === null || raw === '') {
    return undefined;
  }
  if (!/^\d+$/.test(raw)) {
    throw new BadRequest(`invalid ${name}: strconv.ParseInt: parsing "${raw}": invalid syntax`);
  }
  return Number(raw);
}

function searchParams(params: URLSearchParams) {
  const q = params.get('q');
  if (params.get('tags')) {
    throw new BadRequest('unsupported by the Tempo stand-in: tags= search (use q= TraceQL)');
  }
  const start = epochSeconds(params, 'start');
  const end = epochSeconds(params, 'end');
  if (start !== undefined && end !== undefined && end < start) {
    throw new BadRequest('http parameter start must be before end');
  }
  return {
    query: parseTraceQL(q && q.trim() !== '' ? q : '{}'),
    limit: positiveInt(params, 'limit', DEFAULT_LIMIT),
    spss: positiveInt(params, 'spss', DEFAULT_SPSS),
    start,
    end,
  };
}

async function receiveOtlp(store: TempoStore, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  if (req.method !== 'POST') {
    return sendText(res, 405, `method ${req.method} not allowed\n`);
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
  if (type !== 'application/json') {
    // Real Tempo's receiver also takes application/x-protobuf; the stand-in reads JSON only.
    return sendText(res, 415, `unsupported content type "${type}": the Tempo stand-in accepts OTLP/JSON only\n`);
  }
  let body = await readBody(req);
  if (req.headers['content-encoding'] === 'gzip') {
    body = zlib.gunzipSync(body);
  }
  let spans;
  try {
    spans = ingestOtlp(JSON.parse(body.toString('utf8')) as OtlpExportRequest);
  } catch (e) {
    res.writeHead(400, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ code: 3, message: (e as Error).message }));
    return;
  }
  store.add(spans);
  sendJson(res, 200, { partialSuccess: {} });
}
