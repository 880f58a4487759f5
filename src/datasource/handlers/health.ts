import { DataFrame, DataQueryRequest, LoadingState, QueryResultMetaNotice } from '@grafana/data';
import { forkJoin, map, merge, Observable, of, ReplaySubject, share, switchMap } from 'rxjs';
import { joinAssets } from '../../join/assetJoin';
import { HealthStage, LATE_SIGNALS, pendingRows, TOPOLOGY_SIGNALS } from '../../join/healthStages';
import { CallResult, parseErrorToQueryError } from '../../backends/client';
import { resolveRules, AssetHealth, Backend, CascadeQueryError } from '../../model';
import { healthToFrame } from '../../frames/healthFrame';
import { warningNotice } from '../../frames/frameKit';
import { assetTraceSearch, searchParams } from '../../backends/jaeger/jaegerQuery';
import { lineageToFrames } from '../../frames/lineageFrame';
import { lineagePositions, reusablePositions } from '../../lineage/lineagePositions';
import { jaegerSignals, lokiAssetNames, lokiSignals, prometheusSignals, tempoSignals } from '../../join/healthSignals';
import { assetTraceSearch as tempoAssetSearch, searchParams as tempoSearchParams } from '../../backends/tempo/traceql';
import { assetLinesCountQuery, errorCountQuery, errorLinesQuery } from '../../backends/loki/logql';
import { healthPromKeys, healthQueries, HealthPromKey } from '../../backends/prometheus/promql';
import { recordedHealthQueries, recordedWindow } from '../../backends/prometheus/recordingRules';
import { withRootCauses } from '../../rules/rootCauses';
import { applyVolumeSignals } from '../../rules/diagnose';
import { resolveVolumeRules } from '../../rules/volumeAnomalies';
import { diagnosisPart } from './diagnosisPart';
import { CascadeQuery } from '../types';
import { backendUid, HandlerContext, QueryHandler, rangeOf, respond } from './context';
import { HealthSnapshot, Part, stagedHealth, StagedPart, stageMeta, unavailableBackends } from './healthStream';

/** Error lines fetched to find each asset's last error (newest first). */
export const LAST_ERROR_LINES = 1000;

const empty = (errors: CascadeQueryError[] = []): Part => ({ signals: {}, errors, notices: [] });

/**
 * Prometheus part: up to HEALTH_PROM_KEYS.length instant queries, in parallel, whatever the asset count
 * (the quantiles only when asked for). When the range is a window Cascade's recording rules record and
 * the rules are there (one probe per data source instance), runs, failures and durations read the
 * recorded series: the same expressions, precomputed at the rules' last evaluation.
 */
function prometheusPart(
  ctx: HandlerContext,
  assets: string[],
  request: DataQueryRequest<CascadeQuery>,
  target: CascadeQuery,
  keys: HealthPromKey[]
): Observable<Part> {
  const refId = target.refId;
  const { uid, error } = backendUid(ctx, 'prometheus');
  if (!uid) {
    return of(empty([error!]));
  }
  const r = rangeOf(request.range);
  const m = ctx.settings.mapping;
  const window = recordedWindow(r.seconds);
  // Parts that read no recorded series (the topology) go out at once instead of waiting for the probe.
  const recordable = !!window && keys.some((k) => k in recordedHealthQueries(m, [], window));
  const recorded = recordable && ctx.recordingRules ? ctx.recordingRules.windows(uid, r.toMs) : of(new Set<string>());
  return recorded.pipe(
    switchMap((windows) => {
      const queries = {
        ...healthQueries(m, assets, r.seconds),
        ...(window && windows.has(window) ? recordedHealthQueries(m, assets, window) : {}),
      };
      const calls = keys.map((k) =>
        ctx.client.get(
          { backend: 'prometheus', uid, path: '/api/v1/query', params: { query: queries[k], time: r.promTime } },
          refId
        )
      );
      return forkJoin(calls);
    }),
    map((results) => {
      const part = empty();
      const bodies: Partial<Record<HealthPromKey, unknown>> = {};
      results.forEach((res, i) => (res.ok ? (bodies[keys[i]] = res.body) : part.errors.push(res.error)));
      part.down = results.length && results.every((res) => !res.ok) ? 'prometheus' : undefined;
      const { signals, errors } = prometheusSignals(bodies, m);
      part.signals = signals;
      part.errors.push(...errors.map((e) => parseErrorToQueryError('prometheus', e, refId)));
      return part;
    })
  );
}

