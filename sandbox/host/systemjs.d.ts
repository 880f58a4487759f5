// The systemjs npm entry points are global scripts (they install `window.System`); no types ship.
declare module 'systemjs/dist/system.js';
declare module 'systemjs/dist/extras/amd.js';

// Grafana-internal entry points the npm packages do not export (aliased in sandbox/webpack.config.js).
declare module 'sandbox-internal/runtime-plugin-page' {
  import type { PluginPageType } from '@grafana/runtime';
  export function setPluginPage(component: PluginPageType): void;
}
declare module 'sandbox-internal/i18n' {
  import type { i18n } from 'i18next';
  export function getI18nInstance(): i18n;
  export function initializeI18n(options: { language?: string; ns?: string[] }): Promise<{ language: string }>;
}

// Untyped packages the host only hands to plugins as opaque namespaces.
declare module 'prismjs';
declare module 'react-router-dom-v5-compat' {
  export * from 'react-router-dom';
}
