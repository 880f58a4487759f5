/**
 * `/plugins/<pluginId>`: the plugin's configuration page, Admin only (Grafana shows config tabs to
 * org admins). Renders the AppPlugin's `configPages` as tabs (`?page=<id>`, default the first) with
 * Grafana's `{ plugin, query }` props.
 */
import React, { useEffect, useMemo, useState } from 'react';
import { AppPlugin, AppPluginMeta, PluginContextProvider, PluginType } from '@grafana/data';
import { locationSearchToObject } from '@grafana/runtime';
import { Alert } from '@grafana/ui';
import { useLocation, useParams } from 'react-router-dom';
import { useHost } from '../hostContext';
import { importAppPlugin } from '../pluginImporter';
import { usePluginSettings } from '../usePluginSettings';
import { AccessDenied, LoadError, Loading } from './Notices';
import { PageFrame } from './PageFrame';

export function AppConfigPage() {
  const { pluginId = '' } = useParams();
  const { role, setApp } = useHost();
  const location = useLocation();
  const isAdmin = role === 'Admin';
  const settings = usePluginSettings<AppPluginMeta>(isAdmin ? pluginId : undefined);
  const [plugin, setPlugin] = useState<AppPlugin>();
  const [error, setError] = useState<string>();
  const query = useMemo(() => locationSearchToObject(location.search), [location.search]);

  useEffect(() => {
    const meta = settings.meta;
    if (!meta || meta.type !== PluginType.app) {
      return;
    }
    let cancelled = false;
    setApp(meta);
    importAppPlugin(meta).then(
      (p) => !cancelled && setPlugin(p),
      (e: Error) => !cancelled && setError(e.message)
    );
    return () => {
      cancelled = true;
    };
  }, [settings.meta, setApp]);

  if (!isAdmin) {
    return <AccessDenied what="Configuring plugins" role={role} />;
  }
  if (settings.error || error) {
    return <LoadError pluginId={pluginId} error={(settings.error ?? error)!} />;
  }
  if (!settings.meta || (settings.meta.type === PluginType.app && !plugin)) {
    return <Loading text={`Loading ${pluginId}…`} />;
  }
  const meta = settings.meta;
  const pages = plugin?.configPages ?? [];
  const current = pages.find((p) => p.id === query.page) ?? pages[0];
  const pageNav = {
    text: meta.name,
    subTitle: meta.info?.description,
    url: `/plugins/${pluginId}`,
    children: pages.map((p) => ({
      text: p.title,
      icon: p.icon,
      url: `/plugins/${pluginId}?page=${encodeURIComponent(p.id)}`,
      active: p === current,
    })),
  };
  const Body = current?.body;
  return (
    <PageFrame
      pageNav={pageNav}
      info={[
        { label: 'Version', value: meta.info?.version },
        { label: 'Type', value: meta.type },
      ]}
    >
      {Body && plugin ? (
        <PluginContextProvider meta={plugin.meta}>
          <Body plugin={plugin} query={query} />
        </PluginContextProvider>
      ) : (
        <Alert severity="info" title="No configuration pages">
          {meta.name} has no configuration page.
        </Alert>
      )}
    </PageFrame>
  );
}