/** Loki part: one metric query (error counts per asset) and one log query (last error per asset). */
function lokiPart(
  ctx: HandlerContext,
  assets: string[],
  request: DataQueryRequest<CascadeQuery>,
  refId: string
): Observable<Part> {
  const { uid, error } = backendUid(ctx, 'loki');
  if (!uid) {
    return of(empty([error!]));
  }
  const r = rangeOf(request.range);
  const m = ctx.settings.mapping;
  const path = '/loki/api/v1/query_range';
  const step = String(Math.max(1, Math.round(r.seconds)));
  const counts = ctx.client.get(
    {
      backend: 'loki',
      uid,
      path,
      params: { query: errorCountQuery(m, assets, r.seconds), start: r.lokiStart, end: r.lokiEnd, step },
    },
    refId
  );
  const limit = String(Math.min(LAST_ERROR_LINES, ctx.settings.limits.maxLogLines));
  const lines = ctx.client.get(
    {
      backend: 'loki',
      uid,
      path,
      params: { query: errorLinesQuery(m, assets), start: r.lokiStart, end: r.lokiEnd, limit, direction: 'backward' },
    },
    refId
  );
  return forkJoin([counts, lines]).pipe(
    map(([c, l]: CallResult[]) => {
      const part = empty([c, l].flatMap((x) => (x.ok ? [] : [x.error])));
      part.down = !c.ok && !l.ok ? 'loki' : undefined;
      const { signals, errors } = lokiSignals(c.ok ? c.body : undefined, l.ok ? l.body : undefined, m);
      part.signals = signals;
      part.errors.push(...errors.map((e) => parseErrorToQueryError('loki', e, refId)));
      return part;
    })
  );
}

/** Trace part on Jaeger: one search (service + limit), grouped by the asset tag in the browser; Tempo: tempoPart. */
function jaegerPart(
  ctx: HandlerContext,
  assets: string[],
  request: DataQueryRequest<CascadeQuery>,
  refId: string
): Observable<Part> {
  const { uid, error } = backendUid(ctx, ctx.traces.backend);
  if (!uid) {
    return of(empty([error!]));
  }
  const r = rangeOf(request.range);
  const m = ctx.settings.mapping;
  const limit = ctx.settings.limits.maxTraces;
  if (ctx.traces.backend === 'tempo') {
    return tempoPart(ctx, uid, assets, r.fromMs, r.toMs, refId);
  }
  const search = assetTraceSearch(m.jaegerService, m.jaegerAssetTag, assets, r.fromMs, r.toMs, limit);
  return ctx.client.get({ backend: 'jaeger', uid, path: '/api/traces', params: searchParams(search) }, refId).pipe(
    map((res) => {
      if (!res.ok) {
        return { ...empty([res.error]), down: 'jaeger' as const };
      }
      const { signals, errors, traces } = jaegerSignals(res.body, m);
      const part = empty(errors.map((e) => parseErrorToQueryError('jaeger', e, refId)));
      part.signals = signals;
      if ((traces ?? 0) >= limit) {
        part.notices.push(
          warningNotice(`Last trace per asset is taken from the ${limit} most recent traces (limit maxTraces).`)
        );
      }
      return part;
    })
  );
}

/** Tempo part: one TraceQL search for the assets' runs (whatever their number), newest per asset. */
function tempoPart(
  ctx: HandlerContext,
  uid: string,
  assets: string[],
  from: number,
  to: number,
  refId: string
): Observable<Part> {
  const m = ctx.settings.mapping;
  const limit = ctx.settings.limits.maxTraces;
  const search = tempoAssetSearch(m.jaegerService, m.jaegerAssetTag, assets, from, to, limit);
  return ctx.client.get({ backend: 'tempo', uid, path: '/api/search', params: tempoSearchParams(search) }, refId).pipe(
    map((res) => {
      if (!res.ok) {
        return { ...empty([res.error]), down: 'tempo' as const };
      }
      const { signals, errors, traces } = tempoSignals(res.body, m);
      const part = empty(errors.map((e) => parseErrorToQueryError('tempo', e, refId)));
      part.signals = signals;
      if ((traces ?? 0) >= limit) {
        part.notices.push(
          warningNotice(`Last trace per asset is taken from the ${limit} most recent traces (limit maxTraces).`)
        );
      }
      return part;
    })
  );
}

