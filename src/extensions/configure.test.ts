import {
  dateTime,
  DataQuery,
  LoadingState,
  PanelData,
  PluginExtensionCommandPaletteContext,
  PluginExtensionPanelContext,
  PluginExtensionResourceAttributesContext,
  RawTimeRange,
  TimeZone,
} from '@grafana/data';
import {
  configureAlertInstance,
  configureCommandPalette,
  configureExploreToolbar,
  configurePanelMenu,
  configureTraceSpan,
} from './configure';

// Contexts of the shapes Grafana passes. Where @grafana/data types them, they are typed with those
// types (so a change in Grafana's shape fails the type check); the rest copy Grafana's core types.

const ASSET = 'fct_glucose_readings';
const promTarget = (expr: string) => ({
  refId: 'A',
  datasource: { type: 'prometheus', uid: 'cascade-prometheus' },
  expr,
});

const emptyData: PanelData = {
  state: LoadingState.Done,
  series: [],
  timeRange: { from: dateTime(0), to: dateTime(3_600_000), raw: { from: 'now-1h', to: 'now' } },
};

function panelContext(targets: DataQuery[], timeRange: RawTimeRange = { from: 'now-6h', to: 'now' }) {
  const context: PluginExtensionPanelContext = {
    pluginId: 'timeseries',
    id: 4,
    title: 'Runs and failures',
    timeRange,
    timeZone: 'browser',
    dashboard: { uid: 'cascade-asset', title: 'Cascade / Asset', tags: ['cascade'] },
    targets,
    scopedVars: {},
    data: emptyData,
  };
  return context;
}

/** Grafana's PluginExtensionExploreContext (public/app/features/explore/extensions/ToolbarExtensionPoint.tsx). */
type ExploreContext = {
  exploreId: string;
  targets: DataQuery[];
  data: PanelData;
  timeRange: RawTimeRange;
  timeZone: TimeZone;
  shouldShowAddCorrelation: boolean;
};

/** Grafana's PluginExtensionAlertInstanceContext (…/alerting/unified/…/AlertInstanceExtensionPoint.tsx). */
type AlertInstanceContext = {
  rule?: {
    name: string;
    query: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
    uid?: string;
  };
  instance: {
    activeAt: string;
    annotations: Record<string, string>;
    labels: Record<string, string>;
    state: string;
    value: string;
  };
};

describe('configureTraceSpan (trace view)', () => {
  const spanContext = (spanAttributes: Record<string, string[]>): PluginExtensionResourceAttributesContext => ({
    attributes: { 'service.name': ['dagster'] },
    spanAttributes,
    timeRange: { from: 1_700_000_000_000, to: 1_700_000_600_000 },
    datasource: { type: 'jaeger', uid: 'cascade-jaeger' },
    traceID: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanID: '00f067aa0ba902b7',
    spanStartTime: 1_700_000_100_000,
  });

  it('links a span with the asset attribute to the asset page, over the trace time range', () => {
    expect(configureTraceSpan(spanContext({ asset_name: [ASSET], 'dagster.run_id': ['r1'] }))).toEqual({
      path: `/a/cascade-pipeline-app/assets/${ASSET}?from=1700000000000&to=1700000600000`,
      description: `Open ${ASSET} in Cascade`,
    });
  });

  it('also reads the attribute from the resource (process) attributes', () => {
    const context = { ...spanContext({}), attributes: { asset_name: [ASSET] } };
    expect(configureTraceSpan(context)?.path).toMatch(`/assets/${ASSET}?`);
  });

  it('hides the link for spans without the attribute, and for the span details context (no attributes)', () => {
    expect(configureTraceSpan(spanContext({ 'dagster.run_id': ['r1'] }))).toBeUndefined();
    expect(configureTraceSpan(spanContext({ asset_name: [''] }))).toBeUndefined();
    // What grafana/traceview/details passes: Profiles Drilldown's context.
    const details = {
      serviceName: 'dagster',
      profileTypeId: '',
      spanSelector: '00f067aa0ba902b7',
      explorationType: 'flame-graph',
      timeRange: { from: 'now-1h', to: 'now' },
      targets: [{ datasource: { type: 'grafana-pyroscope-datasource', uid: 'p' } }],
    };
    expect(configureTraceSpan(details)).toBeUndefined();
    expect(configureTraceSpan(undefined)).toBeUndefined();
  });

  it('escapes the asset in the path', () => {
    expect(configureTraceSpan(spanContext({ asset_name: ['a/b?c'] }))?.path).toMatch('/assets/a%2Fb%3Fc?');
  });
});

