/**
 * `/sandbox/load/<pluginId>`: loads any served plugin's module.js through the same SystemJS path
 * and shows what it exports (or why it failed). Used by the tests with fixture bundles; an app
 * plugin's root is rendered too, so the shared externals are exercised at runtime.
 */
import React, { useEffect, useState } from 'react';
import { AppPlugin, PluginContextProvider, PluginMeta } from '@grafana/data';
import { useParams } from 'react-router-dom';
import { importPluginModule } from '../systemjsLoader';
import { hostTestIds } from '../testIds';
import { usePluginSettings } from '../usePluginSettings';
import { LoadError, Loading } from './Notices';
import { PageFrame } from './PageFrame';

export function PluginLoadCheckPage() {
  const { pluginId = '' } = useParams();
  const settings = usePluginSettings<PluginMeta>(pluginId);
  const [exports, setExports] = useState<Record<string, unknown>>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (!settings.meta) {
      return;
    }
    let cancelled = false;
    const meta = settings.meta;
    importPluginModule(meta.module).then(
      (e) => {
        if (e.plugin instanceof AppPlugin) {
          e.plugin.meta = meta as AppPlugin['meta'];
        }
        return !cancelled && setExports(e);
      },
      (e: Error) => !cancelled && setError(e.message)
    );
    return () => {
      cancelled = true;
    };
  }, [settings.meta]);

  if (settings.error || error) {
    return <LoadError pluginId={pluginId} error={(settings.error ?? error)!} />;
  }
  if (!exports || !settings.meta) {
    return <Loading text={`Loading ${pluginId}…`} />;
  }
  const plugin = exports.plugin;
  let root: React.ReactNode = null;
  if (plugin instanceof AppPlugin && plugin.root) {
    const Root = plugin.root;
    root = (
      <PluginContextProvider meta={plugin.meta}>
        <Root
          meta={plugin.meta}
          basename={`/a/${pluginId}`}
          onNavChanged={() => {}}
          query={{}}
          path={`/a/${pluginId}`}
        />
      </PluginContextProvider>
    );
  }
  return (
    <PageFrame pageNav={{ text: `Loaded ${settings.meta.name}` }}>
      <p data-testid={hostTestIds.pluginLoaded} data-exports={Object.keys(exports).sort().join(',')}>
        {settings.meta.module} loaded through SystemJS; exports: {Object.keys(exports).sort().join(', ')}
      </p>
      {root}
    </PageFrame>
  );
}
