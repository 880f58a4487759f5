/**
 * Security (issue 7), next to the bundle scan of tests/integration/bundle.test.ts (AMD deps, absolute
 * URLs, eval/Function), which this file does not repeat:
 *   - every request the data source makes, for every query type, variable query and "Save & test",
 *     is a GET to Grafana's data source proxy by uid (recorded against the real Prometheus and the
 *     stand-ins through the sandbox proxy), with no credentials of its own;
 *   - in the source, only the data source's transport and the app's settings call BackendSrv, and
 *     only at `/api/datasources/proxy/uid/…` and `/api/plugins/…`;
 *   - the emitted bundles reach no network or storage API directly and write no HTML;
 *   - the plugin stores no credentials: no secure fields in types, editors, provisioning or routes;
 *   - the third-party code that ships in dist/ is listed (from the source maps) for the audit note.
 */
import { dateTime, DataQueryRequest } from '@grafana/data';
import type { BackendSrvRequest } from '@grafana/runtime';
import fs from 'fs';
import path from 'path';
import { lastValueFrom, toArray } from 'rxjs';
import ts from 'typescript';
import YAML from 'yaml';
import { type DemoHandle, type RunningPrometheus, startDemo, startPrometheus } from '../../demo/src';
import { startSandboxServer, SandboxServer } from '../../sandbox/server/server';
import { FetchBackendSrv } from '../../sandbox/shared/fetchBackendSrv';
import { ensureBuild } from '../../scripts/ensureBuild';
import { CascadeDataSourceBase } from '../../src/datasource/base';
import { fakeTemplateSrv, instanceSettings } from '../../src/testing/fakes';
import { CascadeQuery, CascadeQueryType } from '../../src/datasource/types';
import { FetchLike } from '../../src/backends/client';
import { recordReliability } from './faults/report';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '..', '..');
const UIDS = { prometheusUid: 'cascade-prometheus', lokiUid: 'cascade-loki', jaegerUid: 'cascade-jaeger' };
const PROXY = /^\/api\/datasources\/proxy\/uid\/(cascade-prometheus|cascade-loki|cascade-jaeger)\/(api|loki)\//;
const CREDENTIAL_WORDS = /password|passwd|secret|token|api[-_]?key|credential|bearer|authorization|basicauth/i;

const counts: Record<string, unknown> = {};

afterAll(() => recordReliability('security', counts));

/** Non-test TypeScript sources of the plugin. */
function sourceFiles(dir = path.join(ROOT, 'src')): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter(
      (f) =>
        /\.tsx?$/.test(f) &&
        !/\.(test|spec)\.tsx?$/.test(f) &&
        !f.split(path.sep).includes('testing') &&
        !f.includes('testUtils') &&
        !f.includes('testData')
    )
    .map((f) => path.join(dir, f));
}

