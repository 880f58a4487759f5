/**
 * What Grafana sets up before any plugin code runs: i18n, app events, echo, BackendSrv,
 * TemplateSrv, DataSourceSrv, PluginPage, and the SystemJS registry of shared externals.
 * `window.grafanaBootData` was set by the page before this bundle (and @grafana/runtime) loaded.
 */
import { AppEvents, DataSourceInstanceSettings, EventBusSrv } from '@grafana/data';
import {
  config,
  EchoBackend,
  EchoEvent,
  EchoSrv,
  getAppEvents,
  locationService,
  setAppEvents,
  setBackendSrv,
  setDataSourceSrv,
  setEchoSrv,
  setTemplateSrv,
} from '@grafana/runtime';
import { initializeI18n } from 'sandbox-internal/i18n';
import { setPluginPage } from 'sandbox-internal/runtime-plugin-page';
import { FetchBackendSrv } from '../shared/fetchBackendSrv';
import { MapTemplateSrv, variablesFromSearch } from '../shared/templateSrv';
import { PageFrame } from './components/PageFrame';
import { SandboxDataSourceSrv } from './dataSourceSrv';
import { grafanaOnlyDependencies, sharedDependencies } from './sharedDependencies';
import { registerSharedDependencies } from './systemjsLoader';

/** Grafana's analytics sink; the sandbox records nothing. */
class SilentEchoSrv implements EchoSrv {
  flush() {}
  addBackend(_backend: EchoBackend) {}
  addEvent<T extends EchoEvent>(_event: Omit<T, 'meta'>) {}
  onInteraction(_name: string, _callback: (properties: Record<string, unknown>) => void) {
    return () => {};
  }
}

export async function bootstrap() {
  await initializeI18n({ language: 'en-US', ns: ['grafana'] });
  setAppEvents(new EventBusSrv());
  setEchoSrv(new SilentEchoSrv());

  const alert = (type: string, payload: string[]) => getAppEvents().publish({ type, payload } as never);
  setBackendSrv(
    new FetchBackendSrv({
      headers: { 'X-Grafana-Org-Id': String(config.bootData.user.orgId ?? 1) },
      onErrorAlert: (message) => alert(AppEvents.alertError.name, [message]),
      onSuccessAlert: (message) => alert(AppEvents.alertSuccess.name, [message]),
    })
  );

  // Variables come from `var-<name>` URL parameters, like a dashboard's.
  const templateSrv = new MapTemplateSrv(variablesFromSearch(window.location.search));
  locationService.getLocationObservable().subscribe((loc) => templateSrv.setVariables(variablesFromSearch(loc.search)));
  setTemplateSrv(templateSrv);

  const datasources = config.datasources as Record<string, DataSourceInstanceSettings>;
  setDataSourceSrv(new SandboxDataSourceSrv(datasources, templateSrv, config.defaultDatasource));
  setPluginPage(PageFrame);
  registerSharedDependencies(sharedDependencies, grafanaOnlyDependencies);
}
