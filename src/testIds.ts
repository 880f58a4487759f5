/**
 * Test ids shared by Jest (Testing Library), the sandbox browser tests and the Grafana
 * plugin-e2e specs, so every suite targets the same UI. Add ids here, never inline.
 */
export const testIds = {
  appConfig: {
    container: 'data-testid cascade-app-config',
    datasource: 'data-testid cascade-app-config-datasource',
    slaWarning: 'data-testid cascade-app-config-sla-warning',
    slaCritical: 'data-testid cascade-app-config-sla-critical',
    passRate: 'data-testid cascade-app-config-pass-rate',
    errorRate: 'data-testid cascade-app-config-error-rate',
    dagsterUrl: 'data-testid cascade-app-config-dagster-url',
    overrides: 'data-testid cascade-app-config-overrides',
    submit: 'data-testid cascade-app-config-submit',
  },
  datasource: {
    configEditor: 'data-testid cascade-ds-config',
    queryEditor: 'data-testid cascade-ds-query-editor',
    queryType: 'data-testid cascade-ds-query-type',
    assets: 'data-testid cascade-ds-query-assets',
  },
  overview: {
    container: 'data-testid cascade-overview',
    pipelineStatus: 'data-testid cascade-overview-status',
    freshness: 'data-testid cascade-overview-freshness',
    quality: 'data-testid cascade-overview-quality',
    executionTimes: 'data-testid cascade-overview-execution-times',
    checks: 'data-testid cascade-overview-checks',
    alerts: 'data-testid cascade-overview-alerts',
    resources: 'data-testid cascade-overview-resources',
  },
  lineage: {
    container: 'data-testid cascade-lineage',
    graph: 'data-testid cascade-lineage-graph',
    search: 'data-testid cascade-lineage-search',
    node: (asset: string) => `data-testid cascade-lineage-node ${asset}`,
    list: 'data-testid cascade-lineage-list',
    details: 'data-testid cascade-lineage-details',
    impact: 'data-testid cascade-lineage-impact',
    depth: 'data-testid cascade-lineage-depth',
    zoomToMatches: 'data-testid cascade-lineage-zoom-to-matches',
  },
  freshness: {
    container: 'data-testid cascade-freshness',
    gauge: (asset: string) => `data-testid cascade-freshness-gauge ${asset}`,
  },
  asset: {
    container: 'data-testid cascade-asset',
    status: 'data-testid cascade-asset-status',
    runs: 'data-testid cascade-asset-runs',
    logs: 'data-testid cascade-asset-logs',
    traces: 'data-testid cascade-asset-traces',
  },
  trace: {
    container: 'data-testid cascade-trace',
    search: 'data-testid cascade-trace-search',
    waterfall: 'data-testid cascade-trace-waterfall',
    span: (spanId: string) => `data-testid cascade-trace-span ${spanId}`,
    log: 'data-testid cascade-trace-log',
    recent: 'data-testid cascade-trace-recent',
    details: 'data-testid cascade-trace-details',
    filter: 'data-testid cascade-trace-filter',
    summary: 'data-testid cascade-trace-summary',
    toggle: (spanId: string) => `data-testid cascade-trace-toggle ${spanId}`,
  },
  sourceError: (source: string) => `data-testid cascade-source-error ${source}`,
};
