/**
 * `window.grafanaBootData`, built per request like Grafana's index.html handler does: the signed-in
 * user (role from the sandbox's `?role=` login, theme from preferences), and the frontend settings
 * (`datasources` keyed by name with proxy URLs, `apps`, build info, `appSubUrl: ''`).
 */
import type { PluginJson, PluginMetaDto } from './plugins';
import type { ProvisionedDatasource } from './provisioning';

export type OrgRole = 'Viewer' | 'Editor' | 'Admin';
export type ThemeId = 'dark' | 'light';

export const GRAFANA_VERSION = '13.2.3';

/** Core data source types the sandbox knows by name; their frontends are Grafana's, not served. */
const CORE_DS: Record<string, { name: string; metrics?: boolean; logs?: boolean; tracing?: boolean }> = {
  prometheus: { name: 'Prometheus', metrics: true },
  loki: { name: 'Loki', logs: true, metrics: true },
  jaeger: { name: 'Jaeger', tracing: true },
  tempo: { name: 'Tempo', tracing: true },
};

const PERMISSIONS: Record<OrgRole, Record<string, boolean>> = {
  Viewer: { 'datasources:query': true, 'plugins.app:access': true },
  Editor: { 'datasources:query': true, 'datasources:explore': true, 'plugins.app:access': true },
  Admin: {
    'datasources:query': true,
    'datasources:explore': true,
    'datasources:read': true,
    'datasources:write': true,
    'plugins:write': true,
    'plugins.app:access': true,
  },
};

/** Meta for a data source type: the served plugin's meta, or a settings-only core stand-in. */
function datasourceMeta(type: string, plugins: Map<string, { json: PluginJson; meta: PluginMetaDto }>) {
  const served = plugins.get(type);
  if (served) {
    return served.meta;
  }
  const core = CORE_DS[type] ?? { name: type };
  const baseUrl = `public/app/plugins/datasource/${type}`;
  // A type that is neither core nor served: its plugin is not installed (dist/ not built?).
  const module = CORE_DS[type] ? `core:plugin/${type}` : '';
  return {
    id: type,
    type: 'datasource',
    name: core.name,
    info: {
      author: { name: 'Grafana Labs' },
      description: `${core.name} (Grafana core data source)`,
      links: [],
      logos: { small: `${baseUrl}/img/logo.svg`, large: `${baseUrl}/img/logo.svg` },
      screenshots: [],
      updated: '',
      version: '',
    },
    module,
    baseUrl,
    metrics: Boolean(core.metrics),
    logs: Boolean(core.logs),
    tracing: Boolean(core.tracing),
    annotations: true,
    alerting: Boolean(core.metrics),
    builtIn: false,
  };
}

/** DataSourceInstanceSettings as Grafana's frontend settings carry them (no secrets, proxy URL). */
export function instanceSettings(
  ds: ProvisionedDatasource,
  plugins: Map<string, { json: PluginJson; meta: PluginMetaDto }>
) {
  return {
    id: ds.id,
    uid: ds.uid,
    type: ds.type,
    name: ds.name,
    meta: datasourceMeta(ds.type, plugins),
    url: ds.access === 'direct' ? ds.url : `/api/datasources/proxy/uid/${ds.uid}`,
    isDefault: ds.isDefault,
    access: ds.access,
    jsonData: ds.jsonData,
    readOnly: ds.readOnly,
    database: ds.database,
    basicAuth: ds.basicAuth ? 'true' : undefined,
    withCredentials: ds.withCredentials,
    cachingConfig: { enabled: false, TTLMs: 0 },
  };
}

export interface BootDataInput {
  role: OrgRole;
  theme: ThemeId;
  appUrl: string;
  datasources: ProvisionedDatasource[];
  plugins: Map<string, { json: PluginJson; meta: PluginMetaDto }>;
}

export function buildBootData({ role, theme, appUrl, datasources, plugins }: BootDataInput) {
  const byName: Record<string, ReturnType<typeof instanceSettings>> = {};
  for (const ds of datasources) {
    byName[ds.name] = instanceSettings(ds, plugins);
  }
  const defaultDs = datasources.find((d) => d.isDefault) ?? datasources[0];
  const apps: Record<string, unknown> = {};
  for (const { json, meta } of plugins.values()) {
    if (json.type === 'app' && meta.enabled) {
      apps[json.id] = {
        id: json.id,
        path: meta.module,
        version: json.info?.version ?? '',
        preload: false,
        angular: { detected: false, hideDeprecation: false },
        loadingStrategy: 'script',
        extensions: meta.extensions,
        dependencies: { grafanaVersion: '*', plugins: [], extensions: { exposedComponents: [] }, ...json.dependencies },
      };
    }
  }
  const user = {
    id: 1,
    uid: 'sandbox-user',
    login: role.toLowerCase(),
    email: `${role.toLowerCase()}@sandbox.invalid`,
    name: `Sandbox ${role}`,
    orgId: 1,
    orgName: 'Main Org.',
    orgRole: role,
    orgCount: 1,
    isGrafanaAdmin: role === 'Admin',
    isSignedIn: true,
    theme,
    lightTheme: theme === 'light',
    timezone: 'browser',
    weekStart: '',
    locale: 'en-US',
    language: 'en-US',
    regionalFormat: 'en-US',
    gravatarUrl: '',
    hasEditPermissionInFolders: role !== 'Viewer',
    helpFlags1: 0,
    externalUserId: '',
    permissions: PERMISSIONS[role],
    analytics: { identifier: 'sandbox' },
  };
  return {
    user,
    settings: {
      appUrl,
      appSubUrl: '',
      appTitle: 'Grafana',
      windowTitlePrefix: 'Cascade sandbox - ',
      datasources: byName,
      defaultDatasource: defaultDs?.name ?? '',
      apps,
      panels: {},
      featureToggles: {},
      buildInfo: {
        version: GRAFANA_VERSION,
        commit: 'sandbox',
        env: 'production',
        edition: 'Open Source',
        latestVersion: '',
        hasUpdate: false,
        hideVersion: false,
        versionString: `Grafana v${GRAFANA_VERSION} (sandbox)`,
      },
      licenseInfo: { stateInfo: '', licenseUrl: '' },
      exploreEnabled: true,
      helpEnabled: false,
      profileEnabled: false,
      newsFeedEnabled: false,
      liveEnabled: false,
      analytics: { enabled: false },
      reporting: { enabled: false },
      unifiedAlertingEnabled: false,
      rbacEnabled: true,
      pluginAdminEnabled: false,
      dateFormats: undefined,
    },
    navTree: [],
    assets: { dark: '', light: '' },
    isSandbox: true,
  };
}

/** Inline-script-safe JSON (no `</script>`, no U+2028/2029). */
export function safeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
