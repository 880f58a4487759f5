import { LINKS } from '../testing/testPipeline';
import fs from 'fs';
import path from 'path';
import { lastValueFrom } from 'rxjs';

import {
  DataFrame,
  DataTransformerInfo,
  FieldMatcherID,
  fieldMatchers,
  getFieldDisplayName,
  standardTransformers,
  standardTransformersRegistry,
  transformDataFrame,
  TransformerRegistryItem,
} from '@grafana/data';

import { DATASOURCE_TYPE } from '../constants';
import { healthToFrame } from '../frames/healthFrame';
import { systemToFrame, tracesToFrame } from '../frames/signalFrames';
import { incidentsToFrame } from '../frames/incidentsFrame';
import {
  ANNOTATION_KINDS,
  resolveMapping,
  type AssetHealth,
  type CascadeMetric,
  type DurationStat,
  type SystemUtilization,
  type TraceSummary,
} from '../model';
import type { CascadeQuery, CascadeQueryType, CascadeVariableQuery } from '../datasource/types';
import { cascadeAnnotationSupport } from '../datasource/annotations';

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
  incidents: true,
  annotations: true,
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
  quantiles: true,
  annotationKinds: true,
};
const VARIABLE_KINDS: Record<CascadeVariableQuery['kind'], true> = { assets: true, layers: true, owners: true };
const asset = (name: string, status: AssetHealth['status']): AssetHealth => ({
  asset: name,
  layer: 'gold',
  owner: 'data-platform-team',
  status,
  reasons: status === 'ok' ? [] : ['stale: 5h since last update'],
  lastUpdate: Date.UTC(2024, 9, 15, 10, 35),
  freshness: 8280,
  freshnessSla: 7200,
  passRate: 99.74,
  runs: 288,
  failures: 3,
  errorRate: 3 / 288,
  avgDuration: 0.32,
  p95Duration: 0.58,
  p99Duration: 0.95,
  rowCount: 487239,
  errorLogs: 2,
  lastError: 'timeout',
  lastTraceId: 'abc123',
  lastTraceDuration: 320,
  upstream: ['stg_glucose_entries'],
  downstream: ['mrt_glucose_readings'],
});
const trace: TraceSummary = {
  traceID: 'abc123',
  asset: 'fct_glucose_readings',
  start: 0,
  duration: 320,
  spans: 9,
  errors: 0,
  status: 'ok',
  operation: 'x',
};
const system: SystemUtilization = {
  diskUsagePercent: 45,
  memoryUsagePercent: 62,
  lakeSizeBytes: 2.8e11,
  containersHealthy: 5,
  containersTotal: 5,
};
/**
 * Frames built by the data source's own frame builders, for the table-shaped query types whose
 * field names and display names panels refer to (the time-series, logs, trace and node-graph
 * panels use no field references).
 */
const SAMPLE_FRAMES: Partial<Record<CascadeQueryType, DataFrame[]>> = {
  health: [
    healthToFrame([asset('fct_glucose_readings', 'ok'), asset('publish_to_postgres', 'stale')], 'A', {
      mapping: resolveMapping(undefined),
      app: LINKS.app,
    }),
  ],
  traces: [tracesToFrame([trace], 'A', { mapping: resolveMapping(undefined), app: LINKS.app })],
  system: [systemToFrame(system, 'A')],
  incidents: [
    incidentsToFrame(
      [
        {
          root: 'fct_glucose_readings',
          status: 'failing',
          reasons: ['last run failed'],
          since: Date.UTC(2024, 9, 15, 14, 2),
          impacted: ['mrt_glucose_readings'],
          blastRadius: ['mrt_glucose_readings', 'publish_to_postgres'],
          owners: ['data-platform-team'],
          firstSlaBreachAt: Date.UTC(2024, 9, 15, 15, 10),
          firstSlaBreachAsset: 'mrt_glucose_readings',
          inCycle: false,
        },
      ],
      'A',
      { mapping: resolveMapping(undefined), app: LINKS.app }
    ),
  ],
};

/** Core Grafana panels only: the dashboards must work without installing anything else. */
const CORE_PANELS = new Set([
  'stat',
  'gauge',
  'bargauge',
  'table',
  'timeseries',
  'nodeGraph',
  'logs',
  'traces',
  'text',
  'row',
]);

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
const variableRefs = (s: string): string[] =>
  [...s.matchAll(/\$\{(\w+)(?::[^}]*)?\}|\$(\w+)/g)].map((m) => m[1] ?? m[2]);
const stringsIn = (value: Json): string[] =>
  typeof value === 'string'
    ? [value]
    : value && typeof value === 'object'
      ? Object.values(value).flatMap(stringsIn)
      : [];

