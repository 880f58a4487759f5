/**
 * docker compose cannot run here, so this test checks the stack the way Docker would read it:
 * services, mounts (resolved to repo files), ports, the URLs Grafana's provisioning expands, the
 * data source uids the app, the Cascade data source and the dashboards point at, and the
 * Prometheus config (validated by the real `promtool` against the files the container would see).
 */
import { execFileSync } from 'child_process';
import fs from 'fs';
import os from 'os';
import path from 'path';
import { parse } from 'yaml';

import { parseCli } from '../../demo/src/cli';
import { STACK_SCENARIO } from '../../sandbox/server/stack';

const ROOT = path.resolve(__dirname, '..', '..');
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const exists = (rel: string) => fs.existsSync(path.join(ROOT, rel));

// Dashboard/YAML input under test is untyped.
type Json = any;
const compose: Json = parse(read('docker-compose.yaml'));
const services: Record<string, Json> = compose.services;
const appJson: Json = JSON.parse(read('plugin.json'));
const dsJson: Json = JSON.parse(read('src/datasource/plugin.json'));

/** Compose interpolation of `${VAR:-default}` from `vars` (an --env-file), the default when VAR is unset or empty. */
const interpolate = (s: string, vars: Record<string, string> = {}) =>
  s.replace(/\$\{(\w+):-([^}]*)\}/g, (_, name: string, fallback: string) => vars[name] || fallback);
/** `${VAR:-default}` → default (what compose uses when VAR is unset). */
const composeDefault = (s: string) => interpolate(s);

interface Mount {
  source: string;
  target: string;
  readOnly: boolean;
}
function mounts(service: string): Mount[] {
  return (services[service].volumes ?? []).map((v: string) => {
    const [source, target, mode] = v.split(':');
    return { source, target, readOnly: mode === 'ro' };
  });
}
/** Map a container path back to the repo path it is mounted from (undefined when not mounted). */
function repoPathOf(service: string, containerPath: string): string | undefined {
  const m = mounts(service)
    .filter((x) => containerPath === x.target || containerPath.startsWith(x.target + '/'))
    .sort((a, b) => b.target.length - a.target.length)[0];
  return m && path.join(m.source, containerPath.slice(m.target.length));
}
/** Container ports a service publishes ("host:container"). */
const publishedPorts = (service: string): number[] =>
  (services[service].ports ?? []).map((p: string) => Number(String(p).split(':').pop()));
const environment = (service: string, vars: Record<string, string> = {}): Record<string, string> =>
  Object.fromEntries(
    Object.entries<string>(services[service].environment ?? {}).map(([k, v]) => [k, interpolate(v, vars)])
  );

/** The demo's command line as compose passes it (interpolated with the --env-file values). */
const demoCommand = (vars: Record<string, string> = {}): string[] =>
  services.demo.command.map((c: string) => interpolate(c, vars));

/** Provisioning files with `${VAR}` expanded from the grafana service's environment, as Grafana does. */
function provisioned(rel: string, vars: Record<string, string> = {}): Json {
  const env = environment('grafana', vars);
  const text = read(rel).replace(/\$\{?(\w+)\}?/g, (whole, name) => {
    if (!(name in env)) {
      throw new Error(`${rel} uses ${whole}, which the grafana service does not set`);
    }
    return env[name];
  });
  return parse(text);
}

