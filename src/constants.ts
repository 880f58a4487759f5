/** Ids and routes shared by the app, the data source and the tests. */
export const PLUGIN_ID = 'cascade-pipeline-app';
export const DATASOURCE_TYPE = 'cascade-pipeline-datasource';
export const PLUGIN_BASE_URL = `/a/${PLUGIN_ID}`;

/** Every app route, relative to PLUGIN_BASE_URL. Parameterised pages append `/:param`. */
export enum ROUTES {
  Overview = 'overview',
  Lineage = 'lineage',
  Freshness = 'freshness',
  Assets = 'assets',
  Traces = 'traces',
  Compare = 'compare',
}
