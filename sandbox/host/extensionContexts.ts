/**
 * Contexts for the extensions test page, in the shapes Grafana passes at each extension point, built
 * from the running stack where Grafana would build them from data: spans of a real trace (Jaeger, via
 * the data source proxy), alert instances of the seed's rules (Prometheus' alerts API), the panels of
 * the plugin's own dashboards. Explore panes are the two kinds a user types (one asset, all assets).
 */
import { config, getBackendSrv } from '@grafana/runtime';

export interface ContextCase {
  /** Stable id for tests. */
  id: string;
  label: string;
  context: object;
}

export interface ExtensionPointCases {
  extensionPointId: string;
  title: string;
  cases: ContextCase[];
}

const RANGE = { from: 'now-6h', to: 'now' };

function datasourceUid(type: string): string | undefined {
  return Object.values(config.datasources).find((d) => d.type === type)?.uid;
}

const proxyGet = <T>(uid: string, path: string, params?: Record<string, string>) =>
  getBackendSrv().get<T>(`/api/datasources/proxy/uid/${encodeURIComponent(uid)}${path}`, params, undefined, {
    showErrorAlert: false,
  });

interface JaegerTag {
  key: string;
  value: unknown;
}
interface JaegerTrace {
  traceID: string;
  spans: Array<{ spanID: string; operationName: string; startTime: number; tags: JaegerTag[]; processID: string }>;
  processes: Record<string, { serviceName: string; tags: JaegerTag[] }>;
}

const attributeMap = (tags: JaegerTag[] = []) =>
  tags.reduce<Record<string, string[]>>((acc, t) => {
    (acc[t.key] ??= []).push(String(t.value));
    return acc;
  }, {});

/** Every span of the latest trace of `asset`, as the trace view's attribute rows see it. */
async function traceCases(asset: string): Promise<ExtensionPointCases[]> {
  const uid = datasourceUid('jaeger');
  if (!uid) {
    return [];
  }
  const end = Date.now();
  const { data } = await proxyGet<{ data: JaegerTrace[] }>(uid, '/api/traces', {
    service: 'dagster',
    tags: JSON.stringify({ asset_name: asset }),
    start: String((end - 6 * 3_600_000) * 1000),
    end: String(end * 1000),
    limit: '1',
  });
  const trace = data[0];
  if (!trace) {
    return [];
  }
  const timeRange = { from: end - 6 * 3_600_000, to: end };
  const attributes = trace.spans.map((span) => ({
    id: `span-${span.operationName}`,
    label: `span ${span.operationName} (${span.spanID})`,
    context: {
      attributes: attributeMap(trace.processes[span.processID]?.tags),
      spanAttributes: attributeMap(span.tags),
      timeRange,
      datasource: { type: 'jaeger', uid },
      traceID: trace.traceID,
      spanID: span.spanID,
      spanStartTime: span.startTime / 1000,
    },
  }));
  // grafana/traceview/details passes Profiles Drilldown's context, whatever the span.
  const root = trace.spans.find((s) => s.tags.some((t) => t.key === 'asset_name'));
  const details = {
    id: 'span-details',
    label: `span details of ${root?.operationName ?? trace.spans[0].operationName}`,
    context: {
      serviceName: 'dagster',
      profileTypeId: '',
      spanSelector: root?.spanID ?? '',
      explorationType: 'flame-graph',
      timeRange: RANGE,
      targets: [],
    },
  };
  return [
    {
      extensionPointId: 'grafana/traceview/resource-attributes',
      title: 'Trace view: span attributes',
      cases: attributes,
    },
    { extensionPointId: 'grafana/traceview/details', title: 'Trace view: span details', cases: [details] },
  ];
}

interface PromAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: string;
  activeAt: string;
  value: string;
}