describe('docker-compose.yaml', () => {
  it('runs Grafana, Prometheus, Loki, Jaeger and the demo pipeline (Tempo only with its profile)', () => {
    expect(Object.keys(services).sort()).toEqual(['demo', 'grafana', 'jaeger', 'loki', 'prometheus', 'tempo']);
    const profiled = Object.keys(services).filter((name) => services[name].profiles);
    expect(profiled).toEqual(['tempo']);
    expect(services.tempo.profiles).toEqual(['tempo']);
  });

  it('runs a Grafana that satisfies grafanaDependency of both plugins', () => {
    const image = composeDefault(services.grafana.image);
    const m = /^grafana\/grafana(?:-oss)?:(\d+)\.(\d+)\.(\d+)$/.exec(image);
    expect(m).not.toBeNull();
    const version = m!.slice(1).map(Number);
    for (const dep of [appJson.dependencies.grafanaDependency, dsJson.dependencies.grafanaDependency]) {
      const floor = /^>=(\d+)\.(\d+)\.(\d+)$/.exec(dep)!.slice(1).map(Number);
      const cmp = version.map((v, i) => v - floor[i]).find((d) => d !== 0) ?? 0;
      expect({ image, dep, satisfied: cmp >= 0 }).toEqual({ image, dep, satisfied: true });
    }
    expect(Number(version[0])).toBe(13);
  });

  it('loads the built plugin unsigned, for our two ids only', () => {
    const target = `/var/lib/grafana/plugins/${appJson.id}`;
    expect(mounts('grafana')).toContainEqual({ source: './dist', target, readOnly: true });
    // dist/ is where the webpack build emits the app (and the nested data source in dist/datasource).
    expect(read('.config/webpack/constants.ts')).toContain("export const DIST_DIR = 'dist';");
    const allowed = environment('grafana').GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS.split(',');
    expect(allowed.sort()).toEqual([appJson.id, dsJson.id].sort());
  });

  it('mounts only paths that exist in the repo (dist/ is built by npm run build)', () => {
    for (const name of Object.keys(services)) {
      for (const m of mounts(name)) {
        expect(m.source.startsWith('./')).toBe(true);
        if (m.source !== './dist') {
          expect({ service: name, source: m.source, exists: exists(m.source) }).toEqual({
            service: name,
            source: m.source,
            exists: true,
          });
        }
      }
    }
    expect(mounts('grafana')).toContainEqual({
      source: './provisioning',
      target: '/etc/grafana/provisioning',
      readOnly: true,
    });
  });

  it('publishes the ports the README and the e2e suite use', () => {
    expect(publishedPorts('grafana')).toEqual([3000]);
    expect(publishedPorts('prometheus')).toEqual([9090]);
    expect(publishedPorts('loki')).toEqual([3100]);
    expect(publishedPorts('jaeger').sort()).toEqual([16686, 4318].sort());
    expect(publishedPorts('demo')).toEqual([9464]);
    expect(publishedPorts('tempo')).toEqual([3200]);
    expect(services.grafana.ports).toEqual(['3000:3000']);
  });

  it('points the provisioned data sources at compose services on their published ports', () => {
    const { datasources } = provisioned('provisioning/datasources/cascade.yaml');
    const expectedService: Record<string, [string, number]> = {
      prometheus: ['prometheus', 9090],
      loki: ['loki', 3100],
      jaeger: ['jaeger', 16686],
      tempo: ['tempo', 3200],
    };
    const backends = datasources.filter((d: Json) => d.type in expectedService);
    expect(backends.map((d: Json) => d.type).sort()).toEqual(['jaeger', 'loki', 'prometheus', 'tempo']);
    for (const ds of backends) {
      const url = new URL(ds.url);
      expect([url.hostname, Number(url.port)]).toEqual(expectedService[ds.type]);
      expect(services).toHaveProperty([url.hostname]);
      expect(publishedPorts(url.hostname)).toContain(Number(url.port));
    }
  });

  it('has health checks for every service another one waits on, and Grafana starts last', () => {
    for (const [name, svc] of Object.entries(services)) {
      for (const [dep, cond] of Object.entries<Json>(svc.depends_on ?? {})) {
        expect(services).toHaveProperty([dep]);
        if (cond.condition === 'service_healthy') {
          expect({ service: name, dep, healthcheck: Boolean(services[dep].healthcheck) }).toEqual({
            service: name,
            dep,
            healthcheck: true,
          });
        }
      }
    }
    expect(Object.keys(services.grafana.depends_on).sort()).toEqual(['jaeger', 'loki', 'prometheus']);
    expect(services.grafana.healthcheck.test.join(' ')).toContain('/api/health');
  });
});

