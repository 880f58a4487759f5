import { lazy, ReactNode, Suspense } from 'react';
import { Route, Routes } from 'react-router-dom';
import { AppRootProps } from '@grafana/data';
import { ErrorBoundaryAlert, LoadingPlaceholder } from '@grafana/ui';
import { ROUTES } from '../constants';
import { AppSettings } from '../types';

// Each page is its own chunk: opening the overview does not download the lineage layout or the trace viewer.
const OverviewPage = lazy(() => import(/* webpackChunkName: "overview" */ '../pages/OverviewPage'));
const LineagePage = lazy(() => import(/* webpackChunkName: "lineage" */ '../pages/LineagePage'));
const FreshnessPage = lazy(() => import(/* webpackChunkName: "freshness" */ '../pages/FreshnessPage'));
const AssetsPage = lazy(() => import(/* webpackChunkName: "assets" */ '../pages/AssetsPage'));
const AssetPage = lazy(() => import(/* webpackChunkName: "asset" */ '../pages/AssetPage'));
const TracePage = lazy(() => import(/* webpackChunkName: "trace" */ '../pages/TracePage'));
const ComparePage = lazy(() => import(/* webpackChunkName: "compare" */ '../pages/ComparePage'));

/** A page behind an error boundary (one page's crash never takes the app down) and its loading state. */
function Page({ children }: { children: ReactNode }) {
  return (
    <ErrorBoundaryAlert title="This Cascade page failed to render">
      <Suspense fallback={<LoadingPlaceholder text="Loading page…" />}>{children}</Suspense>
    </ErrorBoundaryAlert>
  );
}

/** The app root: routes relative to /a/cascade-pipeline-app (plugin.json `includes` list the same pages). */
export default function App(_props: AppRootProps<AppSettings>) {
  return (
    <Routes>
      <Route
        path={ROUTES.Overview}
        element={
          <Page>
            <OverviewPage />
          </Page>
        }
      />
      <Route
        path={ROUTES.Lineage}
        element={
          <Page>
            <LineagePage />
          </Page>
        }
      />
      <Route
        path={ROUTES.Freshness}
        element={
          <Page>
            <FreshnessPage />
          </Page>
        }
      />
      <Route
        path={ROUTES.Assets}
        element={
          <Page>
            <AssetsPage />
          </Page>
        }
      />
      <Route
        path={`${ROUTES.Assets}/:asset`}
        element={
          <Page>
            <AssetPage />
          </Page>
        }
      />
      <Route
        path={ROUTES.Traces}
        element={
          <Page>
            <TracePage />
          </Page>
        }
      />
      <Route
        path={`${ROUTES.Traces}/:traceId`}
        element={
          <Page>
            <TracePage />
          </Page>
        }
      />
      <Route
        path={ROUTES.Compare}
        element={
          <Page>
            <ComparePage />
          </Page>
        }
      />
      <Route
        path="*"
        element={
          <Page>
            <OverviewPage />
          </Page>
        }
      />
    </Routes>
  );
}
