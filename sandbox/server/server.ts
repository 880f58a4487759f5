/**
 * The sandbox's small Node server: plays the part of Grafana's HTTP server for the built plugin.
 * Serves the host page (SPA fallback) with `window.grafanaBootData` inline, the plugin bundles under
 * /public/plugins/<id>/, the host bundle, plugin settings from provisioning/plugins (POST updates
 * them in memory), data source settings from provisioning/datasources, and the data source proxy.
 */
import fs from 'fs';
import http from 'http';
import path from 'path';
import type { AddressInfo } from 'net';
import { buildBootData, GRAFANA_VERSION, instanceSettings, OrgRole, safeJson, ThemeId } from './bootData';
import {
  discoverPlugins,
  initialSettings,
  pluginMeta,
  PluginJson,
  PluginMetaDto,
  PluginSettingsState,
  readPluginJson,
} from './plugins';
import { loadProvisioning, ProvisionedDatasource } from './provisioning';
import { handleProxy } from './proxy';
import { contentType, fontStandIn, sendFile, sendIcon } from './static';

export interface SandboxServerOptions {
  /** 0 = a free port. Default 3000. */
  port?: number;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** Repository root (provisioning/, dist/, sandbox/.build). Default: this repository. */
  root?: string;
  /** Environment used to expand provisioning files. Default process.env. */
  env?: Record<string, string | undefined>;
  /** Plugin directory. Default <root>/dist. */
  distDir?: string;
  /** Extra plugin directories (id → dir), e.g. test fixtures; served like dist plugins. */
  extraPlugins?: Record<string, string>;
  /** Data source proxy timeout in ms (Grafana's dataproxy.timeout). Default 30000. */
  proxyTimeoutMs?: number;
  /**
   * Sandbox-only endpoints (not Grafana's): `${METHOD} /sandbox/api/<name>` → JSON of the handler's
   * result. The stack exposes the demo pipeline's state here so browser tests can compute expected
   * numbers in their own process.
   */
  controls?: Record<string, () => unknown | Promise<unknown>>;
}

export interface SandboxServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const ROLE_COOKIE = 'grafana_sandbox_role';
const THEME_COOKIE = 'grafana_sandbox_theme';
const ROLES: OrgRole[] = ['Viewer', 'Editor', 'Admin'];

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

function readCookies(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k) {
      out[k] = decodeURIComponent(v.join('='));
    }
  }
  return out;
}

async function readJsonBody(req: http.IncomingMessage, limit = 1_000_000): Promise<any> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      throw new Error('Request body too large');
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : {};
}