describe('provisioning agrees with itself and with the plugins', () => {
  const { datasources } = provisioned('provisioning/datasources/cascade.yaml');
  const byUid = new Map<string, Json>(datasources.map((d: Json) => [d.uid, d]));
  const cascade = datasources.find((d: Json) => d.type === dsJson.id);

  it('provisions the Cascade data source with the nested plugin id', () => {
    expect(cascade).toBeDefined();
    expect(new Set(datasources.map((d: Json) => d.uid)).size).toBe(datasources.length);
  });

  it("resolves the Cascade data source's backend uids to data sources of the right type", () => {
    const refs: Record<string, string> = { prometheusUid: 'prometheus', lokiUid: 'loki', jaegerUid: 'jaeger' };
    for (const [key, type] of Object.entries(refs)) {
      const uid = cascade.jsonData[key];
      expect({ key, uid, type: byUid.get(uid)?.type }).toEqual({ key, uid, type });
    }
  });

  it('enables the app and points it at the provisioned Cascade data source', () => {
    const { apps } = parse(read('provisioning/plugins/cascade.yaml'));
    const app = apps.find((a: Json) => a.type === appJson.id);
    expect(app).toMatchObject({ disabled: false });
    expect(byUid.get(app.jsonData.datasourceUid)?.type).toBe(dsJson.id);
  });

  it("resolves every dashboard's data source reference to a provisioned data source", () => {
    const provider = parse(read('provisioning/dashboards/cascade.yaml')).providers[0];
    const providerDir = repoPathOf('grafana', provider.options.path)!;
    expect(path.normalize(providerDir)).toBe('provisioning/dashboards');
    const files = [
      ...fs
        .readdirSync(path.join(ROOT, providerDir))
        .filter((f) => f.endsWith('.json'))
        .map((f) => path.join(providerDir, f)),
      ...fs
        .readdirSync(path.join(ROOT, 'src/dashboards'))
        .filter((f) => f.endsWith('.json'))
        .map((f) => path.join('src/dashboards', f)),
    ];
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const dash = JSON.parse(read(file));
      const vars = new Map<string, Json>(dash.templating.list.map((v: Json) => [v.name, v]));
      const resolve = (ref: Json) => {
        const m = /^\$\{?(\w+)\}?$/.exec(ref.uid);
        if (!m) {
          return ref.uid;
        }
        const v = vars.get(m[1]);
        // A datasource variable defaults to its current value; it must be of the referenced type.
        expect(v).toMatchObject({ type: 'datasource', query: ref.type });
        return v.current.value;
      };
      const refs = JSON.stringify(dash).match(/"datasource":\{"type":"[^"]+","uid":"[^"]+"\}/g) ?? [];
      expect(refs.length).toBeGreaterThan(0);
      for (const raw of new Set(refs)) {
        const ref = JSON.parse(`{${raw}}`).datasource;
        const uid = resolve(ref);
        expect({ file, uid, type: byUid.get(uid)?.type }).toEqual({ file, uid, type: ref.type });
      }
    }
  });
});

