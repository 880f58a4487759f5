/**
 * Grafana's importAppPlugin / importDataSourcePlugin over the SystemJS loader: the module's
 * `plugin` export gets the meta, app plugins are initialised with it. Wrong exports fail loudly.
 */
import { AppPlugin, AppPluginMeta, DataSourcePlugin, DataSourcePluginMeta } from '@grafana/data';
import { importPluginModule, PluginLoadError } from './systemjsLoader';

const apps = new Map<string, Promise<AppPlugin>>();
const datasources = new Map<string, Promise<DataSourcePlugin<any, any, any, any>>>();

/** Loads (once) and (re)initialises an app plugin with the given meta, as Grafana does per page. */
export async function importAppPlugin(meta: AppPluginMeta): Promise<AppPlugin> {
  let pending = apps.get(meta.id);
  if (!pending) {
    pending = importPluginModule(meta.module).then((exports) => {
      const plugin = exports.plugin;
      if (!(plugin instanceof AppPlugin)) {
        throw new PluginLoadError(`${meta.module} does not export an AppPlugin named "plugin"`, meta.module);
      }
      plugin.setComponentsFromLegacyExports(exports);
      return plugin;
    });
    apps.set(meta.id, pending);
    pending.catch(() => apps.delete(meta.id));
  }
  const plugin = await pending;
  plugin.meta = meta;
  plugin.init(meta);
  return plugin;
}

/** Loads (once) a data source plugin's module and sets its meta. */
export async function importDataSourcePlugin(
  meta: DataSourcePluginMeta
): Promise<DataSourcePlugin<any, any, any, any>> {
  let pending = datasources.get(meta.id);
  if (!pending) {
    pending = importPluginModule(meta.module).then((exports) => {
      const plugin = exports.plugin;
      if (!(plugin instanceof DataSourcePlugin) || !plugin.DataSourceClass) {
        throw new PluginLoadError(`${meta.module} does not export a DataSourcePlugin named "plugin"`, meta.module);
      }
      return plugin;
    });
    datasources.set(meta.id, pending);
    pending.catch(() => datasources.delete(meta.id));
  }
  const plugin = await pending;
  plugin.meta = meta;
  return plugin;
}