// Logs looked at for asset names when Prometheus is down: at least a day, as a stale asset has not run lately.
const ASSET_NAMES_LOOKBACK_SECONDS = 86_400;

/** The assets that logged anything (one Loki metric query), asked only when Prometheus did not answer. */
function assetsFromLogs(ctx: HandlerContext, request: DataQueryRequest<CascadeQuery>, refId: string): Observable<Part> {
  const { uid } = backendUid(ctx, 'loki');
  if (!uid) {
    return of(empty());
  }
  const r = rangeOf(request.range);
  const seconds = Math.max(r.seconds, ASSET_NAMES_LOOKBACK_SECONDS);
  const params = {
    query: assetLinesCountQuery(ctx.settings.mapping, seconds),
    start: r.lokiEnd,
    end: r.lokiEnd,
    step: String(Math.round(seconds)),
  };
  return ctx.client.get({ backend: 'loki', uid, path: '/loki/api/v1/query_range', params }, refId).pipe(
    map((res) => {
      if (!res.ok) {
        return empty([res.error]);
      }
      const { signals, errors } = lokiAssetNames(res.body, ctx.settings.mapping);
      return { ...empty(errors.map((e) => parseErrorToQueryError('loki', e, refId))), signals };
    })
  );
}

// A part several others read: sent once, its answer replayed; cancelled if all unsubscribe first.
const shared = (part: Observable<Part>) =>
  part.pipe(share({ connector: () => new ReplaySubject<Part>(1), resetOnComplete: false, resetOnError: true }));
const from = (backend: Backend) => (part: Observable<Part>) => part.pipe(map((p) => ({ ...p, backend })));

/**
 * The health query's request groups, each tagged with the first stage that needs it, in the order
 * they are sent: topology, status inputs (Prometheus, Loki, traces; asset names from the logs when
 * Prometheus is down), then the late figures (avg, p95/p99 durations, row counts), which queue
 * behind the rest in the browser's 6 connections per host.
 */
function healthParts(
  ctx: HandlerContext,
  target: CascadeQuery,
  request: DataQueryRequest<CascadeQuery>,
  volume: boolean
): StagedPart[] {
  const assets = target.assets ?? [];
  const keys = healthPromKeys(target.quantiles);
  const topologyKeys = keys.filter((k) => (TOPOLOGY_SIGNALS as readonly string[]).includes(k));
  const lateKeys = keys.filter((k) => (LATE_SIGNALS as readonly string[]).includes(k));
  const statusKeys = keys.filter((k) => !topologyKeys.includes(k) && !lateKeys.includes(k));
  const prom = (k: HealthPromKey[]) => shared(prometheusPart(ctx, assets, request, target, k).pipe(from('prometheus')));
  const topology = prom(topologyKeys);
  const status = prom(statusKeys);
  const loki = shared(lokiPart(ctx, assets, request, target.refId).pipe(from('loki')));
  const parts: StagedPart[] = [
    { stage: 'topology', part: topology },
    { stage: 'status', part: status },
    { stage: 'status', part: loki },
    { stage: 'status', part: jaegerPart(ctx, assets, request, target.refId).pipe(from(ctx.traces.backend)) },
  ];
  if (!assets.length) {
    const names = forkJoin([topology, status, loki]).pipe(
      switchMap(([a, b, l]) => (a.down && b.down && !l.down ? assetsFromLogs(ctx, request, target.refId) : of(empty())))
    );
    parts.push({ stage: 'status', part: names });
  }
  if (volume) {
    // Volume anomalies are statuses: the diagnosis signals (1 range + 2 instant queries) join the status stage.
    const signals = diagnosisPart(ctx, target, request).pipe(
      map((d) => ({ ...empty(d.errors), diagnosis: d.signals }))
    );
    parts.push({ stage: 'status', part: signals });
  }
  if (lateKeys.length) {
    parts.push({
      stage: 'complete',
      part: prometheusPart(ctx, assets, request, target, lateKeys).pipe(from('prometheus')),
    });
  }
  return parts;
}

