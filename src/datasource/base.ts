import {
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  LoadingState,
  MetricFindValue,
  ScopedVars,
  TestDataSourceResponse,
} from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import { lastValueFrom, merge, Observable, of } from 'rxjs';
import { BackendClient, FetchLike } from '../backends/client';
import { APP_URLS, resolveSettings, ResolvedSettings } from './settings';
import { LinkTargets } from '../frames/healthFrame';
import {
  DatasourceTypeLookup,
  HandlerContext,
  QueryHandler,
  resolveTraceBackend,
  respond,
  TraceBackend,
  unknownType,
} from './handlers/context';
import { healthHandler, lineageHandler } from './handlers/health';
import { incidentsHandler } from './handlers/diagnosis';
import { annotationsHandler } from './handlers/annotations';
import { cascadeAnnotationSupport } from './annotations';
import { RecordingRulesProbe } from './handlers/recordingRulesProbe';
import {
  alertsHandler,
  logsHandler,
  metricsHandler,
  systemHandler,
  traceHandler,
  tracesHandler,
} from './handlers/signals';
import { checkBackends } from './saveAndTest';
import { interpolateQuery } from './templating';
import { CascadeDataSourceOptions, CascadeQuery, CascadeQueryType, CascadeVariableQuery, DEFAULT_QUERY } from './types';
import { listValues } from './handlers/variableValues';

const HANDLERS: Record<CascadeQueryType, QueryHandler> = {
  health: healthHandler,
  incidents: incidentsHandler,
  lineage: lineageHandler,
  metrics: metricsHandler,
  logs: logsHandler,
  traces: tracesHandler,
  trace: traceHandler,
  alerts: alertsHandler,
  system: systemHandler,
  annotations: annotationsHandler,
};

/** Template variables the data source needs (Grafana's TemplateSrv, or a stand-in in Node). */
export type TemplateSrvLike = Pick<TemplateSrv, 'replace' | 'containsTemplate' | 'getVariables'>;

/**
 * The Cascade data source engine: joins Prometheus, Loki and Jaeger by asset name in the browser.
 * Every request goes through Grafana's data source proxy by uid; nothing is stored but those uids.
 * It depends only on @grafana/data and the injected services, so it also runs in Node (integration
 * tests, benchmark); CascadeDataSource (datasource.ts) wires in Grafana's own services.
 */
export class CascadeDataSourceBase extends DataSourceApi<CascadeQuery, CascadeDataSourceOptions> {
  readonly settings: ResolvedSettings;
  private readonly ctx: HandlerContext;

  constructor(
    instanceSettings: DataSourceInstanceSettings<CascadeDataSourceOptions>,
    backendSrv: FetchLike,
    private readonly templateSrv: TemplateSrvLike,
    datasourceType?: DatasourceTypeLookup
  ) {
    super(instanceSettings);
    this.settings = resolveSettings(instanceSettings.jsonData);
    const client = new BackendClient(backendSrv, this.settings.timeoutMs);
    const traces = resolveTraceBackend(this.settings, datasourceType);
    const links: LinkTargets = {
      prometheusUid: this.settings.prometheusUid,
      lokiUid: this.settings.lokiUid,
      jaegerUid: traces.uid,
      tracesType: traces.backend,
      mapping: this.settings.mapping,
      app: APP_URLS,
    };
    this.ctx = {
      client,
      settings: this.settings,
      recordingRules: this.settings.recordingRules ? new RecordingRulesProbe(client, this.settings.mapping) : undefined,
      traces,
      links,
    };
    this.annotations = cascadeAnnotationSupport(links.app);
  }

  /** The trace backend queries go to: Jaeger or Tempo, by the type of the configured data source. */
  get traceBackend(): TraceBackend {
    return this.ctx.traces;
  }

  getDefaultQuery(): Partial<CascadeQuery> {
    return DEFAULT_QUERY;
  }

  /** Template variables: multi-value and All expand into `assets`; search, level and traceId are replaced. */
  applyTemplateVariables(query: CascadeQuery, scopedVars: ScopedVars): CascadeQuery {
    return interpolateQuery(this.templateSrv, query, scopedVars);
  }

  /** `$name` of every dashboard variable, offered next to asset names in the query editor. */
  variableNames(): string[] {
    return this.templateSrv.getVariables().map((v) => `$${v.name}`);
  }

  /** Template variables in free text (variable editor fields). */
  interpolateText(text: string, scopedVars: ScopedVars): string {
    return this.templateSrv.replace(text, scopedVars);
  }

  interpolateVariablesInQueries(queries: CascadeQuery[], scopedVars: ScopedVars): CascadeQuery[] {
    return queries.map((q) => this.applyTemplateVariables(q, scopedVars));
  }

  /**
   * Router: drop hidden targets, interpolate, group by query type, run one handler per type and
   * merge their streams. Each target yields one response keyed `${refId}:${queryType}`; a failing
   * backend adds an error naming it next to the other backends' data.
   */
  query(request: DataQueryRequest<CascadeQuery>): Observable<DataQueryResponse> {
    const targets = request.targets
      .filter((t) => !t.hide)
      .map((t) => this.applyTemplateVariables({ ...DEFAULT_QUERY, ...t }, request.scopedVars));
    if (targets.length === 0) {
      return of({ data: [], state: LoadingState.Done, key: 'cascade:empty' });
    }
    if (this.settings.problems.length) {
      const message = `Cascade configuration: ${this.settings.problems.join('; ')}`;
      return of(...targets.map((t) => respond(t, [], [{ message }])));
    }
    const groups = new Map<string, CascadeQuery[]>();
    for (const t of targets) {
      groups.set(t.queryType, [...(groups.get(t.queryType) ?? []), t]);
    }
    const streams = Array.from(groups.entries()).map(([type, group]) => {
      const handler = HANDLERS[type as CascadeQueryType];
      return handler ? handler(this.ctx, group, request) : unknownType(group);
    });
    return merge(...streams);
  }

  /** Values for the query editor and legacy variables: `assets`, `layers` or `owners` (optionally `assets` of a layer). */
  async metricFindQuery(
    query: CascadeVariableQuery | string,
    options?: { scopedVars?: ScopedVars }
  ): Promise<MetricFindValue[]> {
    const q: CascadeVariableQuery = typeof query === 'string' ? { refId: 'metricFind', kind: parseKind(query) } : query;
    const layer = q.layer ? this.interpolateText(q.layer, options?.scopedVars ?? {}) : undefined;
    const values = await lastValueFrom(listValues(this.ctx, q.kind, layer));
    return values.map((text) => ({ text, value: text }));
  }

  /** "Save & test": each configured backend checked through the proxy and reported on its own line. */
  async testDatasource(): Promise<TestDataSourceResponse> {
    return lastValueFrom(checkBackends(this.ctx));
  }

  /** Exposed for the variable support and the query editor. */
  get handlerContext(): HandlerContext {
    return this.ctx;
  }
}

function parseKind(query: string): CascadeVariableQuery['kind'] {
  const k = query.trim().toLowerCase();
  return k === 'layers' || k === 'owners' ? k : 'assets';
}