// transformDataFrame looks transformers up in this registry (Grafana's app fills it at start-up).
standardTransformersRegistry.setInit(() =>
  [...new Map<string, DataTransformerInfo>(Object.values(standardTransformers).map((t) => [t.id, t])).values()].map(
    (t): TransformerRegistryItem => ({
      id: t.id,
      name: t.name,
      description: t.description,
      transformation: () => Promise.resolve(t),
      editor: () => null,
      imageDark: '',
      imageLight: '',
    })
  )
);

/** What a panel's field references resolve to on real frames, using Grafana's own matchers. */
async function unresolvedFieldRefs(panel: Json, input: DataFrame[]): Promise<string[]> {
  const problems: string[] = [];
  const displayNames = (frames: DataFrame[]) =>
    frames.flatMap((f) => f.fields.map((x) => getFieldDisplayName(x, f, frames)));
  for (const t of panel.transformations ?? []) {
    // filterByValue and table sorting match display names only.
    for (const f of t.options?.filters ?? []) {
      if (!displayNames(input).includes(f.fieldName)) {
        problems.push(`${t.id}: no field displayed as "${f.fieldName}"`);
      }
    }
  }
  const frames = await lastValueFrom(transformDataFrame(panel.transformations ?? [], input));
  const anyMatch = (id: string, options: unknown) => {
    const matcher = fieldMatchers.get(id).get(options);
    return frames.some((f) => f.fields.some((x) => matcher(x, f, frames)));
  };
  if (frames.every((f) => f.fields.length === 0)) {
    problems.push('transformations leave no fields');
  }
  for (const o of panel.fieldConfig?.overrides ?? []) {
    if (o.matcher.id === FieldMatcherID.byName && !anyMatch(FieldMatcherID.byName, o.matcher.options)) {
      problems.push(`override byName "${o.matcher.options}" matches no field`);
    }
  }
  const reduce = panel.options?.reduceOptions;
  if (reduce) {
    // As getFieldDisplayValues: a regexp over display names, else every numeric field.
    const ok = reduce.fields
      ? anyMatch(FieldMatcherID.byRegexp, reduce.fields)
      : anyMatch(FieldMatcherID.numeric, undefined);
    if (!ok) {
      problems.push(`reduceOptions.fields "${reduce.fields}" matches no field`);
    }
  }
  for (const { displayName } of panel.options?.sortBy ?? []) {
    if (!displayNames(frames).includes(displayName)) {
      problems.push(`sortBy: no column displayed as "${displayName}"`);
    }
  }
  return problems;
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
        expect({ where, unknownKeys: Object.keys(t).filter((k) => !(k in QUERY_KEYS)) }).toEqual({
          where,
          unknownKeys: [],
        });
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

  it("refers only to fields the data source's frames have (checked with Grafana's matchers and transformers)", async () => {
    for (const p of panels) {
      const types = new Set<CascadeQueryType>(p.targets.map((t: Json) => t.queryType));
      const input = types.size === 1 ? SAMPLE_FRAMES[[...types][0]] : undefined;
      if (input) {
        expect({ panel: p.title, problems: await unresolvedFieldRefs(p, input) }).toEqual({
          panel: p.title,
          problems: [],
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

  it('overlays the Cascade annotations (failed runs, SLA breaches, alert state changes) of its assets', () => {
    const cascade = (dash.annotations?.list ?? []).filter((a: Json) => a.datasource?.type === DATASOURCE_TYPE);
    expect(cascade).toHaveLength(1);
    const [anno] = cascade;
    expect(anno).toMatchObject({ enable: true, datasource: { type: DATASOURCE_TYPE, uid: '${datasource}' } });
    expect(Object.keys(anno.target).filter((k) => !(k in QUERY_KEYS))).toEqual([]);
    const query = cascadeAnnotationSupport(LINKS.app).prepareQuery!(anno);
    expect(query).toMatchObject({ queryType: 'annotations', refId: anno.target.refId });
    expect([...(query!.annotationKinds ?? [])].sort()).toEqual([...ANNOTATION_KINDS].sort());
    // The asset dashboard overlays its asset's events; the others every asset's.
    expect(anno.target.assets).toEqual(variableNames(dash).has('asset') ? ['$asset'] : []);
    const defined = variableNames(dash);
    for (const ref of stringsIn(anno).flatMap(variableRefs)) {
      expect({ ref, defined: defined.has(ref) }).toEqual({ ref, defined: true });
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
    const used = new Set(
      dashboards.flatMap(([, d]) => [
        ...panelsOf(d).flatMap((p) => p.targets.map((t: Json) => t.queryType)),
        ...(d.annotations?.list ?? []).flatMap((a: Json) => (a.target ? [a.target.queryType] : [])),
      ])
    );
    // `trace` needs one trace id: the traces tables link each run to the app's trace drill-down instead.
    const expected = Object.keys(QUERY_TYPES).filter((t) => t !== 'trace');
    expect([...used].sort()).toEqual(expected.sort());
  });
});
