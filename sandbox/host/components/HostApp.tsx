/**
 * The host's React tree: theme (switchable at runtime, like Grafana's ThemeChangedEvent), the
 * router on locationService's history (react-router v6 over Grafana's history wrapper), the
 * chrome, and Grafana's routes for app pages, plugin config pages and data source edit pages.
 */
import React, { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { AppPluginMeta, getThemeById, PluginInclude, ThemeContext } from '@grafana/data';
import {
  config,
  getAppEvents,
  getBackendSrv,
  locationService,
  LocationServiceProvider,
  ThemeChangedEvent,
} from '@grafana/runtime';
import { GlobalStyles } from '@grafana/ui';
import { Navigate, Navigator, Route, Router, Routes, useLocation } from 'react-router-dom';
import { HostContext, OrgRole, ThemeId } from '../hostContext';
import { AppConfigPage } from './AppConfigPage';
import { AppRootPage } from './AppRootPage';
import { DataSourceEditPage } from './DataSourceEditPage';
import { ExplorePage } from './ExplorePage';
import { ExtensionsPage } from './ExtensionsPage';
import { AnnotationsPage } from './AnnotationsPage';
import { HostChrome } from './HostChrome';
import { LoadError } from './Notices';
import { PluginLoadCheckPage } from './PluginLoadCheckPage';
import { Toasts } from './Toasts';

/** react-router v6 driven by locationService's history, so plugin navigation and Links agree. */
function HostRouter({ children }: { children: React.ReactNode }) {
  const history = locationService.getHistory();
  const [location, setLocation] = useState(history.location);
  useLayoutEffect(() => history.listen((loc: typeof history.location) => setLocation(loc)), [history]);
  return (
    <Router location={location} navigator={history as unknown as Navigator}>
      <LocationServiceProvider service={locationService}>{children}</LocationServiceProvider>
    </Router>
  );
}

/** locationService.reload() bumps `routeReloadCounter` in the history state: remount the page. */
function ReloadBoundary({ children }: { children: React.ReactNode }) {
  const { state } = useLocation();
  const counter = (state as { routeReloadCounter?: number } | null)?.routeReloadCounter ?? 0;
  return <React.Fragment key={counter}>{children}</React.Fragment>;
}

function applyTheme(id: ThemeId) {
  const theme2 = getThemeById(id);
  config.theme2 = theme2;
  config.theme = theme2.v1;
  config.bootData.user.theme = id;
  config.bootData.user.lightTheme = theme2.isLight;
  document.body.classList.remove('theme-dark', 'theme-light');
  document.body.classList.add(`theme-${theme2.isLight ? 'light' : 'dark'}`);
  return theme2;
}

export interface HostAppProps {
  /** The first enabled app (what `/` opens), with its includes for the nav. */
  defaultApp?: {
    id: string;
    includes: PluginInclude[];
    defaultNavUrl?: string;
  };
}

export function HostApp({ defaultApp }: HostAppProps) {
  const role = (config.bootData.user.orgRole || 'Viewer') as OrgRole;
  const [themeId, setThemeId] = useState<ThemeId>(config.theme2.isLight ? 'light' : 'dark');
  const [app, setApp] = useState<AppPluginMeta>();
  const theme = useMemo(() => applyTheme(themeId), [themeId]);

  const setTheme = useCallback((next: ThemeId) => {
    setThemeId(next);
    // Persisted like Grafana's preference; the page re-renders without reloading.
    getBackendSrv()
      .put('/api/user/preferences', { theme: next }, { showSuccessAlert: false })
      .catch(() => {});
  }, []);
  useEffect(() => {
    getAppEvents().publish(new ThemeChangedEvent(theme));
  }, [theme]);

  const host = useMemo(() => ({ role, theme: themeId, setTheme, app, setApp }), [role, themeId, setTheme, app]);
  const home = defaultApp?.defaultNavUrl ?? (defaultApp ? `/a/${defaultApp.id}` : undefined);

  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <HostContext.Provider value={host}>
        <HostRouter>
          <HostChrome navItems={app?.includes ?? defaultApp?.includes ?? []}>
            <ReloadBoundary>
              <Routes>
                <Route
                  path="/"
                  element={
                    home ? (
                      <Navigate to={home} replace />
                    ) : (
                      <LoadError pluginId="(none)" error="No app plugin is enabled." />
                    )
                  }
                />
                <Route path="/a/:pluginId/*" element={<AppRootPage />} />
                <Route path="/plugins/:pluginId" element={<AppConfigPage />} />
                <Route path="/connections/datasources/edit/:uid" element={<DataSourceEditPage />} />
                <Route path="/sandbox/load/:pluginId" element={<PluginLoadCheckPage />} />
                <Route path="/sandbox/extensions" element={<ExtensionsPage />} />
                <Route path="/sandbox/annotations" element={<AnnotationsPage />} />
                <Route path="/explore" element={<ExplorePage />} />
                <Route
                  path="*"
                  element={<LoadError pluginId="(host)" error={`Page not found: ${window.location.pathname}`} />}
                />
              </Routes>
            </ReloadBoundary>
          </HostChrome>
          <Toasts />
        </HostRouter>
      </HostContext.Provider>
    </ThemeContext.Provider>
  );
}
