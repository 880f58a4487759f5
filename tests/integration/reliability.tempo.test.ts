/**
 * Exact selection with hostile asset names on Tempo (issue 16, like reliability.selection.test.ts for
 * Jaeger): random subsets of the hostile-name pool (tests/integration/faults/oddPipeline.ts), passed
 * as a multi-value template variable, go through query() → the TraceQL builder → the sandbox proxy →
 * the Tempo STAND-IN (Tempo's TraceQL subset parsed with @grafana/lezer-traceql, anchored RE2-style
 * regexes; it is not Tempo), and `traces` and `health` return exactly the chosen assets' runs, in
 * ONE search each. The stand-in gets the spans over OTLP, as Tempo would.
 */
import { dateTime, DataQueryRequest, DataQueryResponse } from '@grafana/data';
import fc from 'fast-check';
import { lastValueFrom, toArray } from 'rxjs';
import { startTempoStandin, type TempoStandin } from '../../demo/src';
import { startSandboxServer, SandboxServer } from '../../sandbox/server/server';
import { FetchBackendSrv } from '../../sandbox/shared/fetchBackendSrv';
import { MapTemplateSrv } from '../../sandbox/shared/templateSrv';
import { CascadeDataSourceBase } from '../../src/datasource/base';
import { instanceSettings } from '../../src/testing/fakes';
import { CascadeQuery } from '../../src/datasource/types';
import { FetchLike } from '../../src/backends/client';
import { findFrames } from '../../src/frames/frameKit';
import { healthFromFrame } from '../../src/frames/healthFrame';
import { tracesFromFrame } from '../../src/frames/signalFrames';
import { INJECTIONS } from './faults/hostileStrings';
import { OddAsset, oddAssetNames, oddAssets, sendOddTraces } from './faults/oddPipeline';
import { recordReliability } from './faults/report';

jest.setTimeout(120_000);

// Grafana's "All" markers mean "every asset" by design (templating.ts); not used as real values here.
const ALL_MARKERS = new Set(['$__all', '.*', '*']);

let tempo: TempoStandin;
let server: SandboxServer;
let ds: CascadeDataSourceBase;
const templateSrv = new MapTemplateSrv({});
let assets: OddAsset[];
let byName: Map<string, OddAsset>;
const searches: string[] = [];
let tried = 0;

beforeAll(async () => {
  assets = oddAssets(oddAssetNames(150, 4243));
  byName = new Map(assets.map((a) => [a.name, a]));
  tempo = await startTempoStandin();
  await sendOddTraces(tempo.url, assets, Date.now());
  server = await startSandboxServer({
    port: 0,
    env: { ...process.env, CASCADE_TEMPO_URL: tempo.url, CASCADE_TRACES_UID: 'cascade-tempo' },
  });
  // BackendSrv, TemplateSrv and DataSourceSrv exist only inside Grafana: the sandbox's fetch
  // BackendSrv, its TemplateSrv (Grafana's interpolation rules) and a type lookup stand in for them.
  const backendSrv = new FetchBackendSrv({ baseUrl: server.url });
  const counting: FetchLike = {
    fetch: (options) => {
      if (options.url.endsWith('/api/search')) {
        searches.push(String((options.params as Record<string, string>).q));
      }
      return backendSrv.fetch(options);
    },
  };
  ds = new CascadeDataSourceBase(instanceSettings({ tracesUid: 'cascade-tempo' }), counting, templateSrv, (uid) =>
    uid === 'cascade-tempo' ? 'tempo' : undefined
  );
  expect(ds.traceBackend).toEqual({ backend: 'tempo', uid: 'cascade-tempo' });
}, 120_000);

afterAll(async () => {
  recordReliability('selection-tempo', { assetNames: assets?.length ?? 0, inputs: tried });
  await server?.stop();
  await tempo?.close();
});

function request(targets: Array<Partial<CascadeQuery>>): DataQueryRequest<CascadeQuery> {
  const to = Date.now() + 1000;
  return {
    requestId: 'selection-tempo',
    interval: '15s',
    intervalMs: 15_000,
    range: { from: dateTime(to - 3600_000), to: dateTime(to), raw: { from: 'now-1h', to: 'now' } },
    scopedVars: {},
    targets: targets.map((t, i) => ({ refId: `T${i}`, queryType: 'traces', ...t }) as CascadeQuery),
    timezone: 'utc',
    app: 'dashboard',
    startTime: to,
  };
}

/** Runs one target with `$assets` bound to `values`; returns it with the TraceQL searches it sent. */
async function runWithAssets(values: string[], target: Partial<CascadeQuery>) {
  templateSrv.setVariables({ assets: values });
  searches.length = 0;
  const responses: DataQueryResponse[] = await lastValueFrom(
    ds.query(request([{ ...target, assets: ['$assets'] }])).pipe(toArray())
  );
  // One target; health streams (Streaming packets, then Done under the same key): the last has everything.
  expect(new Set(responses.map((r) => r.key)).size).toBe(1);
  return { res: responses[responses.length - 1], searches: [...searches] };
}

const sorted = (xs: string[]) => [...xs].sort();
const subset = (max = 6) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 149 }), { minLength: 1, maxLength: max })
    .map((idx) => idx.map((i) => assets[i].name));

describe('Tempo stand-in: exact selection with hostile names', () => {
  it('traces: exactly the chosen assets’ runs, from one TraceQL search', async () => {
    await fc.assert(
      fc.asyncProperty(subset(), async (chosen) => {
        fc.pre(!chosen.some((c) => ALL_MARKERS.has(c)));
        tried++;
        const { res, searches: sent } = await runWithAssets(chosen, { queryType: 'traces', limit: 500 });
        expect(res.errors).toBeUndefined();
        expect(sent).toHaveLength(1);
        const rows = tracesFromFrame(findFrames(res.data, 'traces')[0]);
        expect(sorted(rows.map((r) => `${r.asset}\u0001${r.traceID}`))).toEqual(
          sorted(chosen.map((c) => `${c}\u0001${byName.get(c)!.traceId.padStart(32, '0')}`))
        );
      }),
      { numRuns: 60, seed: 1616 }
    );
  });

  it('every injection fragment at once: traces and health (last trace per asset) select exactly those', async () => {
    const chosen = INJECTIONS.filter((c) => !ALL_MARKERS.has(c));
    tried++;
    const { res, searches: sent } = await runWithAssets(chosen, { queryType: 'traces', limit: 500 });
    expect(sent).toHaveLength(1);
    expect(sorted(tracesFromFrame(findFrames(res.data, 'traces')[0]).map((t) => t.asset!))).toEqual(sorted(chosen));
    const health = await runWithAssets(chosen, { queryType: 'health' });
    expect(health.searches).toHaveLength(1);
    const rows = healthFromFrame(findFrames(health.res.data, 'health')[0]);
    expect(sorted(rows.map((r) => r.asset))).toEqual(sorted(chosen));
    expect(rows.every((r) => r.lastTraceId === byName.get(r.asset)!.traceId.padStart(32, '0'))).toBe(true);
  });
});