describe('Prometheus in compose', () => {
  const command: string[] = services.prometheus.command;
  const configPath = command.find((c) => c.startsWith('--config.file='))!.split('=')[1];
  let config: Json;
  beforeAll(() => {
    config = parse(read(repoPathOf('prometheus', configPath)!));
  });

  it('scrapes the demo service on the port the demo listens on', () => {
    const targets: string[] = config.scrape_configs.flatMap((s: Json) =>
      (s.static_configs ?? []).flatMap((c: Json) => c.targets)
    );
    const { port } = parseCli(demoCommand(), {});
    expect(targets).toContain(`demo:${port}`);
  });

  it('loads rule files that exist in the repo, and promtool accepts config and rules', () => {
    const ruleFiles: string[] = config.rule_files ?? [];
    expect(ruleFiles.length).toBeGreaterThan(0);
    // Lay out the files as the container sees them, then let the real promtool check them.
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-prom-'));
    try {
      for (const m of mounts('prometheus')) {
        fs.cpSync(path.join(ROOT, m.source), path.join(root, m.target), { recursive: true });
      }
      const configDir = path.posix.dirname(configPath);
      const inContainer = (p: string) => (path.posix.isAbsolute(p) ? p : path.posix.join(configDir, p));
      let matched = 0;
      for (const rule of ruleFiles) {
        const dir = path.join(root, path.posix.dirname(inContainer(rule)));
        const glob = new RegExp('^' + path.posix.basename(rule).replace(/\./g, '\\.').replace(/\*/g, '.*') + '$');
        const found = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => glob.test(f)) : [];
        expect({ rule, found: found.length > 0 }).toEqual({ rule, found: true });
        matched += found.length;
      }
      expect(matched).toBeGreaterThan(0);
      const checked = { ...config, rule_files: ruleFiles.map((r) => path.join(root, inContainer(r))) };
      const tmpConfig = path.join(root, configPath);
      fs.writeFileSync(tmpConfig, JSON.stringify(checked));
      const out = execFileSync('promtool', ['check', 'config', tmpConfig], { encoding: 'utf8', timeout: 30_000 });
      expect(out).toMatch(/SUCCESS/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('demo pipeline service', () => {
  // The compose command, read by the demo's own CLI parser (unknown flags or bad values throw).
  const opts = parseCli(demoCommand(), {});

  it("passes the demo's CLI and sends logs to the compose Loki and traces to the compose Jaeger over OTLP HTTP", () => {
    const loki = new URL(opts.lokiUrl!);
    expect([loki.hostname, Number(loki.port)]).toEqual(['loki', 3100]);
    const otlp = new URL(opts.otlpUrl!);
    expect([otlp.hostname, Number(otlp.port)]).toEqual(['jaeger', 4318]);
    expect(services.jaeger.environment.COLLECTOR_OTLP_ENABLED).toBe('true');
    expect(opts.standins).toBe(false);
    // Prometheus scrapes it from another container: it must not listen on loopback only.
    expect(opts.host).toBe('0.0.0.0');
    expect(publishedPorts('demo')).toEqual([opts.port]);
  });

  it('runs the same scenario as the sandbox, on assets that exist', () => {
    const { seed, failureRate, failingAsset, staleAsset, slowAsset, validationDip } = opts;
    expect({ seed, failureRate, failingAsset, staleAsset, slowAsset, validationDip }).toEqual(STACK_SCENARIO);
    const names = opts.assets!.map((a) => a.name);
    for (const scenarioAsset of [staleAsset, slowAsset, failingAsset, validationDip?.asset]) {
      expect(names).toContain(scenarioAsset);
    }
  });

  it('is built from demo/Dockerfile on Node 20 with npm ci, copying everything the demo imports', () => {
    expect(services.demo.build).toEqual({ context: '.', dockerfile: 'demo/Dockerfile' });
    const dockerfile = read('demo/Dockerfile');
    expect(dockerfile).toMatch(/^FROM node:20[\w.-]*$/m);
    expect(dockerfile).toMatch(/^RUN npm ci\b/m);
    const copied = [...dockerfile.matchAll(/^COPY (.+) \S+$/gm)].flatMap((m) => m[1].split(/\s+/));
    for (const src of copied) {
      expect({ src, exists: exists(src) }).toEqual({ src, exists: true });
    }
    const entry = /ENTRYPOINT \[(.*)\]/.exec(dockerfile)![1];
    const mainFile = JSON.parse(`[${entry}]`).find((a: string) => a.endsWith('.ts'));
    expect(exists(mainFile)).toBe(true);
    // Relative imports of the demo must stay inside what the image copies.
    const ignored = fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toContain('node_modules');
    const demoFiles = (fs.readdirSync(path.join(ROOT, 'demo'), { recursive: true }) as string[])
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
      .map((f) => path.join('demo', f));
    for (const file of demoFiles) {
      for (const [, spec] of read(file).matchAll(/from '(\.[^']+)'/g)) {
        const target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec));
        const inImage = copied.some((c) => target === c || target.startsWith(c.replace(/\/$/, '') + '/'));
        expect({ file, spec, inImage }).toEqual({ file, spec, inImage: true });
      }
    }
  });
});

describe('Grafana-managed alert rules (provisioning/alerting)', () => {
  // Not run through provisioned(): annotations hold alert templates ({{ $labels.asset_name }}), which
  // Grafana's provisioning leaves unexpanded in annotations (it expands env vars in labels only).
  const file: Json = parse(read('provisioning/alerting/cascade.yaml'));
  const grafanaRules: Json[] = file.groups.flatMap((g: Json) => g.rules);
  const promRules: Json[] = parse(read('prometheus/rules/cascade.yml')).groups.flatMap((g: Json) => g.rules);
  const promByName = new Map<string, Json>(promRules.map((r: Json) => [r.alert, r]));
  const { datasources } = provisioned('provisioning/datasources/cascade.yaml');
  const EVALUATOR_OPS: Record<string, string> = { gt: '>', lt: '<' };
  const noSpace = (s: string) => s.replace(/\s+/g, '');
  const byRef = (rule: Json, refId: string) => rule.data.find((d: Json) => d.refId === refId);
  /** The rule's PromQL query (A) plus its threshold (C), as one Prometheus alert expression. */
  const asPromQL = (rule: Json) => {
    const evaluator = byRef(rule, 'C').model.conditions[0].evaluator;
    return `${byRef(rule, 'A').model.expr} ${EVALUATOR_OPS[evaluator.type]} ${evaluator.params[0]}`;
  };

  it('is mounted where Grafana reads alerting provisioning', () => {
    expect(path.normalize(repoPathOf('grafana', '/etc/grafana/provisioning/alerting')!)).toBe('provisioning/alerting');
  });

  it("has Grafana's file-provisioning shape: apiVersion 1, groups with folder and interval, unique rule uids", () => {
    expect(file.apiVersion).toBe(1);
    for (const group of file.groups) {
      expect(group).toMatchObject({ orgId: 1, name: expect.any(String), folder: 'Cascade' });
      expect(group.interval).toMatch(/^\d+[smh]$/);
    }
    const uids = grafanaRules.map((r) => r.uid);
    expect(new Set(uids).size).toBe(uids.length);
    // Grafana rejects uids longer than 40 characters or outside [a-zA-Z0-9-_].
    for (const uid of uids) {
      expect(uid).toMatch(/^[\w-]{1,40}$/);
    }
  });

  it("provisions exactly the seed's Prometheus rules, with the same names and `for`", () => {
    expect(grafanaRules.map((r) => r.title).sort()).toEqual([...promByName.keys()].sort());
    for (const rule of grafanaRules) {
      expect({ title: rule.title, for: rule.for }).toEqual({ title: rule.title, for: promByName.get(rule.title).for });
    }
  });

  it('queries the provisioned Prometheus directly: A instant PromQL, B reduce(A), C threshold(B) as the condition', () => {
    const prometheus = datasources.find((d: Json) => d.type === 'prometheus');
    for (const rule of grafanaRules) {
      expect(rule.data.map((d: Json) => d.refId)).toEqual(['A', 'B', 'C']);
      expect(rule.condition).toBe('C');
      const [a, b, c] = rule.data;
      expect(a.datasourceUid).toBe(prometheus.uid);
      expect(a.model).toMatchObject({
        refId: 'A',
        instant: true,
        datasource: { type: 'prometheus', uid: prometheus.uid },
      });
      expect(a.relativeTimeRange).toEqual({ from: expect.any(Number), to: 0 });
      for (const [q, type, input] of [
        [b, 'reduce', 'A'],
        [c, 'threshold', 'B'],
      ]) {
        expect(q.datasourceUid).toBe('__expr__');
        expect(q.model).toMatchObject({ refId: q.refId, type, expression: input });
      }
      expect(b.model.reducer).toBe('last');
      expect(Object.keys(EVALUATOR_OPS)).toContain(c.model.conditions[0].evaluator.type);
      // No data means no asset breaches (as in Prometheus), not a DatasourceNoData alert.
      expect(rule.noDataState).toBe('OK');
    }
  });

  it("reproduces each Prometheus rule's expression: query A, then threshold C's comparison", () => {
    for (const rule of grafanaRules) {
      const expected = noSpace(promByName.get(rule.title).expr);
      expect({ rule: rule.title, expr: noSpace(asPromQL(rule)) }).toEqual({ rule: rule.title, expr: expected });
    }
  });

  it('labels every alert with its asset and links it to the asset page (runbook_url)', () => {
    for (const rule of grafanaRules) {
      expect(rule.labels).toMatchObject({ pipeline: 'cascade' });
      // Labels go through env expansion: a `$` would be eaten.
      expect(JSON.stringify(rule.labels)).not.toContain('$');
      expect(rule.annotations.summary).toBe(promByName.get(rule.title).annotations.summary);
      expect(rule.annotations.runbook_url).toMatch(
        new RegExp(`/a/${appJson.id}/assets/\\{\\{ \\$labels\\.asset_name \\}\\}$`)
      );
    }
  });

  it('fires for the same series as the Prometheus rules, with the asset label and a rendered runbook link (real promtool)', () => {
    // Both the seed rules and their Grafana equivalents (A + C as one expression, Grafana's summary and
    // runbook_url templates; Grafana's templating is Prometheus's) evaluated by promtool on one input.
    const externalUrl = 'https://grafana.example.com/grafana/';
    // promtool's unit tests cannot set the external URL (its externalURL() dereferences nil), so the test
    // puts Grafana's root_url in its place, as a string literal; the rest of the template runs as is.
    const withExternalUrl = (template: string) => {
      expect(template.match(/\bexternalURL\b/g)).toHaveLength(1);
      return template.replace(/\bexternalURL\b/, JSON.stringify(externalUrl));
    };
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-alerts-'));
    try {
      const grafanaAsProm = grafanaRules.map((r) => ({
        alert: `${r.title}_grafana`,
        expr: asPromQL(r),
        for: r.for,
        annotations: { summary: r.annotations.summary, runbook_url: withExternalUrl(r.annotations.runbook_url) },
      }));
      fs.writeFileSync(
        path.join(root, 'rules.yml'),
        JSON.stringify({
          groups: [
            { name: 'seed', rules: promRules },
            { name: 'grafana', rules: grafanaAsProm },
          ],
        })
      );
      const steps = 180; // 3 h of 1-minute samples
      const series = (name: string, labels: Record<string, string>, values: string) => ({
        series: `${name}{${Object.entries(labels)
          .map(([k, v]) => `${k}="${v}"`)
          .join(',')}}`,
        values,
      });
      const input = [
        series('asset_last_update_timestamp', { asset_name: 'stale_asset' }, `0+0x${steps}`),
        series('asset_last_update_timestamp', { asset_name: 'fresh_asset' }, `0+60x${steps}`),
        series('validation_pass_rate', { asset_name: 'dipping_asset', check_name: 'range' }, `91.5+0x${steps}`),
        series('validation_pass_rate', { asset_name: 'fresh_asset', check_name: 'range' }, `99+0x${steps}`),
        series('asset_executions_total', { asset_name: 'failing_asset' }, `0+10x${steps}`),
        series('asset_execution_failures_total', { asset_name: 'failing_asset' }, `0+2x${steps}`),
        series('asset_executions_total', { asset_name: 'fresh_asset' }, `0+10x${steps}`),
        series('asset_execution_failures_total', { asset_name: 'fresh_asset' }, `0+0x${steps}`),
        // Never ran: 0/0 is NaN, which fires neither rule.
        series('asset_executions_total', { asset_name: 'idle_asset' }, `0+0x${steps}`),
        series('asset_execution_failures_total', { asset_name: 'idle_asset' }, `0+0x${steps}`),
      ];
      const runbook = (asset: string) => `https://grafana.example.com/grafana/a/${appJson.id}/assets/${asset}`;
      // What the seed rules must fire at 3 h (their own annotations, rendered by promtool).
      const firing: Record<string, Array<{ labels: Record<string, string>; description: string }>> = {
        DatasetFreshness: [
          { labels: { asset_name: 'stale_asset' }, description: 'stale_asset not updated for 3h 0m 0s' },
        ],
        ValidationFailure: [
          { labels: { asset_name: 'dipping_asset', check_name: 'range' }, description: 'Pass rate: 91.5%' },
        ],
        AssetErrorRate: [{ labels: { asset_name: 'failing_asset' }, description: 'Error rate: 20%' }],
      };
      const alertTests = Object.entries(firing).flatMap(([name, alerts]) => {
        const summary = (labels: Record<string, string>) =>
          promByName.get(name).annotations.summary.replace('{{ $labels.asset_name }}', labels.asset_name);
        return [
          {
            eval_time: `${steps}m`,
            alertname: name,
            exp_alerts: alerts.map(({ labels, description }) => ({
              exp_labels: labels,
              exp_annotations: { summary: summary(labels), description },
            })),
          },
          {
            eval_time: `${steps}m`,
            alertname: `${name}_grafana`,
            exp_alerts: alerts.map(({ labels }) => ({
              exp_labels: labels,
              exp_annotations: { summary: summary(labels), runbook_url: runbook(labels.asset_name) },
            })),
          },
        ];
      });
      const unitTest = {
        rule_files: ['rules.yml'],
        evaluation_interval: '1m',
        tests: [{ interval: '1m', input_series: input, alert_rule_test: alertTests }],
      };
      fs.writeFileSync(path.join(root, 'test.yml'), JSON.stringify(unitTest));
      const out = execFileSync('promtool', ['test', 'rules', 'test.yml'], {
        cwd: root,
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect(out).toMatch(/SUCCESS/);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('optional Tempo profile (docker compose --env-file tempo/tempo.env up)', () => {
  /** tempo/tempo.env as compose reads an env file: KEY=value lines, # comments. */
  const envFile: Record<string, string> = Object.fromEntries(
    read('tempo/tempo.env')
      .split('\n')
      .filter((l) => /^\w+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])
  );
  const command: string = services.tempo.command;
  const configPath = /-config\.file=(\S+)/.exec(command)![1];
  const config: Json = parse(read(repoPathOf('tempo', configPath)!));

  it('runs a pinned Tempo image whose config file is mounted from the repo', () => {
    expect(services.tempo.image).toMatch(/^grafana\/tempo:\d+\.\d+\.\d+$/);
    expect(exists(repoPathOf('tempo', configPath)!)).toBe(true);
    expect(config.storage.trace.backend).toBe('local');
  });

  it("serves Tempo's API on the published port the provisioned Tempo data source uses", () => {
    const { datasources } = provisioned('provisioning/datasources/cascade.yaml');
    const tempoDs = datasources.find((d: Json) => d.type === 'tempo');
    expect(Number(new URL(tempoDs.url).port)).toBe(config.server.http_listen_port);
    expect(publishedPorts('tempo')).toContain(config.server.http_listen_port);
  });

  it('enables the profile, sends the demo spans to the Tempo OTLP receiver and points Cascade at Tempo', () => {
    expect(envFile.COMPOSE_PROFILES.split(',')).toContain('tempo');
    const receiver = new URL(`http://${config.distributor.receivers.otlp.protocols.http.endpoint}`);
    // Another container sends to it: the receiver must not listen on loopback only.
    expect(receiver.hostname).toBe('0.0.0.0');
    const otlp = new URL(parseCli(demoCommand(envFile), {}).otlpUrl!);
    expect([otlp.hostname, otlp.port]).toEqual(['tempo', receiver.port]);
    const { datasources } = provisioned('provisioning/datasources/cascade.yaml', envFile);
    const cascade = datasources.find((d: Json) => d.type === dsJson.id);
    const traces = datasources.find((d: Json) => d.uid === cascade.jsonData.tracesUid);
    expect(traces?.type).toBe('tempo');
  });

  it('without the env file the stack is unchanged: spans to Jaeger, no trace backend override', () => {
    expect(new URL(parseCli(demoCommand(), {}).otlpUrl!).hostname).toBe('jaeger');
    const { datasources } = provisioned('provisioning/datasources/cascade.yaml');
    const cascade = datasources.find((d: Json) => d.type === dsJson.id);
    expect(cascade.jsonData.tracesUid ?? '').toBe('');
    expect(datasources.find((d: Json) => d.uid === cascade.jsonData.jaegerUid)?.type).toBe('jaeger');
  });
});
