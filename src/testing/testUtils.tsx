/**
 * Test helpers for pages and components (imported only by *.test.tsx files, never by the app).
 *
 * Pages get their data from a fake Cascade data source whose `query()` answers each target with
 * frames built by the real data source's frame builders (src/services/frames.ts, signalFrames.ts),
 * so pages are tested against exactly the frames `query()` produces. Grafana services that only
 * exist inside a running Grafana (the data source registry, the backend) are installed with
 * Grafana's own setters; routing runs on the real `locationService` history.
 */
import { ReactElement, ReactNode, useLayoutEffect, useState } from 'react';
import { Route, Router, Routes } from 'react-router-dom';
import { render, RenderResult } from '@testing-library/react';
import {
  AppPluginMeta,
  DataFrame,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  LoadingState,
  PluginContextProvider,
  PluginType,
} from '@grafana/data';
import { DataSourceSrv, locationService, setDataSourceSrv } from '@grafana/runtime';
import { merge, Observable, of } from 'rxjs';
import { DATASOURCE_TYPE, PLUGIN_BASE_URL, PLUGIN_ID } from '../constants';
import { Backend, CascadeQueryError } from '../model';
import { CascadeDataSourceOptions, CascadeQuery, CascadeQueryType } from '../datasource/types';
import { AppSettings } from '../types';

// jsdom has no canvas; @grafana/ui sizes text (BigValue, BarGauge) with a 2D context's measureText.
// A width estimate is all layout needs here; the real rendering is checked in Chromium.
HTMLCanvasElement.prototype.getContext = function getContext() {
  return {
    font: '',
    measureText: (text: string) => ({
      width: text.length * 7,
      actualBoundingBoxAscent: 10,
      actualBoundingBoxDescent: 3,
    }),
  };
} as unknown as typeof HTMLCanvasElement.prototype.getContext;

// jsdom has no IntersectionObserver either (Grafana's Select menus use it); nothing is ever "visible".
if (typeof window.IntersectionObserver === 'undefined') {
  window.IntersectionObserver = class {
    readonly root = null;
    readonly rootMargin = '';
    readonly thresholds = [];
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  } as unknown as typeof IntersectionObserver;
}

/** What one target of a given query type answers: frames, or a backend failure. */
export type TargetAnswer =
  DataFrame[] | { error: string; backend?: Backend; data?: DataFrame[] } | Observable<DataQueryResponse>;
export type Handlers = Partial<
  Record<CascadeQueryType, (target: CascadeQuery, request: DataQueryRequest<CascadeQuery>) => TargetAnswer>
>;

export const DEFAULT_JSON: CascadeDataSourceOptions = {
  prometheusUid: 'prom-uid',
  lokiUid: 'loki-uid',
  jaegerUid: 'jaeger-uid',
};

/** A Cascade data source stand-in: records requests and answers per target like the real router (one packet per target). */
export class FakeCascadeDataSource extends DataSourceApi<CascadeQuery, CascadeDataSourceOptions> {
  requests: Array<DataQueryRequest<CascadeQuery>> = [];
  readonly settings: DataSourceInstanceSettings<CascadeDataSourceOptions>;

  constructor(
    private readonly handlers: Handlers,
    jsonData: CascadeDataSourceOptions = DEFAULT_JSON,
    uid = 'cascade',
    name = 'Cascade'
  ) {
    const settings: DataSourceInstanceSettings<CascadeDataSourceOptions> = {
      uid,
      id: 1,
      name,
      type: DATASOURCE_TYPE,
      jsonData,
      access: 'proxy',
      readOnly: false,
      meta: {
        id: DATASOURCE_TYPE,
        name: 'Cascade',
        type: PluginType.datasource,
        info: { logos: { small: 'public/plugins/cascade-pipeline-app/datasource/img/logo.svg', large: '' } },
      } as DataSourceInstanceSettings['meta'],
    };
    super(settings);
    this.settings = settings;
  }

  /** Targets of all requests so far with the given query type. */
  targets(queryType?: CascadeQueryType): CascadeQuery[] {
    return this.requests.flatMap((r) => r.targets).filter((t) => !queryType || t.queryType === queryType);
  }