describe('requests of the data source (recorded against real backends)', () => {
  let demo: DemoHandle;
  let prometheus: RunningPrometheus;
  let server: SandboxServer;
  const recorded: BackendSrvRequest[] = [];

  beforeAll(async () => {
    demo = await startDemo({ seed: 9, autoRun: false, failureRate: 0 });
    prometheus = await startPrometheus({ targets: [demo.metricsTarget], rulesFiles: [], scrapeInterval: '2s' });
    await demo.pipeline.runAll();
    await prometheus.waitForScrapes(1);
    server = await startSandboxServer({
      port: 0,
      env: {
        ...process.env,
        CASCADE_PROMETHEUS_URL: prometheus.url,
        CASCADE_LOKI_URL: demo.lokiUrl,
        CASCADE_JAEGER_URL: demo.jaegerUrl,
      },
    });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await prometheus?.stop();
    await demo?.stop();
  });

  it('are all GETs to Grafana’s data source proxy by uid, with no credentials or headers of their own', async () => {
    // BackendSrv exists only inside Grafana: the sandbox's fetch BackendSrv, wrapped to record every call.
    const real = new FetchBackendSrv({ baseUrl: server.url });
    const recording: FetchLike = {
      fetch: (req) => {
        recorded.push(req);
        return real.fetch(req);
      },
    };
    const ds = new CascadeDataSourceBase(
      instanceSettings(UIDS),
      recording,
      fakeTemplateSrv({ assets: ['stg_glucose_entries', 'a"b'] })
    );
    const traceId = demo.pipeline.state()['stg_glucose_entries'].lastTraceId!;
    const types: CascadeQueryType[] = ['health', 'lineage', 'metrics', 'logs', 'traces', 'trace', 'alerts', 'system'];
    const to = Date.now();
    const request = (assets?: string[]): DataQueryRequest<CascadeQuery> => ({
      requestId: 'security',
      interval: '15s',
      intervalMs: 15_000,
      range: { from: dateTime(to - 3600_000), to: dateTime(to), raw: { from: 'now-1h', to: 'now' } },
      scopedVars: {},
      targets: types.map(
        (queryType) =>
          ({
            refId: queryType,
            queryType,
            assets,
            traceId: queryType === 'trace' ? traceId : undefined,
            search: 'x',
            level: 'error',
          }) as CascadeQuery
      ),
      timezone: 'utc',
      app: 'dashboard',
      startTime: to,
    });
    for (const assets of [undefined, ['$assets'], ['stg_glucose_entries']]) {
      const responses = await lastValueFrom(ds.query(request(assets)).pipe(toArray()));
      expect(responses.flatMap((r) => r.errors ?? [])).toEqual([]);
    }
    for (const kind of ['assets', 'layers', 'owners'] as const) {
      await ds.metricFindQuery({ refId: 'v', kind });
    }
    await ds.metricFindQuery({ refId: 'v', kind: 'assets', layer: 'silver' });
    expect((await ds.testDatasource()).status).toBe('success');

    const bad = recorded.filter(
      (r) =>
        !PROXY.test(r.url) ||
        (r.method ?? 'GET') !== 'GET' ||
        r.headers !== undefined ||
        r.withCredentials ||
        r.credentials !== undefined ||
        r.data !== undefined
    );
    expect(bad).toEqual([]);
    const paths = Array.from(new Set(recorded.map((r) => r.url.replace(/[0-9a-f]{16,32}$/, '<traceId>')))).sort();
    expect(paths).toEqual([
      '/api/datasources/proxy/uid/cascade-jaeger/api/services',
      '/api/datasources/proxy/uid/cascade-jaeger/api/traces',
      '/api/datasources/proxy/uid/cascade-jaeger/api/traces/<traceId>',
      '/api/datasources/proxy/uid/cascade-loki/loki/api/v1/query_range',
      '/api/datasources/proxy/uid/cascade-prometheus/api/v1/alerts',
      '/api/datasources/proxy/uid/cascade-prometheus/api/v1/query',
      '/api/datasources/proxy/uid/cascade-prometheus/api/v1/query_range',
    ]);
    counts.dataSourceRequestsRecorded = recorded.length;
    counts.distinctProxyPaths = paths.length;
  });
});

