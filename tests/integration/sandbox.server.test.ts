/**
 * The sandbox server against real loopback backends (no mocks): the data source proxy maps uids
 * from the repository's own provisioning files to env-expanded URLs, passes paths, queries,
 * bodies and status codes through, streams, enforces Grafana's method rules, and the plugin
 * settings API round-trips.
 */
import fs from 'fs';
import http from 'http';
import os from 'os';
import path from 'path';
import type { AddressInfo } from 'net';
import { startSandboxServer, SandboxServer } from '../../sandbox/server/server';
import { expandEnv, loadProvisioning } from '../../sandbox/server/provisioning';

const ROOT = path.resolve(__dirname, '..', '..');

interface Seen {
  method: string;
  url: string;
  body: string;
  headers: http.IncomingHttpHeaders;
}

/** A real HTTP backend that records requests and answers per path. */
async function startBackend(handler?: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) {
  const seen: Seen[] = [];
  const closed: string[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', body, headers: req.headers });
      res.on('close', () => !res.writableFinished && closed.push(req.url ?? ''));
      if (handler) {
        handler(req, res, body);
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ status: 'success', data: { path: req.url } }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    closed,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

async function closedPortUrl(): Promise<string> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

describe('expandEnv (Grafana provisioning syntax)', () => {
  it('expands $VAR, ${VAR} and $__env{VAR}, keeps $$ as $, and empties unknown variables', () => {
    const env = { A: 'http://a:1', B: 'b' };
    expect(expandEnv('$A/x', env)).toBe('http://a:1/x');
    expect(expandEnv('${A}/y', env)).toBe('http://a:1/y');
    expect(expandEnv('$__env{B}-z', env)).toBe('b-z');
    expect(expandEnv('cost $$5', env)).toBe('cost $5');
    expect(expandEnv('${MISSING}', env)).toBe('');
  });

  it('reads the repository provisioning files with the URLs from the environment', () => {
    const prov = loadProvisioning(ROOT, {
      CASCADE_PROMETHEUS_URL: 'http://p:9090',
      CASCADE_LOKI_URL: 'http://l:3100',
      CASCADE_JAEGER_URL: 'http://j:16686',
    });
    const byUid = Object.fromEntries(prov.datasources.map((d) => [d.uid, d]));
    expect(byUid['cascade-prometheus']).toMatchObject({ type: 'prometheus', url: 'http://p:9090', readOnly: true });
    expect(byUid['cascade-loki']).toMatchObject({ type: 'loki', url: 'http://l:3100' });
    expect(byUid['cascade-jaeger']).toMatchObject({ type: 'jaeger', url: 'http://j:16686' });
    expect(byUid.cascade).toMatchObject({ type: 'cascade-pipeline-datasource', isDefault: true });
    expect(prov.apps.map((a) => a.type)).toContain('cascade-pipeline-app');
  });
});

describe('sandbox server', () => {
  let prom: Awaited<ReturnType<typeof startBackend>>;
  let loki: Awaited<ReturnType<typeof startBackend>>;
  let server: SandboxServer;
  let distDir: string;

  beforeAll(async () => {
    prom = await startBackend((req, res, body) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (url.pathname.endsWith('/api/v1/bad')) {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error at char 3' }));
      } else if (url.pathname.endsWith('/stream')) {
        res.writeHead(200, { 'Content-Type': 'text/plain' });
        res.write('first;');
        setTimeout(() => res.end('second'), 400);
      } else if (url.pathname.endsWith('/stall')) {
        // never answers: the client aborts
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ status: 'success', data: { path: url.pathname, query: url.search, body } }));
      }
    });
    loki = await startBackend();
    // Only plugin.json is needed for the settings API; copy the app's manifest, as the build does.
    distDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-sandbox-dist-'));
    fs.writeFileSync(path.join(distDir, 'plugin.json'), fs.readFileSync(path.join(ROOT, 'plugin.json')));
    server = await startSandboxServer({
      port: 0,
      root: ROOT,
      distDir,
      env: {
        CASCADE_PROMETHEUS_URL: `${prom.url}/prom-base`,
        CASCADE_LOKI_URL: loki.url,
        CASCADE_JAEGER_URL: await closedPortUrl(),
      },
    });
  });

  afterAll(async () => {
    await server.stop();
    await prom.stop();
    await loki.stop();
    fs.rmSync(distDir, { recursive: true, force: true });
  });

  const proxy = (uid: string, rest: string) => `${server.url}/api/datasources/proxy/uid/${uid}/${rest}`;

  it('maps a uid to its provisioned, env-expanded URL and passes path and query through', async () => {
    const res = await fetch(proxy('cascade-prometheus', 'api/v1/query?query=up%7Bjob%3D%22a%22%7D&time=5'));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.data.path).toBe('/prom-base/api/v1/query');
    expect(body.data.query).toBe('?query=up%7Bjob%3D%22a%22%7D&time=5');
    const seen = prom.seen.at(-1)!;
    expect(seen.headers['user-agent']).toMatch(/^Grafana\//);
    expect(seen.headers.cookie).toBeUndefined();
  });

  it('passes backend error statuses and bodies through unchanged', async () => {
    const res = await fetch(proxy('cascade-prometheus', 'api/v1/bad'));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ status: 'error', errorType: 'bad_data', error: 'parse error at char 3' });
  });

  it('forwards POST bodies on the Prometheus routes Grafana allow-lists and refuses the others with 403', async () => {
    const ok = await fetch(proxy('cascade-prometheus', 'api/v1/query_range'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'query=up&step=15',
    });
    expect(ok.status).toBe(200);
    expect((await ok.json()).data.body).toBe('query=up&step=15');

    const before = prom.seen.length;
    const refused = await fetch(proxy('cascade-prometheus', 'api/v1/admin/tsdb/delete_series'), {
      method: 'POST',
      body: 'x',
    });
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toMatch(/POSTs not allowed/);
    const del = await fetch(proxy('cascade-prometheus', 'api/v1/series'), { method: 'DELETE' });
    expect(del.status).toBe(403);
    expect(prom.seen.length).toBe(before);
  });

  it('refuses POST to a Loki proxy path with 403 like Grafana, without reaching Loki', async () => {
    const before = loki.seen.length;
    const res = await fetch(proxy('cascade-loki', 'loki/api/v1/push'), { method: 'POST', body: '{}' });
    expect(res.status).toBe(403);
    expect((await res.json()).message).toMatch(/Loki/);
    expect(loki.seen.length).toBe(before);
    const get = await fetch(proxy('cascade-loki', 'loki/api/v1/labels'));
    expect(get.status).toBe(200);
    expect(loki.seen.at(-1)!.url).toBe('/loki/api/v1/labels');
  });

  it('answers 404 JSON for an unknown uid and 502 JSON when the backend is down', async () => {
    const unknown = await fetch(proxy('no-such-uid', 'api/v1/query'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ message: 'Data source not found' });

    const down = await fetch(proxy('cascade-jaeger', 'api/services'));
    expect(down.status).toBe(502);
    expect((await down.json()).message).toMatch(/Jaeger.*unreachable/);
  });

  it('streams the body: the first chunk arrives before the backend finishes', async () => {
    const res = await fetch(proxy('cascade-prometheus', 'stream'));
    const reader = res.body!.getReader();
    const started = Date.now();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toBe('first;');
    expect(Date.now() - started).toBeLessThan(350);
    let rest = '';
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      rest += new TextDecoder().decode(r.value);
    }
    expect(rest).toBe('second');
  });

  it('aborts the backend request when the browser goes away', async () => {
    const controller = new AbortController();
    const pending = fetch(proxy('cascade-prometheus', 'stall'), { signal: controller.signal }).catch((e) => e);
    await waitFor(() => prom.seen.some((s) => s.url.endsWith('/stall')));
    controller.abort();
    await pending;
    await waitFor(() => prom.closed.some((u) => u.endsWith('/stall')));
  });

  it('round-trips app settings: GET from provisioning, POST (Admin) updates them in memory', async () => {
    const get = await fetch(`${server.url}/api/plugins/cascade-pipeline-app/settings`);
    expect(get.status).toBe(200);
    const meta = await get.json();
    expect(meta).toMatchObject({
      id: 'cascade-pipeline-app',
      enabled: true,
      module: 'public/plugins/cascade-pipeline-app/module.js',
    });
    expect(meta.jsonData.datasourceUid).toBe('cascade');

    const jsonData = { ...meta.jsonData, dagsterUrl: 'http://dagster.example:3000' };
    const post = await fetch(`${server.url}/api/plugins/cascade-pipeline-app/settings`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ enabled: true, pinned: true, jsonData }),
    });
    expect(post.status).toBe(200);
    expect(await post.json()).toEqual({ message: 'Plugin settings updated' });
    const again = await (await fetch(`${server.url}/api/plugins/cascade-pipeline-app/settings`)).json();
    expect(again.jsonData).toEqual(jsonData);

    const viewer = await fetch(`${server.url}/api/plugins/cascade-pipeline-app/settings?role=Viewer`, {
      method: 'POST',
      body: JSON.stringify({ jsonData: {} }),
    });
    expect(viewer.status).toBe(403);
    const unknown = await fetch(`${server.url}/api/plugins/nope/settings`);
    expect(unknown.status).toBe(404);
  });

  it('serves data source settings and refuses to update provisioned (read-only) ones', async () => {
    const list = await (await fetch(`${server.url}/api/datasources`)).json();
    expect(list.map((d: { uid: string }) => d.uid).sort()).toEqual([
      'cascade',
      'cascade-jaeger',
      'cascade-loki',
      'cascade-prometheus',
      'cascade-tempo',
    ]);
    const one = await (await fetch(`${server.url}/api/datasources/uid/cascade-prometheus`)).json();
    expect(one).toMatchObject({ name: 'Prometheus', url: `${prom.url}/prom-base`, readOnly: true });
    const put = await fetch(`${server.url}/api/datasources/uid/cascade-prometheus`, { method: 'PUT', body: '{}' });
    expect(put.status).toBe(403);
  });

  it('serves the host page with grafanaBootData (proxy URLs, role login) for any app path', async () => {
    const res = await fetch(`${server.url}/a/cascade-pipeline-app/overview?role=Viewer&theme=light`);
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/grafana_sandbox_role=Viewer/);
    const html = await res.text();
    const json = html.match(/window\.grafanaBootData = (.*);\n/)![1];
    const boot = JSON.parse(json);
    expect(boot.user).toMatchObject({ orgRole: 'Viewer', theme: 'light', lightTheme: true });
    expect(boot.settings.appSubUrl).toBe('');
    expect(boot.settings.datasources.Prometheus).toMatchObject({
      uid: 'cascade-prometheus',
      url: '/api/datasources/proxy/uid/cascade-prometheus',
    });
    expect(JSON.stringify(boot)).not.toContain(prom.url);
    expect(boot.settings.apps['cascade-pipeline-app'].path).toBe('public/plugins/cascade-pipeline-app/module.js');
  });

  it('serves plugin files from the plugin directory only (no traversal)', async () => {
    const ok = await fetch(`${server.url}/public/plugins/cascade-pipeline-app/plugin.json`);
    expect(ok.status).toBe(200);
    const traversal = await fetch(`${server.url}/public/plugins/cascade-pipeline-app/..%2F..%2Fetc%2Fpasswd`);
    expect(traversal.status).toBe(404);
  });

  it('serves @grafana/ui icons, mirrors a missing *-left twin, and 404s unknown names', async () => {
    const icon = (name: string) => fetch(`${server.url}/public/build/img/icons/unicons/${name}.svg`);
    const right = await (await icon('angle-double-right')).text();
    // The time picker's "back" button: only Grafana itself ships angle-double-left.svg.
    const left = await icon('angle-double-left');
    expect(left.status).toBe(200);
    const leftSvg = await left.text();
    expect(leftSvg).toContain('<g transform="matrix(-1 0 0 1 24 0)">');
    expect(leftSvg).toContain(right.match(/ d="([^"]+)"/)![1]);
    expect((await icon('no-such-icon')).status).toBe(404);
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 3000) {
  const until = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > until) {
      throw new Error('condition not met in time');
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}