  query(request: DataQueryRequest<CascadeQuery>): Observable<DataQueryResponse> {
    this.requests.push(request);
    const packets = request.targets.map((t) => {
      const key = `${t.refId}:${t.queryType}`;
      const handler = this.handlers[t.queryType];
      if (!handler) {
        return of<DataQueryResponse>({ key, state: LoadingState.Done, data: [] });
      }
      const answer = handler(t, request);
      if (answer instanceof Observable) {
        return answer;
      }
      if (Array.isArray(answer)) {
        return of<DataQueryResponse>({ key, state: LoadingState.Done, data: answer });
      }
      const error: CascadeQueryError = { message: answer.error, backend: answer.backend, refId: t.refId };
      return of<DataQueryResponse>({ key, state: LoadingState.Done, data: answer.data ?? [], errors: [error] });
    });
    return merge(...packets);
  }

  async testDatasource() {
    return { status: 'success', message: 'ok' };
  }
}

/** Registers data sources with Grafana's data source service (which only exists inside Grafana). */
export function installDataSources(...sources: FakeCascadeDataSource[]): void {
  const byUid = new Map(sources.map((s) => [s.uid, s]));
  const settings = (s: FakeCascadeDataSource) => s.settings as unknown as DataSourceInstanceSettings;
  const srv: DataSourceSrv = {
    get: async (ref): Promise<DataSourceApi> => {
      const uid = typeof ref === 'string' ? ref : ref?.uid;
      const ds = uid ? byUid.get(uid) : sources[0];
      if (!ds) {
        throw new Error(`Data source ${uid} was not found`);
      }
      return ds as unknown as DataSourceApi;
    },
    getList: (filters) =>
      sources
        .map(settings)
        .filter(
          (s) =>
            !filters?.type || s.type === filters.type || (Array.isArray(filters.type) && filters.type.includes(s.type))
        ),
    getInstanceSettings: (ref) => {
      const uid = typeof ref === 'string' ? ref : ref?.uid;
      const ds = uid ? byUid.get(uid) : sources[0];
      return ds ? settings(ds) : undefined;
    },
    reload: async () => {},
    registerRuntimeDataSource: () => {},
  };
  setDataSourceSrv(srv);
}

/** A react-router Router driven by Grafana's locationService history, as Grafana renders app pages. */
export function LocationServiceRouter({ children }: { children: ReactNode }) {
  const history = locationService.getHistory();
  const [location, setLocation] = useState(history.location);
  useLayoutEffect(() => history.listen((next: typeof location) => setLocation(next)), [history]);
  return (
    <Router location={location} navigator={history}>
      {children}
    </Router>
  );
}

export function appMeta(settings: AppSettings = {}): AppPluginMeta<AppSettings> {
  return {
    id: PLUGIN_ID,
    name: 'Cascade',
    type: PluginType.app,
    enabled: true,
    pinned: true,
    jsonData: settings,
    module: 'public/plugins/cascade-pipeline-app/module.js',
    baseUrl: 'public/plugins/cascade-pipeline-app',
    info: {
      author: { name: 'Cascade' },
      description: '',
      links: [],
      logos: { small: '', large: '' },
      screenshots: [],
      updated: '',
      version: '0.0.0',
    },
  };
}

interface RenderOptions {
  /** URL to start at, e.g. `/a/cascade-pipeline-app/assets/x?from=now-1h&to=now` */
  url?: string;
  /** route pattern relative to the app root, e.g. `assets/:asset` (default: any) */
  route?: string;
  settings?: AppSettings;
}

/** Renders `ui` the way Grafana renders app pages: plugin context, router on locationService, app routes. */
export function renderInApp(
  ui: ReactElement,
  { url = `${PLUGIN_BASE_URL}/overview`, route = '*', settings = {} }: RenderOptions = {}
): RenderResult {
  locationService.push(url);
  return render(
    <PluginContextProvider meta={appMeta(settings)}>
      <LocationServiceRouter>
        <Routes>
          <Route
            path={`${PLUGIN_BASE_URL}/*`}
            element={
              <Routes>
                <Route path={route} element={ui} />
              </Routes>
            }
          />
        </Routes>
      </LocationServiceRouter>
    </PluginContextProvider>
  );
}

/** Current URL query of the app (what a deep link would carry). */
export const currentSearch = () => new URLSearchParams(locationService.getLocation().search);
