/**
 * DataSourceSrv over the provisioned data sources (grafanaBootData.settings.datasources, built by
 * the sandbox server from provisioning/datasources/*.yaml). `get()` instantiates the plugin's own
 * DataSourceClass from its loaded bundle; core types (Prometheus, Loki, Jaeger) have settings
 * only — their frontends are Grafana's — so pickers list them but `get()` rejects.
 */
import {
  DataSourceApi,
  DataSourceInstanceSettings,
  DataSourcePluginMeta,
  DataSourceRef,
  ScopedVars,
} from '@grafana/data';
import type {
  DataSourceSrv,
  GetDataSourceListFilters,
  RuntimeDataSourceRegistration,
  TemplateSrv,
} from '@grafana/runtime';
import { importDataSourcePlugin } from './pluginImporter';

export class SandboxDataSourceSrv implements DataSourceSrv {
  private readonly byUid = new Map<string, DataSourceInstanceSettings>();
  private readonly byName = new Map<string, DataSourceInstanceSettings>();
  private readonly instances = new Map<string, Promise<DataSourceApi>>();

  constructor(
    settings: Record<string, DataSourceInstanceSettings>,
    private readonly templateSrv: TemplateSrv,
    private readonly defaultName?: string
  ) {
    for (const ds of Object.values(settings)) {
      this.byUid.set(ds.uid, ds);
      this.byName.set(ds.name, ds);
    }
  }

  getInstanceSettings(
    ref?: DataSourceRef | string | null,
    scopedVars?: ScopedVars
  ): DataSourceInstanceSettings | undefined {
    if (ref === null || ref === undefined || ref === 'default') {
      return this.byName.get(this.defaultName ?? '') ?? Array.from(this.byUid.values()).find((d) => d.isDefault);
    }
    const key = typeof ref === 'string' ? ref : ref.uid;
    if (!key) {
      return undefined;
    }
    const resolved = this.templateSrv.replace(key, scopedVars);
    return this.byUid.get(resolved) ?? this.byName.get(resolved);
  }

  getList(filters: GetDataSourceListFilters = {}): DataSourceInstanceSettings[] {
    const types = filters.type ? (Array.isArray(filters.type) ? filters.type : [filters.type]) : undefined;
    return Array.from(this.byUid.values())
      .filter((ds) => {
        const meta = ds.meta as DataSourcePluginMeta;
        if (types && !types.includes(ds.type)) {
          return false;
        }
        if (filters.pluginId && meta.id !== filters.pluginId) {
          return false;
        }
        if (filters.metrics && !meta.metrics) {
          return false;
        }
        if (filters.logs && !meta.logs) {
          return false;
        }
        if (filters.tracing && !meta.tracing) {
          return false;
        }
        if (filters.annotations && !meta.annotations) {
          return false;
        }
        if (filters.alerting && !meta.alerting) {
          return false;
        }
        return filters.filter ? filters.filter(ds) : true;
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(ref?: DataSourceRef | string | null, scopedVars?: ScopedVars): Promise<DataSourceApi> {
    const settings = this.getInstanceSettings(ref, scopedVars);
    if (!settings) {
      throw new Error(`Datasource ${JSON.stringify(ref)} was not found`);
    }
    let pending = this.instances.get(settings.uid);
    if (!pending) {
      pending = this.load(settings);
      this.instances.set(settings.uid, pending);
      pending.catch(() => this.instances.delete(settings.uid));
    }
    return pending;
  }

  /** Forgets instances (after a settings save, like Grafana's reload()). */
  async reload(): Promise<void> {
    this.instances.clear();
  }

  /** Replaces one data source's settings (the edit page after a save). */
  update(settings: DataSourceInstanceSettings) {
    this.byUid.set(settings.uid, settings);
    this.byName.set(settings.name, settings);
    this.instances.delete(settings.uid);
  }

  registerRuntimeDataSource(entry: RuntimeDataSourceRegistration): void {
    const ds = entry.dataSource;
    this.byUid.set(ds.uid, ds.instanceSettings);
    this.instances.set(ds.uid, Promise.resolve(ds));
  }

  private async load(settings: DataSourceInstanceSettings): Promise<DataSourceApi> {
    const meta = settings.meta as DataSourcePluginMeta;
    if (!meta.module) {
      throw new Error(
        `Data source plugin "${settings.type}" is not installed: no plugin.json for it under dist/ (run npm run build)`
      );
    }
    if (meta.module.startsWith('core:')) {
      throw new Error(
        `"${settings.name}" is a core Grafana ${settings.type} data source: the sandbox provides its settings and proxy, not its frontend`
      );
    }
    const plugin = await importDataSourcePlugin(meta);
    const instance = new plugin.DataSourceClass(settings);
    instance.components = plugin.components;
    return instance;
  }
}