/** Starts the sandbox server. Resolves once it listens. */
export async function startSandboxServer(opts: SandboxServerOptions = {}): Promise<SandboxServer> {
  const root = opts.root ?? REPO_ROOT;
  const env = opts.env ?? process.env;
  const distDir = opts.distDir ?? path.join(root, 'dist');
  const buildDir = path.join(root, 'sandbox', '.build');
  const iconsDir = path.join(root, 'node_modules', '@grafana', 'ui', 'dist', 'public', 'img', 'icons');
  const provisioning = loadProvisioning(root, env);
  const datasources = new Map<string, ProvisionedDatasource>(provisioning.datasources.map((d) => [d.uid, d]));
  const settings = new Map<string, PluginSettingsState>();

  /** Current plugins with their metas (read from disk each time: a rebuild needs no restart). */
  const plugins = () => {
    const out = new Map<string, { json: PluginJson; meta: PluginMetaDto; dir: string }>();
    for (const { id, dir } of discoverPlugins(distDir, opts.extraPlugins)) {
      const json = readPluginJson(dir);
      if (!json) {
        continue;
      }
      if (!settings.has(id)) {
        settings.set(
          id,
          initialSettings(
            json,
            provisioning.apps.find((a) => a.type === id)
          )
        );
      }
      out.set(id, { json, meta: pluginMeta(json, settings.get(id)!), dir });
    }
    return out;
  };

  const session = (req: http.IncomingMessage, url: URL) => {
    const cookies = readCookies(req);
    const roleParam = url.searchParams.get('role') ?? cookies[ROLE_COOKIE];
    const role: OrgRole = ROLES.find((r) => r.toLowerCase() === roleParam?.toLowerCase()) ?? 'Admin';
    const themeParam = url.searchParams.get('theme') ?? cookies[THEME_COOKIE];
    const theme: ThemeId = themeParam === 'light' ? 'light' : 'dark';
    return { role, theme };
  };

  const hostPage = (req: http.IncomingMessage, url: URL, res: http.ServerResponse) => {
    const { role, theme } = session(req, url);
    const address = `http://${req.headers.host ?? 'localhost'}/`;
    const bootData = buildBootData({
      role,
      theme,
      appUrl: address,
      datasources: provisioning.datasources,
      plugins: plugins(),
    });
    const built = fs.existsSync(path.join(buildDir, 'host.js'));
    const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <base href="/" />
    <title>Cascade sandbox</title>
    <link rel="icon" href="data:," />
    <style>body { margin: 0; }</style>
    <script>
      // Set before @grafana/runtime loads: its config reads this at import, as in Grafana.
      window.grafanaBootData = ${safeJson(bootData)};
      window.__grafana_public_path__ = '/public/';
    </script>
  </head>
  <body class="theme-${theme}">
    <div id="reactRoot"></div>
    ${
      built
        ? '<script src="/sandbox/build/host.js"></script>'
        : '<pre style="color:#c00">The sandbox host is not built: run `npm run build:sandbox`.</pre>'
    }
  </body>
</html>`;
    const cookies: string[] = [];
    // `?role=` / `?theme=` act as the sandbox's login: they stick for the browser session.
    if (url.searchParams.has('role')) {
      cookies.push(`${ROLE_COOKIE}=${role}; Path=/; SameSite=Lax`);
    }
    if (url.searchParams.has('theme')) {
      cookies.push(`${THEME_COOKIE}=${theme}; Path=/; SameSite=Lax`);
    }
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Set-Cookie': cookies,
    });
    res.end(html);
  };

  const dataSourceDto = (ds: ProvisionedDatasource) => ({
    id: ds.id,
    uid: ds.uid,
    orgId: 1,
    name: ds.name,
    type: ds.type,
    typeName: ds.type,
    typeLogoUrl: '',
    access: ds.access,
    url: ds.url,
    user: ds.user ?? '',
    database: ds.database ?? '',
    basicAuth: ds.basicAuth,
    basicAuthUser: '',
    withCredentials: ds.withCredentials,
    isDefault: ds.isDefault,
    jsonData: ds.jsonData,
    secureJsonFields: ds.secureJsonFields,
    version: ds.version,
    readOnly: ds.readOnly,
  });

  const api = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const method = req.method ?? 'GET';
    const { role, theme } = session(req, url);
    const isAdmin = role === 'Admin';
    const p = url.pathname.replace(/\/+$/, '');
    let m: RegExpMatchArray | null;

    if (p === '/api/health') {
      return sendJson(res, 200, { database: 'ok', version: GRAFANA_VERSION, commit: 'sandbox' });
    }
    if (p === '/api/frontend/settings' && method === 'GET') {
      const boot = buildBootData({
        role,
        theme,
        appUrl: `http://${req.headers.host}/`,
        datasources: provisioning.datasources,
        plugins: plugins(),
      });
      return sendJson(res, 200, boot.settings);
    }
    if (p === '/api/user' && method === 'GET') {
      const boot = buildBootData({ role, theme, appUrl: '', datasources: [], plugins: new Map() });
      return sendJson(res, 200, boot.user);
    }
    if (p === '/api/user/preferences' && (method === 'PUT' || method === 'PATCH')) {
      const body = await readJsonBody(req);
      const next = body.theme === 'light' ? 'light' : 'dark';
      return sendJson(
        res,
        200,
        { message: 'Preferences updated' },
        { 'Set-Cookie': `${THEME_COOKIE}=${next}; Path=/; SameSite=Lax` }
      );
    }
    if ((m = p.match(/^\/api\/plugins\/([^/]+)\/settings$/))) {
      const id = decodeURIComponent(m[1]);
      const plugin = plugins().get(id);
      if (!plugin) {
        return sendJson(res, 404, { message: 'Plugin not found, no installed plugin with that id' });
      }
      if (method === 'GET') {
        return sendJson(res, 200, plugin.meta);
      }
      if (method === 'POST') {
        if (!isAdmin) {
          return sendJson(res, 403, { message: 'Permission denied' });
        }
        const body = await readJsonBody(req);
        const current = settings.get(id)!;
        settings.set(id, {
          enabled: body.enabled ?? current.enabled,
          pinned: body.pinned ?? current.pinned,
          jsonData: body.jsonData ?? current.jsonData,
          secureJsonFields: {
            ...current.secureJsonFields,
            ...Object.fromEntries(Object.keys(body.secureJsonData ?? {}).map((k) => [k, true])),
          },
        });
        return sendJson(res, 200, { message: 'Plugin settings updated' });
      }
      return sendJson(res, 405, { message: 'Method not allowed' });
    }
    if (p === '/api/datasources' && method === 'GET') {
      if (!isAdmin) {
        return sendJson(res, 403, { message: 'Permission denied' });
      }
      return sendJson(res, 200, provisioning.datasources.map(dataSourceDto));
    }
    if ((m = p.match(/^\/api\/datasources\/uid\/([^/]+)$/))) {
      const ds = datasources.get(decodeURIComponent(m[1]));
      if (!ds) {
        return sendJson(res, 404, { message: 'Data source not found' });
      }
      if (!isAdmin) {
        return sendJson(res, 403, { message: 'Permission denied' });
      }
      if (method === 'GET') {
        return sendJson(res, 200, dataSourceDto(ds));
      }
      if (method === 'PUT') {
        if (ds.readOnly) {
          return sendJson(res, 403, { message: 'Cannot update read-only data source' });
        }
        const body = await readJsonBody(req);
        ds.jsonData = body.jsonData ?? ds.jsonData;
        ds.url = typeof body.url === 'string' ? body.url : ds.url;
        ds.version += 1;
        const boot = instanceSettings(ds, plugins());
        return sendJson(res, 200, {
          message: 'Datasource updated',
          id: ds.id,
          name: ds.name,
          datasource: { ...dataSourceDto(ds), ...boot },
        });
      }
      return sendJson(res, 405, { message: 'Method not allowed' });
    }
    return sendJson(res, 404, { message: 'Not found' });
  };

  const handler = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const pathname = decodeURIComponent(url.pathname);
    if (
      handleProxy(req, res, (uid) => datasources.get(uid), { timeoutMs: opts.proxyTimeoutMs, version: GRAFANA_VERSION })
    ) {
      return;
    }
    if (pathname.startsWith('/api/')) {
      return api(req, res, url);
    }
    if (pathname.startsWith('/sandbox/api/')) {
      const control = opts.controls?.[`${req.method} ${pathname.slice('/sandbox/api/'.length)}`];
      return control
        ? sendJson(res, 200, (await control()) ?? { ok: true })
        : sendJson(res, 404, { message: 'Not found' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, { message: 'Method not allowed' });
    }
    let m: RegExpMatchArray | null;
    if ((m = pathname.match(/^\/public\/plugins\/([^/]+)\/(.+)$/))) {
      const plugin = plugins().get(m[1]);
      return plugin ? sendFile(res, plugin.dir, m[2]) : sendJson(res, 404, { message: 'Plugin not found' });
    }
    if ((m = pathname.match(/^\/public\/build\/img\/icons\/(.+)$/))) {
      return sendIcon(res, iconsDir, m[1]);
    }
    if ((m = pathname.match(/^\/public\/fonts\/(.+)$/))) {
      return fontStandIn(res, m[1]);
    }
    if ((m = pathname.match(/^\/public\/app\/plugins\/datasource\/[^/]+\/img\/.+\.svg$/))) {
      // Core data source logos are Grafana's assets; a neutral stand-in keeps pickers quiet.
      res.writeHead(200, { 'Content-Type': contentType('x.svg') });
      return res.end(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><circle cx="8" cy="8" r="6" fill="#888"/></svg>'
      );
    }
    if ((m = pathname.match(/^\/sandbox\/build\/(.+)$/))) {
      return sendFile(res, buildDir, m[1]);
    }
    if (pathname.startsWith('/public/')) {
      return sendJson(res, 404, { message: 'Not found' });
    }
    return hostPage(req, url, res);
  };

  const server = http.createServer((req, res) => {
    handler(req, res).catch((err: Error) => {
      if (!res.headersSent) {
        sendJson(res, err instanceof SyntaxError ? 400 : 500, { message: err.message });
      } else {
        res.destroy();
      }
    });
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 3000, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const sockets = new Set<import('net').Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    url: `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) {
          s.destroy();
        }
      }),
  };
}
