/**
 * A fault-injecting loopback HTTP proxy, placed between the sandbox's data source proxy and one
 * backend (real Prometheus, Loki stand-in, Jaeger stand-in). In `pass` mode it forwards verbatim;
 * every other mode injects one fault. Backend error bodies are the backends' OWN: `backend400`
 * forwards a deliberately broken request, so the body is what Prometheus / the stand-ins answer.
 * It records every request and whether the client (the sandbox proxy, i.e. the browser's
 * cancellation) closed the connection before an answer was sent.
 */
import http from 'http';
import { AddressInfo } from 'net';

export type Backend = 'prometheus' | 'loki' | 'jaeger';

export const FAULTS = [
  'refused',
  'stall',
  'html500',
  'backend400',
  'truncated',
  'wrongShape',
  'empty',
  'reset',
] as const;
export type Fault = (typeof FAULTS)[number];
export type Mode = 'pass' | Fault;

export const STALL_MS = 10_000;

export const HTML_500 =
  '<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

/** Valid JSON, wrong shape for what each backend's API returns. */
const WRONG_SHAPE: Record<Backend, string> = {
  prometheus: JSON.stringify({ status: 'success', data: { resultType: 'vector', result: { not: 'an array' } } }),
  loki: JSON.stringify({ status: 'success', data: { result: [{ values: 'none' }] } }),
  jaeger: JSON.stringify({ data: { traceID: 'abc', spans: 'none' }, errors: null }),
};

export interface RequestRecord {
  mode: Mode;
  path: string;
  /** The client closed the connection before the response was complete. */
  clientClosed: boolean;
  answered: boolean;
}

export interface FaultProxy {
  backend: Backend;
  url: string;
  /** Switches the fault (async: `refused` stops listening, leaving the port closed; others listen again). */
  setMode(mode: Mode): Promise<void>;
  readonly mode: Mode;
  readonly requests: RequestRecord[];
  /** Requests accepted but neither answered nor closed yet. */
  inFlight(): number;
  close(): Promise<void>;
}

function send(res: http.ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Forwards `path` (with its query) to the target and resolves with the complete response. */
function fetchUpstream(
  target: string,
  path: string,
  headers: http.IncomingHttpHeaders
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    // Identity encoding: faults (truncation, cuts) work on the plain body.
    const { host: _host, 'accept-encoding': _encoding, ...rest } = headers;
    const up = http.request(new URL(path, target), { method: 'GET', headers: rest }, (r) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => resolve({ status: r.statusCode ?? 502, headers: r.headers, body: Buffer.concat(chunks) }));
      r.on('error', reject);
    });
    up.on('error', reject);
    up.end();
  });
}

/** The request rewritten so the backend itself answers 400 with its own error body. */
function brokenRequest(backend: Backend, url: URL): string {
  if (backend === 'prometheus') {
    return `/api/v1/query?query=${encodeURIComponent('sum(')}`;
  }
  if (backend === 'loki') {
    return `/loki/api/v1/query_range?query=${encodeURIComponent('{job=')}`;
  }
  // Jaeger: a search without its required service parameter.
  return url.pathname.startsWith('/api/traces/') ? '/api/traces/not-a-trace-id' : '/api/traces?limit=1';
}

/** A valid, empty answer of the right type for the request. */
function emptyAnswer(backend: Backend, url: URL): { path?: string; body?: string } {
  if (backend === 'prometheus') {
    if (url.pathname.endsWith('/alerts')) {
      return { body: JSON.stringify({ status: 'success', data: { alerts: [] } }) };
    }
    const resultType = url.pathname.endsWith('/query_range') ? 'matrix' : 'vector';
    return { body: JSON.stringify({ status: 'success', data: { resultType, result: [] } }) };
  }
  if (backend === 'loki') {
    // The stand-in itself answers an empty result of the query's type for a range in 1970.
    const params = new URLSearchParams(url.search);
    params.set('start', '1');
    params.set('end', '2');
    return { path: `${url.pathname}?${params}` };
  }
  return { body: JSON.stringify({ data: [], total: 0, limit: 0, offset: 0, errors: null }) };
}

