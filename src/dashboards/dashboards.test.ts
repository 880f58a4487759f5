import fs from 'fs';
import path from 'path';

import { DATASOURCE_TYPE } from '../constants';
import type {
  AssetHealth,
  CascadeMetric,
  CascadeQuery,
  CascadeQueryType,
  CascadeVariableQuery,
  DurationStat,
  SystemUtilization,
  TraceSummary,
} from '../datasource/types';

// Records keyed by the contract's unions: tsc fails here if the contract gains or loses a member.
const QUERY_TYPES: Record<CascadeQueryType, true> = {
  health: true,
  metrics: true,
  logs: true,
  traces: true,
  trace: true,
  lineage: true,
  alerts: true,
  system: true,
};
const METRICS: Record<CascadeMetric, true> = {
  duration: true,
  runs: true,
  failures: true,
  rows: true,
  rowCount: true,
  freshness: true,
  passRate: true,
};
const STATS: Record<DurationStat, true> = { avg: true, p50: true, p95: true, p99: true };
const QUERY_KEYS: Record<keyof CascadeQuery, true> = {
  refId: true,
  hide: true,
  key: true,
  queryType: true,
  datasource: true,
  assets: true,
  metric: true,
  stat: true,
  level: true,
  search: true,
  traceId: true,
  limit: true,
  rules: true,
};
const VARIABLE_KINDS: Record<CascadeVariableQuery['kind'], true> = { assets: true, layers: true, owners: true };
const HEALTH_FIELDS: Record<keyof AssetHealth, true> = {
  asset: true,
  layer: true,
  owner: true,
  status: true,
  reasons: true,
  lastUpdate: true,
  freshness: true,
  freshnessSla: true,
  passRate: true,
  runs: true,
  failures: true,
  errorRate: true,
  avgDuration: true,
  p95Duration: true,
  p99Duration: true,
  rowCount: true,
  errorLogs: true,
  lastError: true,
  lastTraceId: true,
  lastTraceDuration: true,
  upstream: true,
  downstream: true,
};
const TRACES_FIELDS: Record<keyof TraceSummary, true> = {
  traceID: true,
  asset: true,
  start: true,
  duration: true,
  spans: true,
  errors: true,
  status: true,
  operation: true,
};
const SYSTEM_FIELDS: Record<keyof SystemUtilization, true> = {
  diskUsagePercent: true,
  memoryUsagePercent: true,
  lakeSizeBytes: true,
  containersHealthy: true,
  containersTotal: true,
};
/** Table-shaped frames whose field names are part of the data source's contract. */
const FRAME_FIELDS: Partial<Record<CascadeQueryType, string[]>> = {
  health: Object.keys(HEALTH_FIELDS),
  traces: Object.keys(TRACES_FIELDS),
  system: Object.keys(SYSTEM_FIELDS),
};
/** Core Grafana panels only: the dashboards must work without installing anything else. */
const CORE_PANELS = new Set(['stat', 'gauge', 'bargauge', 'table', 'timeseries', 'nodeGraph', 'logs', 'traces', 'text', 'row']);

const ROOT = path.resolve(__dirname, '..', '..');
const SRC_DASHBOARDS = path.join(ROOT, 'src', 'dashboards');
const PROVISIONED = path.join(ROOT, 'provisioning', 'dashboards');

// Dashboard/YAML input under test is untyped.
type Json = any;
const readJson = (file: string): Json => JSON.parse(fs.readFileSync(file, 'utf8'));
const jsonFiles = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => path.join(dir, f));

const dashboards: Array<[string, Json]> = [...jsonFiles(SRC_DASHBOARDS), ...jsonFiles(PROVISIONED)].map((f) => [
  path.relative(ROOT, f),
  readJson(f),
]);

