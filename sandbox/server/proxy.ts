/**
 * Grafana's data source proxy, for the sandbox: `/api/datasources/proxy/uid/<uid>/<path>?<query>`
 * is forwarded to `<url of uid><path>?<query>`, bodies streamed both ways, status codes passed
 * through. Grafana's method rules are mirrored: Loki only accepts GET/HEAD through the proxy,
 * Prometheus refuses DELETE/PUT and POSTs outside its allow-listed routes (403 JSON `{message}`).
 * Unknown uid → 404 JSON; backend unreachable → 502 JSON; timeout → 504 JSON.
 */
import http from 'http';
import https from 'https';
import type { ProvisionedDatasource } from './provisioning';

export const PROXY_PREFIX = '/api/datasources/proxy/uid/';

/** POST routes the Prometheus plugin allow-lists in its plugin.json `routes`. */
const PROMETHEUS_POST_ALLOWED = [
  'api/v1/query',
  'api/v1/query_range',
  'api/v1/series',
  'api/v1/labels',
  'api/v1/query_exemplars',
];

// Hop-by-hop headers (RFC 7230) and the ones Grafana's proxy never forwards.
const DROP_REQUEST_HEADERS = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'cookie',
  'authorization',
  'origin',
  'referer',
  'x-grafana-org-id',
]);
const DROP_RESPONSE_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'set-cookie', 'upgrade']);

export interface ProxyOptions {
  /** Per-request timeout in ms (Grafana's `dataproxy.timeout`, default 30s). */
  timeoutMs?: number;
  version?: string;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Grafana's validateRequest: the reason a method/path is refused for this data source type, if any. */
export function refusalReason(type: string, method: string, proxyPath: string): string | undefined {
  const m = method.toUpperCase();
  const p = proxyPath.replace(/^\/+/, '');
  if (type === 'loki' && m !== 'GET' && m !== 'HEAD') {
    return `${m} requests are not allowed on proxied Loki data source`;
  }
  if (type === 'prometheus') {
    if (m === 'DELETE' || m === 'PUT' || m === 'PATCH') {
      return `non allow-listed ${m}s not allowed on proxied Prometheus datasource`;
    }
    if (m === 'POST' && !PROMETHEUS_POST_ALLOWED.includes(p)) {
      return 'non allow-listed POSTs not allowed on proxied Prometheus datasource';
    }
  }
  return undefined;
}

/** Joins the data source URL and the proxied path with exactly one slash, like Grafana's director. */
export function targetUrl(dsUrl: string, proxyPath: string, search: string): URL {
  const base = new URL(dsUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  const rest = proxyPath.replace(/^\/+/, '');
  base.pathname = rest ? `${basePath}/${rest}` : basePath || '/';
  base.search = search;
  return base;
}

/**
 * Handles one proxy request. `lookup` resolves a uid to its provisioned data source.
 * Returns false when the URL is not a proxy URL (so the caller can route it elsewhere).
 */
export function handleProxy(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  lookup: (uid: string) => ProvisionedDatasource | undefined,
  opts: ProxyOptions = {}
): boolean {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  if (!url.pathname.startsWith(PROXY_PREFIX)) {
    return false;
  }
  const rest = url.pathname.slice(PROXY_PREFIX.length);
  const slash = rest.indexOf('/');
  const uid = decodeURIComponent(slash === -1 ? rest : rest.slice(0, slash));
  const proxyPath = slash === -1 ? '' : rest.slice(slash + 1);
  const ds = lookup(uid);
  if (!ds) {
    sendJson(res, 404, { message: 'Data source not found' });
    return true;
  }
  const refusal = refusalReason(ds.type, req.method ?? 'GET', proxyPath);
  if (refusal) {
    sendJson(res, 403, { message: refusal });
    return true;
  }
  if (!ds.url) {
    sendJson(res, 502, { message: `Data source "${ds.name}" has no URL configured` });
    return true;
  }
  let target: URL;
  try {
    target = targetUrl(ds.url, proxyPath, url.search);
  } catch {
    sendJson(res, 502, { message: `Data source "${ds.name}" has an invalid URL` });
    return true;
  }

  const headers: http.OutgoingHttpHeaders = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (!DROP_REQUEST_HEADERS.has(k.toLowerCase()) && v !== undefined) {
      headers[k] = v;
    }
  }
  headers['user-agent'] = `Grafana/${opts.version ?? '13.2.3'} (sandbox)`;
  headers['x-forwarded-for'] = req.socket.remoteAddress ?? '127.0.0.1';
  if (ds.basicAuth && ds.user) {
    const password = ds.secureJsonData.basicAuthPassword ?? '';
    headers.authorization = `Basic ${Buffer.from(`${ds.user}:${password}`).toString('base64')}`;
  }

  const client = target.protocol === 'https:' ? https : http;
  const upstream = client.request(target, { method: req.method, headers });
  const timeoutMs = opts.timeoutMs ?? 30_000;
  upstream.setTimeout(timeoutMs, () => {
    upstream.destroy(new Error(`timeout after ${timeoutMs} ms`));
  });
  let finished = false;
  let clientGone = false;
  upstream.on('response', (up) => {
    const outHeaders: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(up.headers)) {
      if (!DROP_RESPONSE_HEADERS.has(k.toLowerCase()) && v !== undefined) {
        outHeaders[k] = v;
      }
    }
    res.writeHead(up.statusCode ?? 502, up.statusMessage, outHeaders);
    up.pipe(res);
    up.on('end', () => (finished = true));
    up.on('error', () => res.destroy());
  });
  upstream.on('error', (err: NodeJS.ErrnoException) => {
    if (res.headersSent) {
      // Mid-body failure: cut the connection so the client sees a truncated response, not a hang.
      res.destroy();
      return;
    }
    if (clientGone) {
      return;
    }
    const timedOut = /^timeout/.test(err.message);
    sendJson(res, timedOut ? 504 : 502, {
      message: timedOut
        ? `Data source "${ds.name}" did not answer within ${timeoutMs} ms`
        : `Data source "${ds.name}" is unreachable: ${err.code ?? err.message}`,
    });
  });
  // The browser went away (unsubscribed fetch): abort the backend request too.
  res.on('close', () => {
    if (!finished && !res.writableFinished) {
      clientGone = true;
      upstream.destroy();
    }
  });
  req.pipe(upstream);
  return true;
}