describe('BackendSrv call sites in the source', () => {
  interface CallSite {
    file: string;
    call: string;
    firstArg: string;
  }

  /** Calls on `getBackendSrv()` and on the injected srv, with their first argument's text; direct network APIs. */
  function scan(file: string): { calls: CallSite[]; network: string[] } {
    const text = fs.readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(
      file,
      text,
      ts.ScriptTarget.Latest,
      true,
      file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS
    );
    const calls: CallSite[] = [];
    const network: string[] = [];
    const rel = path.relative(ROOT, file);
    const visit = (n: ts.Node) => {
      if (ts.isCallExpression(n)) {
        const callee = n.expression;
        if (ts.isIdentifier(callee) && ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].includes(callee.text)) {
          network.push(`${rel}: ${n.getText(sf).slice(0, 80)}`);
        }
        if (ts.isPropertyAccessExpression(callee)) {
          const target = callee.expression.getText(sf);
          if (/getBackendSrv\(\)|\bsrv$|backendSrv$/.test(target)) {
            calls.push({
              file: rel,
              call: `${target}.${callee.name.text}`,
              firstArg: n.arguments[0]?.getText(sf) ?? '',
            });
          }
          if (/^(navigator\.sendBeacon|window\.fetch|globalThis\.fetch)$/.test(callee.getText(sf))) {
            network.push(`${rel}: ${n.getText(sf).slice(0, 80)}`);
          }
        }
      }
      if (
        ts.isNewExpression(n) &&
        ts.isIdentifier(n.expression) &&
        ['XMLHttpRequest', 'WebSocket', 'EventSource'].includes(n.expression.text)
      ) {
        network.push(`${rel}: ${n.getText(sf).slice(0, 80)}`);
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
    return { calls, network };
  }

  it('only the transport (proxy URLs) and the app settings (/api/plugins/…) call BackendSrv; nothing calls the network directly', () => {
    const results = sourceFiles().map(scan);
    expect(results.flatMap((r) => r.network)).toEqual([]);
    const calls = results.flatMap((r) => r.calls);
    expect(calls).toEqual(
      expect.arrayContaining([
        { file: path.join('src', 'backends', 'client.ts'), call: 'this.srv.fetch', firstArg: 'request' },
      ])
    );
    for (const c of calls) {
      const ok =
        (c.file === path.join('src', 'backends', 'client.ts') && c.firstArg === 'request') ||
        /^`\/api\/plugins\/\$\{PLUGIN_ID\}\/settings`$/.test(c.firstArg) ||
        /^['"`]\/api\/plugins\//.test(c.firstArg);
      expect({ ...c, ok }).toEqual({ ...c, ok: true });
    }
    // The transport's URL is always built by proxyUrl().
    const client = fs.readFileSync(path.join(ROOT, 'src/backends/client.ts'), 'utf8');
    expect(client).toMatch(/url: proxyUrl\(call\.uid, call\.path\)/);
    expect(client).toMatch(/return `\/api\/datasources\/proxy\/uid\/\$\{encodeURIComponent\(uid\)\}\$\{path\}`/);
    counts.backendSrvCallSites = calls.length;
    counts.sourceFilesScanned = results.length;
  });
});

describe('the emitted bundles', () => {
  beforeAll(() => {
    ensureBuild(ROOT);
  }, 600_000);

  /** Direct browser APIs a plugin that goes through Grafana has no reason to touch. */
  const FORBIDDEN: Array<[string, RegExp]> = [
    ['global fetch', /(?<![.\w$])fetch\(/],
    ['XMLHttpRequest', /\bXMLHttpRequest\b/],
    ['WebSocket', /\bWebSocket\b/],
    ['EventSource', /\bEventSource\b/],
    ['sendBeacon', /\bsendBeacon\b/],
    ['innerHTML', /\.innerHTML\b/],
    ['outerHTML', /\.outerHTML\b/],
    ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
    ['document.write', /\bdocument\.write(ln)?\b/],
    ['dangerouslySetInnerHTML', /\bdangerouslySetInnerHTML\b/],
    ['localStorage', /\blocalStorage\b/],
    ['sessionStorage', /\bsessionStorage\b/],
    ['document.cookie', /\bdocument\.cookie\b/],
    ['javascript: URL', /["'`]javascript:/i],
  ];

  it('reach no network or storage API directly and write no raw HTML', () => {
    const files = (fs.readdirSync(path.join(ROOT, 'dist'), { recursive: true }) as string[]).filter((f) =>
      f.endsWith('.js')
    );
    expect(files.length).toBeGreaterThan(1);
    const hits = files.flatMap((f) => {
      const code = fs.readFileSync(path.join(ROOT, 'dist', f), 'utf8');
      return FORBIDDEN.filter(([, re]) => re.test(code)).map(([name]) => `${f}: ${name}`);
    });
    expect(hits).toEqual([]);
    counts.bundleFilesScanned = files.length;
  });

  it('ship only these third-party packages (from the source maps), all declared in package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const declared = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]);
    const shipped = new Map<string, string>();
    for (const f of (fs.readdirSync(path.join(ROOT, 'dist'), { recursive: true }) as string[]).filter((x) =>
      x.endsWith('.js.map')
    )) {
      const map = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist', f), 'utf8')) as { sources: string[] };
      for (const s of map.sources) {
        // `node_modules/<package>/…`; the build's virtual grafana-public-path.js is not a package.
        const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(s);
        if (m) {
          const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', m[1], 'package.json'), 'utf8'))
            .version as string;
          shipped.set(m[1], version);
        }
      }
    }
    // Transitive packages (e.g. @remix-run/router under react-router-dom) ship through a declared parent.
    const parents: Record<string, string> = {
      '@remix-run/router': 'react-router-dom',
      '@tanstack/virtual-core': '@tanstack/react-virtual',
      'react-router': 'react-router-dom',
    };
    for (const name of shipped.keys()) {
      expect({ name, declared: declared.has(name) || declared.has(parents[name]) }).toEqual({ name, declared: true });
    }
    counts.shippedThirdParty = Object.fromEntries([...shipped].sort());
  });
});

describe('no credentials', () => {
  it('the data source and app settings types have no credential-like field', () => {
    const types = fs.readFileSync(path.join(ROOT, 'src/datasource/types.ts'), 'utf8');
    const options = /export interface CascadeDataSourceOptions[\s\S]*?\n\}/.exec(types)![0];
    expect(options.split('\n').filter((l) => CREDENTIAL_WORDS.test(l.replace(/\/\*\*.*\*\//, '')))).toEqual([]);
    const appTypes = fs.readFileSync(path.join(ROOT, 'src/types.ts'), 'utf8');
    expect(appTypes.split('\n').filter((l) => /^\s+\w+\??:/.test(l) && CREDENTIAL_WORDS.test(l))).toEqual([]);
  });

  it('no editor or page reads or writes secure fields or renders a password input', () => {
    const offenders = sourceFiles().flatMap((f) => {
      const text = fs.readFileSync(f, 'utf8');
      return [
        /secureJsonData/,
        /secureJsonFields/,
        /SecretInput|SecretTextArea|SecretFormField/,
        /type=["']password["']/,
        /basicAuth(User|Password)?\b/,
        /withCredentials/,
      ]
        .filter((re) => re.test(text))
        .map((re) => `${path.relative(ROOT, f)}: ${re}`);
    });
    expect(offenders).toEqual([]);
  });

  it('provisioning and plugin.json carry no secrets and no proxy routes that could inject them', () => {
    for (const file of ['provisioning/datasources/cascade.yaml', 'provisioning/plugins/cascade.yaml']) {
      const doc = YAML.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
      const entries = [...(doc.datasources ?? []), ...(doc.apps ?? [])].filter((e: { type?: string }) =>
        String(e.type).startsWith('cascade-')
      );
      expect(entries.length).toBeGreaterThan(0);
      for (const e of entries) {
        expect({ file, secure: e.secureJsonData, basicAuth: e.basicAuth, password: e.password }).toEqual({
          file,
          secure: undefined,
          basicAuth: undefined,
          password: undefined,
        });
        expect(JSON.stringify(e.jsonData ?? {})).not.toMatch(CREDENTIAL_WORDS);
      }
    }
    for (const file of ['plugin.json', 'src/datasource/plugin.json']) {
      const json = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
      expect({ file, routes: json.routes }).toEqual({ file, routes: undefined });
    }
  });
});