const panelsOf = (dash: Json): Json[] => dash.panels.flatMap((p: Json) => (p.type === 'row' ? (p.panels ?? []) : [p]));
const variableNames = (dash: Json): Set<string> => new Set(dash.templating.list.map((v: Json) => v.name));
/** `$name`, `${name}` and `${name:format}` references in a string. */
const variableRefs = (s: string): string[] => [...s.matchAll(/\$\{(\w+)(?::[^}]*)?\}|\$(\w+)/g)].map((m) => m[1] ?? m[2]);
const stringsIn = (value: Json): string[] =>
  typeof value === 'string' ? [value] : value && typeof value === 'object' ? Object.values(value).flatMap(stringsIn) : [];

/** The field names a panel's options/overrides/transformations refer to. */
function referencedFields(panel: Json): { names: string[]; patterns: RegExp[] } {
  const names: string[] = [];
  const patterns: RegExp[] = [];
  for (const o of panel.fieldConfig?.overrides ?? []) {
    if (o.matcher.id === 'byName') {
      names.push(o.matcher.options);
    }
  }
  for (const t of panel.transformations ?? []) {
    names.push(...(t.options?.include?.names ?? []));
    names.push(...Object.keys(t.options?.excludeByName ?? {}));
    names.push(...(t.options?.filters ?? []).map((f: Json) => f.fieldName));
  }
  const fields: string | undefined = panel.options?.reduceOptions?.fields;
  if (fields) {
    const m = /^\/(.*)\/$/.exec(fields);
    m ? patterns.push(new RegExp(m[1])) : names.push(fields);
  }
  return { names, patterns };
}

