/**
 * The modules the host shares with plugins, under the bare names Grafana 13 registers in its
 * SystemJS import map (public/app/features/plugins/loader/sharedDependencies.ts). Each comes from
 * the same npm package the plugin was built against. Values are module namespaces or lazy loaders.
 *
 * Deliberately NOT shared, because Grafana does not share them either: `@grafana/i18n` (plugins
 * bundle it; Grafana shares its `i18next` instance instead), `@grafana/schema`.
 */
import * as emotionCss from '@emotion/css';
import * as grafanaData from '@grafana/data';
import * as grafanaRuntime from '@grafana/runtime';
import * as grafanaUIraw from '@grafana/ui';
import * as react from 'react';
import * as jsxRuntime from 'react/jsx-runtime';
import * as reactDom from 'react-dom';
import * as rxjs from 'rxjs';
import * as rxjsOperators from 'rxjs/operators';
import { getI18nInstance } from 'sandbox-internal/i18n';

/** A module namespace, or a loader for one (code-split out of the host bundle). */
export type SharedModule = Record<string, unknown> | (() => Promise<Record<string, unknown>>);

// Grafana re-exposes the plugin base classes on @grafana/ui (the 6.4 → 6.5 migration).
const grafanaUI: Record<string, unknown> = {
  ...grafanaUIraw,
  PanelPlugin: grafanaData.PanelPlugin,
  DataSourcePlugin: grafanaData.DataSourcePlugin,
  AppPlugin: grafanaData.AppPlugin,
  DataSourceApi: grafanaData.DataSourceApi,
};

/** `{ default, __useDefault }` makes AMD consumers receive `default` itself (SystemJS AMD extra). */
const asDefault = (value: unknown) => ({ default: value, __useDefault: true });

export const sharedDependencies: Record<string, SharedModule> = {
  '@emotion/css': emotionCss,
  emotion: emotionCss,
  '@emotion/react': () => import('@emotion/react'),
  '@grafana/data': grafanaData,
  '@grafana/data/unstable': () => import('@grafana/data/unstable'),
  '@grafana/runtime': grafanaRuntime,
  '@grafana/runtime/unstable': () => import('@grafana/runtime/unstable'),
  '@grafana/ui': grafanaUI,
  '@grafana/ui/unstable': () => import('@grafana/ui/unstable'),
  // Bundling @grafana/i18n in a plugin works because Grafana shares the i18next instance.
  i18next: asDefault(getI18nInstance()),
  jquery: () => import('jquery').then((m) => asDefault(m.default)),
  lodash: () => import('lodash').then((m) => ({ ...m, __useDefault: true })),
  moment: () => import('moment').then((m) => ({ ...m, __useDefault: true })),
  prismjs: () => import('prismjs'),
  react,
  'react/jsx-runtime': jsxRuntime,
  'react/jsx-dev-runtime': () => import('react/jsx-dev-runtime'),
  'react-dom': reactDom,
  'react-dom/client': () => import('react-dom/client'),
  'react-inlinesvg': () => import('react-inlinesvg'),
  'react-redux': () => import('react-redux'),
  redux: () => import('redux'),
  // Grafana exposes react-router-dom-v5-compat (v6 API over the app's single react-router) as
  // "react-router": plugins on v6 bundle react-router-dom and share react-router.
  'react-router': () => import('react-router-dom-v5-compat'),
  // Grafana 13 still exposes react-router-dom v5 under this name; the sandbox exposes v6. Plugins
  // built with create-plugin's externals never import it (they bundle react-router-dom).
  'react-router-dom': () => import('react-router-dom'),
  rxjs,
  'rxjs/operators': rxjsOperators,
};

/** Names Grafana shares that the sandbox does not provide (a plugin importing them fails loudly). */
export const grafanaOnlyDependencies = [
  'd3',
  'slate',
  'slate-react',
  'slate-plain-serializer',
  '@grafana/slate-react',
  '@kusto/monaco-kusto',
  'app/core/app_events',
  'app/core/config',
  'app/core/core',
  'app/core/services/backend_srv',
  'app/core/table_model',
  'app/core/time_series',
  'app/core/time_series2',
  'app/core/utils/datemath',
  'app/core/utils/flatten',
  'app/core/utils/kbn',
  'app/core/utils/ticks',
  'app/features/dashboard/impression_store',
];