/**
 * The health rows as they arrive: one snapshot per stage from `first` on (see stagedHealth); a
 * failed or missing backend only empties its own columns and adds its error to every later snapshot.
 */
export function healthStream(
  ctx: HandlerContext,
  target: CascadeQuery,
  request: DataQueryRequest<CascadeQuery>,
  first: HealthStage,
  volume = true
): Observable<HealthSnapshot> {
  const assets = target.assets ?? [];
  const rules = resolveRules(ctx.settings.rules, target.rules);
  return stagedHealth(healthParts(ctx, target, request, volume), {
    first,
    selection: assets,
    join: (signals, answered) => {
      const s = { ...signals, unavailable: unavailableBackends(answered) };
      if (s.unavailable.includes('prometheus') && !assets.length) {
        // Without Prometheus, assets named by the provisioned SLA overrides and the logs keep their row.
        s.seen = new Set([...(signals.seen ?? []), ...Object.keys(rules.freshnessOverrides)]);
      }
      // Root causes need only the joined rows' statuses and edges: no extra request (issue 12).
      const rows = joinAssets(s, rules, request.range.to.valueOf(), assets);
      const diagnosis = answered.find((p) => p.diagnosis)?.diagnosis;
      const withVolume = diagnosis ? applyVolumeSignals(rows, diagnosis, resolveVolumeRules(rules.volume)).rows : rows;
      return withRootCauses(withVolume);
    },
    // No verdict yet, so no root causes either (their analysis is most of a join's cost at 10,000 assets).
    topology: (signals) => pendingRows(joinAssets(signals, rules, request.range.to.valueOf(), assets)),
  });
}

/**
 * Every part joined into rows once all have answered; a failed or missing backend only empties its own
 * columns. `volume: false` leaves volume anomalies to the caller (the diagnosis fetches their signals itself).
 */
export function healthRows(
  ctx: HandlerContext,
  target: CascadeQuery,
  request: DataQueryRequest<CascadeQuery>,
  volume = true
): Observable<{ rows: AssetHealth[]; errors: CascadeQueryError[]; notices: QueryResultMetaNotice[] }> {
  return healthStream(ctx, target, request, 'complete', volume);
}

const stateOf = (s: HealthSnapshot) => (s.stage === 'complete' ? LoadingState.Done : LoadingState.Streaming);

/** `health`: a Streaming packet once every status input is in (late figures empty), then Done with everything. */
export const healthHandler: QueryHandler = (ctx, targets, request) =>
  merge(
    ...targets.map((t) =>
      healthStream(ctx, t, request, 'status').pipe(
        map((s) => {
          const frame = healthToFrame(s.rows, t.refId, ctx.links, s.notices);
          return respond(t, [stageMeta(frame, s, t.quantiles)], s.errors, stateOf(s));
        })
      )
    )
  );

/**
 * `lineage`: a Streaming packet with the DAG as soon as the topology is in (no statuses yet), one
 * with statuses, then Done. The layout is computed once per asset set; late figures are not in
 * these frames, so the Done packet reuses the status packet's frames when no asset was added.
 */
export const lineageHandler: QueryHandler = (ctx, targets, request) =>
  merge(
    ...targets.map((t) => {
      let positions: ReadonlyMap<string, { x: number; y: number }> | undefined;
      let previous: DataFrame[] | undefined;
      return healthStream(ctx, t, request, 'topology').pipe(
        map((s) => {
          if (!(s.lateOnly && previous)) {
            positions = reusablePositions(s.rows, positions) ?? lineagePositions(s.rows);
            const [nodes, edges] = lineageToFrames(s.rows, ctx.links.app, t.refId, positions);
            previous = [{ ...nodes, meta: { ...nodes.meta, notices: s.notices } }, edges];
          }
          const [nodes, edges] = previous;
          return respond(t, [stageMeta(nodes, s, t.quantiles), edges], s.errors, stateOf(s));
        })
      );
    })
  );