describe('configureAlertInstance (alert instances)', () => {
  // An instance of the provisioned DatasetFreshness rule (provisioning/alerting/cascade.yaml).
  const alert = (labels: Record<string, string>, activeAt = '2026-12-05T03:00:00Z'): AlertInstanceContext => ({
    rule: {
      name: 'DatasetFreshness',
      query: '',
      labels: { pipeline: 'cascade' },
      annotations: {},
      uid: 'cascade-dataset-freshness',
    },
    instance: {
      activeAt,
      annotations: { summary: `Dataset ${labels.asset_name} is stale` },
      labels: { alertname: 'DatasetFreshness', grafana_folder: 'Cascade', pipeline: 'cascade', ...labels },
      state: 'Alerting',
      value: '3',
    },
  });

  it('links an alert with the asset label to the asset page, from an hour before it fired', () => {
    const from = Date.parse('2026-12-05T02:00:00Z');
    expect(configureAlertInstance(alert({ asset_name: ASSET }))).toEqual({
      path: `/a/cascade-pipeline-app/assets/${ASSET}?from=${from}&to=now`,
      description: `Open ${ASSET} in Cascade`,
    });
  });

  it('keeps no time range for an instance that never fired (Grafana reports year 1)', () => {
    expect(configureAlertInstance(alert({ asset_name: ASSET }, '0001-01-01T00:00:00Z'))?.path).toBe(
      `/a/cascade-pipeline-app/assets/${ASSET}`
    );
  });

  it('hides the link for alerts without the asset label', () => {
    expect(configureAlertInstance(alert({ instance: 'node-1' }))).toBeUndefined();
    expect(configureAlertInstance(undefined)).toBeUndefined();
  });
});

describe('configurePanelMenu (dashboard panels)', () => {
  it('links a panel whose queries name one asset, keeping the dashboard time range', () => {
    const context = panelContext([promTarget(`rate(asset_executions_total{asset_name="${ASSET}"}[5m])`)]);
    expect(configurePanelMenu(context)).toEqual({
      path: `/a/cascade-pipeline-app/assets/${ASSET}?from=now-6h&to=now`,
      description: `Open ${ASSET} in Cascade`,
    });
  });

  it('uses absolute times as epoch milliseconds', () => {
    const context = panelContext([promTarget(`x{asset_name="${ASSET}"}`)], {
      from: dateTime(1_700_000_000_000),
      to: dateTime(1_700_000_600_000),
    });
    expect(configurePanelMenu(context)?.path).toBe(
      `/a/cascade-pipeline-app/assets/${ASSET}?from=1700000000000&to=1700000600000`
    );
  });

  it('resolves dashboard variables through the interpolation it is given', () => {
    const cascadeQuery = {
      refId: 'A',
      datasource: { type: 'cascade-pipeline-datasource', uid: 'cascade' },
      queryType: 'health',
      assets: ['$asset'],
    };
    const context = panelContext([cascadeQuery]);
    expect(configurePanelMenu(context, (t) => t.replace('$asset', ASSET))?.path).toMatch(`/assets/${ASSET}?`);
    expect(configurePanelMenu(context)).toBeUndefined();
  });

  it('hides the link for panels over several assets or all of them', () => {
    expect(configurePanelMenu(panelContext([promTarget('sum(rate(asset_executions_total[5m]))')]))).toBeUndefined();
    expect(
      configurePanelMenu(panelContext([promTarget('x{asset_name="a"}'), promTarget('x{asset_name="b"}')]))
    ).toBeUndefined();
  });
});

describe('configureExploreToolbar (Explore)', () => {
  const explore = (targets: DataQuery[]): ExploreContext => ({
    exploreId: 'left',
    targets,
    data: emptyData,
    timeRange: { from: 'now-1h', to: 'now' },
    timeZone: 'browser',
    shouldShowAddCorrelation: false,
  });

  it('links when the pane queries one asset, as in the panel menu', () => {
    const loki = {
      refId: 'A',
      datasource: { type: 'loki', uid: 'cascade-loki' },
      expr: `{job="dagster", asset_name="${ASSET}"}`,
    };
    expect(configureExploreToolbar(explore([loki]))?.path).toBe(
      `/a/cascade-pipeline-app/assets/${ASSET}?from=now-1h&to=now`
    );
    expect(configureExploreToolbar(explore([]))).toBeUndefined();
  });
});

describe('configureCommandPalette', () => {
  it('opens the asset list with its search box focused, whatever the context', () => {
    const context: PluginExtensionCommandPaletteContext = {};
    expect(context).toEqual({});
    expect(configureCommandPalette()).toEqual({ path: '/a/cascade-pipeline-app/assets?focus=search' });
  });
});
