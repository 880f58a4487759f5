/**
 * `/a/<pluginId>/*`: loads the app's settings and bundle like Grafana's AppRootPage, then renders
 * the app root with Grafana's props inside PluginContextProvider. Include pages that declare a
 * higher role than the user's are refused, as Grafana's nav and route guard do.
 */
import React, { useEffect, useMemo, useState } from 'react';
import { AppPlugin, AppPluginMeta, PluginContextProvider, NavModel } from '@grafana/data';
import { locationSearchToObject } from '@grafana/runtime';
import { useLocation, useParams } from 'react-router-dom';
import { hasRole, useHost } from '../hostContext';
import { importAppPlugin } from '../pluginImporter';
import { usePluginSettings } from '../usePluginSettings';
import { AccessDenied, LoadError, Loading } from './Notices';
import { matchInclude, PageFrame } from './PageFrame';

export function AppRootPage() {
  const { pluginId = '' } = useParams();
  const location = useLocation();
  const { role, setApp } = useHost();
  const settings = usePluginSettings<AppPluginMeta>(pluginId);
  const [plugin, setPlugin] = useState<AppPlugin>();
  const [error, setError] = useState<string>();
  const [nav, setNav] = useState<NavModel>();

  useEffect(() => {
    if (!settings.meta) {
      return;
    }
    let cancelled = false;
    setApp(settings.meta);
    importAppPlugin(settings.meta).then(
      (p) => !cancelled && setPlugin(p),
      (e: Error) => !cancelled && setError(e.message)
    );
    return () => {
      cancelled = true;
    };
  }, [settings.meta, setApp]);

  const query = useMemo(() => locationSearchToObject(location.search), [location.search]);
  const include = matchInclude(settings.meta?.includes, location.pathname);

  if (settings.error) {
    return <LoadError pluginId={pluginId} error={settings.error} />;
  }
  if (error) {
    return <LoadError pluginId={pluginId} error={error} />;
  }
  if (settings.meta && !settings.meta.enabled) {
    return <LoadError pluginId={pluginId} error="App is not enabled: enable it on its configuration page." />;
  }
  if (include && !hasRole(role, include.role)) {
    return <AccessDenied what={`The "${include.name}" page`} role={role} />;
  }
  if (!plugin?.root || !settings.meta) {
    return <Loading text={`Loading ${pluginId}…`} />;
  }
  const Root = plugin.root;
  const root = (
    <PluginContextProvider meta={plugin.meta}>
      <Root
        meta={plugin.meta}
        basename={`/a/${pluginId}`}
        onNavChanged={setNav}
        query={query}
        path={location.pathname}
      />
    </PluginContextProvider>
  );
  // Legacy apps that report a nav model get Grafana's managed frame; PluginPage users frame themselves.
  return nav ? <PageFrame pageNav={nav.node}>{root}</PageFrame> : root;
}