/** The seed rules' alert instances (pending or firing), shaped as Grafana's alert list passes them. */
async function alertCases(): Promise<ExtensionPointCases> {
  const uid = datasourceUid('prometheus');
  const alerts = uid ? (await proxyGet<{ data: { alerts: PromAlert[] } }>(uid, '/api/v1/alerts')).data.alerts : [];
  const instance = (a: PromAlert) => ({
    rule: { name: a.labels.alertname, query: '', labels: {}, annotations: {}, uid: a.labels.alertname },
    instance: { activeAt: a.activeAt, annotations: a.annotations, labels: a.labels, state: a.state, value: a.value },
  });
  const cases = alerts.map((a, i) => ({
    id: `alert-${a.labels.alertname}-${a.labels.asset_name ?? i}`,
    label: `${a.labels.alertname} (${a.state}) ${a.labels.asset_name ?? ''}`.trim(),
    context: instance(a),
  }));
  // An alert about something that is not an asset (Grafana's own heartbeat rule, say).
  cases.push({
    id: 'alert-without-asset',
    label: 'Watchdog (firing), no asset label',
    context: instance({
      labels: { alertname: 'Watchdog' },
      annotations: {},
      state: 'firing',
      activeAt: new Date().toISOString(),
      value: '1',
    }),
  });
  return { extensionPointId: 'grafana/alerting/instance/action', title: 'Alert instances', cases };
}

interface DashboardJson {
  uid: string;
  title: string;
  tags?: string[];
  panels?: Array<{ id: number; type: string; title: string; targets?: object[]; panels?: unknown[] }>;
}

/** Every panel of the plugin's bundled dashboards, as the panel menu's context. */
async function panelCases(pluginId: string, dashboards: string[]): Promise<ExtensionPointCases> {
  const cases: ContextCase[] = [];
  for (const file of dashboards) {
    const dash = await getBackendSrv().get<DashboardJson>(`/public/plugins/${pluginId}/${file}`);
    for (const panel of dash.panels ?? []) {
      if (!panel.targets) {
        continue;
      }
      cases.push({
        id: `panel-${dash.uid}-${panel.id}`,
        label: `${dash.title} › ${panel.title}`,
        context: {
          pluginId: panel.type,
          id: panel.id,
          title: panel.title,
          timeRange: RANGE,
          timeZone: 'browser',
          dashboard: { uid: dash.uid, title: dash.title, tags: dash.tags ?? [] },
          targets: panel.targets,
          scopedVars: {},
        },
      });
    }
  }
  return { extensionPointId: 'grafana/dashboard/panel/menu', title: 'Dashboard panel menu', cases };
}

function exploreCases(asset: string): ExtensionPointCases {
  const pane = (id: string, label: string, targets: object[]) => ({
    id,
    label,
    context: {
      exploreId: 'left',
      targets,
      timeRange: { from: 'now-1h', to: 'now' },
      timeZone: 'browser',
      shouldShowAddCorrelation: false,
    },
  });
  const promUid = datasourceUid('prometheus');
  const lokiUid = datasourceUid('loki');
  const literal = JSON.stringify(asset);
  return {
    extensionPointId: 'grafana/explore/toolbar/action',
    title: 'Explore toolbar',
    cases: [
      pane('explore-one-asset', `Prometheus: runs of ${asset}`, [
        {
          refId: 'A',
          datasource: { type: 'prometheus', uid: promUid },
          expr: `increase(asset_executions_total{asset_name=${literal}}[1h])`,
        },
      ]),
      pane('explore-all-assets', 'Loki: errors of every asset', [
        { refId: 'A', datasource: { type: 'loki', uid: lokiUid }, expr: '{job="dagster"} |= "error"' },
      ]),
    ],
  };
}

/** Every extension point Cascade targets, with its contexts. */
export async function extensionCases(
  pluginId: string,
  asset: string,
  dashboards: string[]
): Promise<ExtensionPointCases[]> {
  const [traces, alerts, panels] = await Promise.all([
    traceCases(asset),
    alertCases(),
    panelCases(pluginId, dashboards),
  ]);
  return [
    ...traces,
    alerts,
    panels,
    exploreCases(asset),
    {
      extensionPointId: 'grafana/commandpalette/action',
      title: 'Command palette',
      cases: [{ id: 'palette', label: 'Command palette', context: {} }],
    },
  ];
}