describe.each(dashboards)('dashboard %s', (_file, dash) => {
  const panels = panelsOf(dash);

  it('has a uid, a title, the cascade tag and unique panel ids', () => {
    expect(dash.uid).toMatch(/^[a-z0-9-]{1,40}$/);
    expect(dash.title).toMatch(/^Cascade \/ /);
    expect(dash.tags).toContain('cascade');
    const ids = panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('lays panels out on the 24-column grid without overlaps', () => {
    const cells = new Set<string>();
    for (const { gridPos: g, title } of panels) {
      expect(g.x + g.w).toBeLessThanOrEqual(24);
      for (let x = g.x; x < g.x + g.w; x++) {
        for (let y = g.y; y < g.y + g.h; y++) {
          const cell = `${x},${y}`;
          if (cells.has(cell)) {
            throw new Error(`panel "${title}" overlaps another panel at ${cell}`);
          }
          cells.add(cell);
        }
      }
    }
  });

  it('uses core panels only', () => {
    for (const p of panels) {
      expect(CORE_PANELS).toContain(p.type);
    }
  });

  it('queries the Cascade data source through a datasource variable of its type', () => {
    const dsVar = dash.templating.list.find((v: Json) => v.type === 'datasource');
    expect(dsVar).toMatchObject({ name: 'datasource', query: DATASOURCE_TYPE });
    const expected = { type: DATASOURCE_TYPE, uid: '${datasource}' };
    for (const p of panels) {
      expect(p.datasource).toEqual(expected);
      for (const t of p.targets) {
        expect(t.datasource).toEqual(expected);
      }
    }
  });

  it('stores only valid CascadeQuery targets', () => {
    for (const p of panels) {
      expect(p.targets.length).toBeGreaterThan(0);
      const refIds = p.targets.map((t: Json) => t.refId);
      expect(new Set(refIds).size).toBe(refIds.length);
      for (const t of p.targets as Json[]) {
        const where = `${dash.uid} / ${p.title} / ${t.refId}`;
        expect({ where, unknownKeys: Object.keys(t).filter((k) => !(k in QUERY_KEYS)) }).toEqual({ where, unknownKeys: [] });
        expect(QUERY_TYPES).toHaveProperty([t.queryType]);
        if (t.assets !== undefined) {
          expect(Array.isArray(t.assets) && t.assets.every((a: unknown) => typeof a === 'string')).toBe(true);
        }
        if (t.queryType === 'metrics') {
          expect(METRICS).toHaveProperty([t.metric]);
        } else {
          expect({ where, metric: t.metric }).toEqual({ where, metric: undefined });
        }
        if (t.stat !== undefined) {
          expect({ where, metric: t.metric }).toEqual({ where, metric: 'duration' });
          expect(STATS).toHaveProperty([t.stat]);
        }
        if (t.queryType === 'trace') {
          expect(typeof t.traceId).toBe('string');
        }
        if (t.limit !== undefined) {
          expect(Number.isInteger(t.limit) && t.limit > 0).toBe(true);
        }
      }
    }
  });

  it('refers only to fields the query type returns', () => {
    for (const p of panels) {
      const types = new Set<CascadeQueryType>(p.targets.map((t: Json) => t.queryType));
      const [queryType] = [...types];
      const known = types.size === 1 ? FRAME_FIELDS[queryType] : undefined;
      if (!known) {
        continue;
      }
      const { names, patterns } = referencedFields(p);
      for (const name of names) {
        expect({ panel: p.title, field: name, known: known.includes(name) }).toEqual({ panel: p.title, field: name, known: true });
      }
      for (const re of patterns) {
        expect({ panel: p.title, pattern: String(re), matches: known.some((f) => re.test(f)) }).toEqual({
          panel: p.title,
          pattern: String(re),
          matches: true,
        });
      }
    }
  });

  it('defines every template variable its queries use', () => {
    const defined = variableNames(dash);
    for (const p of panels) {
      for (const s of [...stringsIn(p.targets), ...stringsIn(p.datasource)]) {
        for (const ref of variableRefs(s)) {
          expect({ panel: p.title, ref, defined: defined.has(ref) }).toEqual({ panel: p.title, ref, defined: true });
        }
      }
    }
  });

  it('lists variables with valid Cascade variable queries', () => {
    for (const v of dash.templating.list.filter((x: Json) => x.type === 'query')) {
      expect(v.datasource).toEqual({ type: DATASOURCE_TYPE, uid: '${datasource}' });
      expect(VARIABLE_KINDS).toHaveProperty([v.query.kind]);
      expect(typeof v.query.refId).toBe('string');
    }
  });
});

describe('bundled dashboards', () => {
  const pluginJson = readJson(path.join(ROOT, 'plugin.json'));
  const included = pluginJson.includes.filter((i: Json) => i.type === 'dashboard');

  it('are all listed in plugin.json includes, by their title', () => {
    const files = fs.readdirSync(SRC_DASHBOARDS).filter((f) => f.endsWith('.json'));
    expect(included.map((i: Json) => i.path).sort()).toEqual(files.map((f) => `dashboards/${f}`).sort());
    for (const inc of included) {
      expect(readJson(path.join(ROOT, 'src', inc.path)).title).toBe(inc.name);
    }
  });

  it('include an asset dashboard whose asset variable lists assets', () => {
    const asset = readJson(path.join(SRC_DASHBOARDS, 'asset.json'));
    const v = asset.templating.list.find((x: Json) => x.name === 'asset');
    expect(v).toMatchObject({ type: 'query', query: { kind: 'assets' } });
    expect(panelsOf(asset).some((p) => p.targets.some((t: Json) => t.assets?.includes('$asset')))).toBe(true);
  });

  it('ship the same operations dashboard that docker compose provisions (only uid and title differ)', () => {
    const strip = ({ uid: _u, title: _t, ...rest }: Json) => rest;
    const bundled = readJson(path.join(SRC_DASHBOARDS, 'operations.json'));
    const provisioned = readJson(path.join(PROVISIONED, 'operations.json'));
    expect(provisioned.uid).not.toBe(bundled.uid);
    expect(strip(provisioned)).toEqual(strip(bundled));
  });

  it('cover every query type a dashboard author needs', () => {
    const used = new Set(dashboards.flatMap(([, d]) => panelsOf(d).flatMap((p) => p.targets.map((t: Json) => t.queryType))));
    expect([...used].sort()).toEqual(Object.keys(QUERY_TYPES).sort());
  });
});