export async function startFaultProxy(backend: Backend, target: string): Promise<FaultProxy> {
  let mode: Mode = 'pass';
  const requests: RequestRecord[] = [];
  const open = new Set<RequestRecord>();

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fault.invalid');
    const rec: RequestRecord = { mode, path: `${url.pathname}${url.search}`, clientClosed: false, answered: false };
    requests.push(rec);
    open.add(rec);
    res.on('finish', () => {
      rec.answered = true;
      open.delete(rec);
    });
    res.on('close', () => {
      if (!rec.answered) {
        rec.clientClosed = true;
      }
      open.delete(rec);
    });
    const forward = async (path: string) => {
      const up = await fetchUpstream(target, path, req.headers);
      return up;
    };
    switch (rec.mode) {
      case 'pass':
      case 'refused': {
        const up = await forward(rec.path);
        res.writeHead(up.status, {
          'Content-Type': up.headers['content-type'] ?? 'application/octet-stream',
          'Content-Length': up.body.length,
        });
        return res.end(up.body);
      }
      case 'stall': {
        // Hold the request for STALL_MS, then answer normally if the client is still there.
        const timer = setTimeout(async () => {
          if (!res.destroyed) {
            const up = await forward(rec.path).catch(() => undefined);
            if (up && !res.destroyed) {
              res.writeHead(up.status, { 'Content-Type': up.headers['content-type'] ?? 'text/plain' });
              res.end(up.body);
            }
          }
        }, STALL_MS);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case 'html500':
        return send(res, 500, 'text/html', HTML_500);
      case 'backend400': {
        const up = await forward(brokenRequest(backend, url));
        res.writeHead(up.status, {
          'Content-Type': up.headers['content-type'] ?? 'text/plain',
          'Content-Length': up.body.length,
        });
        return res.end(up.body);
      }
      case 'truncated': {
        const up = await forward(rec.path);
        const half = up.body.subarray(0, Math.floor(up.body.length / 2));
        res.writeHead(200, {
          'Content-Type': up.headers['content-type'] ?? 'application/json',
          'Content-Length': half.length,
        });
        return res.end(half);
      }
      case 'wrongShape':
        return send(res, 200, 'application/json', WRONG_SHAPE[backend]);
      case 'empty': {
        const e = emptyAnswer(backend, url);
        if (e.body !== undefined) {
          return send(res, 200, 'application/json', e.body);
        }
        const up = await forward(e.path!);
        res.writeHead(up.status, {
          'Content-Type': up.headers['content-type'] ?? 'application/json',
          'Content-Length': up.body.length,
        });
        return res.end(up.body);
      }
      case 'reset': {
        // Headers and half of the real body, then the connection is cut.
        const up = await forward(rec.path);
        res.writeHead(200, {
          'Content-Type': up.headers['content-type'] ?? 'application/json',
          'Content-Length': up.body.length,
        });
        res.write(up.body.subarray(0, Math.floor(up.body.length / 2)));
        setTimeout(() => res.socket?.destroy(), 20);
        return;
      }
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: Error) => {
      if (!res.headersSent) {
        send(res, 599, 'text/plain', `fault proxy: ${e.message}`);
      } else {
        res.destroy();
      }
    });
  });
  server.keepAliveTimeout = 500;
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  const stopListening = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });

  return {
    backend,
    url: `http://127.0.0.1:${port}`,
    requests,
    get mode() {
      return mode;
    },
    inFlight: () => open.size,
    async setMode(next: Mode) {
      if (next === 'refused' && mode !== 'refused') {
        await stopListening();
      } else if (next !== 'refused' && mode === 'refused') {
        await listen(port);
      }
      mode = next;
    },
    async close() {
      if (mode !== 'refused') {
        await stopListening();
      }
    },
  };
}
