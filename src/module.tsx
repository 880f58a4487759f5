import { lazy, Suspense } from 'react';
import { AppPlugin, AppRootProps, ScopedVars } from '@grafana/data';
import { getTemplateSrv } from '@grafana/runtime';
import { LoadingPlaceholder } from '@grafana/ui';
import type { AppConfigProps } from './components/AppConfig/AppConfig';
import { AppSettings } from './types';
import { cascadeLinks } from './extensions/links';

// The entry stays tiny: Grafana loads module.js for every user at startup; pages load on first visit.
const LazyApp = lazy(() => import(/* webpackChunkName: "app" */ './app/App'));
const LazyAppConfig = lazy(() => import(/* webpackChunkName: "config" */ './components/AppConfig/AppConfig'));

function App(props: AppRootProps<AppSettings>) {
  return (
    <Suspense fallback={<LoadingPlaceholder text="Loading Cascade…" />}>
      <LazyApp {...props} />
    </Suspense>
  );
}

function AppConfig(props: AppConfigProps) {
  return (
    <Suspense fallback={<LoadingPlaceholder text="Loading configuration…" />}>
      <LazyAppConfig {...props} />
    </Suspense>
  );
}

export const plugin = new AppPlugin<AppSettings>()
  .setRootPage(App)
  .addConfigPage({ title: 'Configuration', icon: 'cog', body: AppConfig, id: 'configuration' });

// "Open asset in Cascade" in Grafana's trace view, alert list, panel menu, Explore and command palette
// (src/extensions). Dashboard variables in panel queries resolve through Grafana's templateSrv.
for (const link of cascadeLinks((text, scopedVars) => getTemplateSrv().replace(text, scopedVars as ScopedVars))) {
  plugin.addLink(link);
}
