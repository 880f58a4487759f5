/**
 * FetchBackendSrv (the sandbox's BackendSrv) against a real loopback HTTP server: Grafana's
 * response/error shapes, query serialisation, cancellation on unsubscribe and by requestId.
 */
import http from 'http';
import type { AddressInfo } from 'net';
import { lastValueFrom } from 'rxjs';
import type { FetchError } from '@grafana/runtime';
import { FetchBackendSrv, HTTP_REQUEST_CANCELED, serializeParams } from '../../sandbox/shared/fetchBackendSrv';

let server: http.Server;
let base: string;
const seen: Array<{ method: string; url: string; body: string; contentType?: string }> = [];
const closed: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      seen.push({
        method: req.method ?? '',
        url,
        body: Buffer.concat(chunks).toString(),
        contentType: req.headers['content-type'],
      });
      res.on('close', () => !res.writableFinished && closed.push(url));
      if (url.startsWith('/prom-error')) {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error' }));
      } else if (url.startsWith('/html-500')) {
        res.writeHead(500, { 'Content-Type': 'text/html' });
        res.end('<html>boom</html>');
      } else if (url.startsWith('/text')) {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.end('plain body');
      } else if (url.startsWith('/slow')) {
        setTimeout(() => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end('{"late":true}');
        }, 5000);
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ ok: true, url }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

const srv = () => new FetchBackendSrv({ baseUrl: base, headers: { 'X-Grafana-Org-Id': '1' } });

async function waitFor(cond: () => boolean) {
  const until = Date.now() + 3000;
  while (!cond()) {
    if (Date.now() > until) {
      throw new Error('condition not met');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('FetchBackendSrv', () => {
  it('fetch() emits a FetchResponse with parsed JSON, relative URLs resolved against the base', async () => {
    const res = await lastValueFrom(
      srv().fetch<{ ok: boolean; url: string }>({
        url: '/api/x',
        params: { q: 'up{a="b"}', multi: ['1', '2'], skip: undefined },
      })
    );
    expect(res.status).toBe(200);
    expect(res.ok).toBe(true);
    expect(res.data).toEqual({ ok: true, url: '/api/x?q=up%7Ba%3D%22b%22%7D&multi=1&multi=2' });
  });

  it('falls back to text for non-JSON bodies', async () => {
    expect(await srv().get('/text')).toBe('plain body');
  });

  it('rejects with Grafana FetchError shapes: Prometheus error → data.message, HTML 500 → wrapped', async () => {
    const prom = await srv()
      .get('/prom-error')
      .catch((e: FetchError) => e);
    expect(prom).toMatchObject({
      status: 400,
      statusText: 'Bad Request',
      data: { error: 'parse error', message: 'parse error' },
    });
    expect((prom as FetchError).config.url).toBe('/prom-error');

    const html = await srv()
      .get('/html-500')
      .catch((e: FetchError) => e);
    expect(html).toMatchObject({
      status: 500,
      data: { error: 'Internal Server Error', response: '<html>boom</html>' },
    });
  });

  it('sends objects as JSON and form bodies as given', async () => {
    await srv().post('/api/json', { a: 1 });
    expect(seen.at(-1)).toMatchObject({ method: 'POST', body: '{"a":1}', contentType: 'application/json' });
    await srv().post(
      '/api/form',
      { query: 'up', step: 15 },
      { headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }
    );
    expect(seen.at(-1)).toMatchObject({ body: 'query=up&step=15' });
  });

  it('aborts the HTTP request when the subscriber unsubscribes', async () => {
    const sub = srv().fetch({ url: '/slow?unsub' }).subscribe();
    await waitFor(() => seen.some((s) => s.url === '/slow?unsub'));
    sub.unsubscribe();
    await waitFor(() => closed.includes('/slow?unsub'));
  });

  it('cancels an in-flight request when a newer one has the same requestId', async () => {
    const backend = srv();
    const first = lastValueFrom(backend.fetch({ url: '/slow?first', requestId: 'Q1' })).catch((e) => e);
    await waitFor(() => seen.some((s) => s.url === '/slow?first'));
    const second = lastValueFrom(backend.fetch({ url: '/api/second', requestId: 'Q1' }));
    expect(await first).toMatchObject({
      status: HTTP_REQUEST_CANCELED,
      cancelled: true,
      statusText: 'Request was aborted',
    });
    expect((await second).data).toMatchObject({ ok: true });
    await waitFor(() => closed.includes('/slow?first'));
  });

  it('serializes params like Grafana (arrays repeat, empty values dropped)', () => {
    expect(serializeParams({ a: 'x y', b: [1, 2], c: '', d: undefined, e: null })).toBe('a=x%20y&b=1&b=2');
  });
});
