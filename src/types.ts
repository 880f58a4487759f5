import { StoredHealthRules } from './model';

/** The app's jsonData (saved by the config page, provisionable in provisioning/plugins). */
export interface AppSettings {
  /** uid of the Cascade data source the pages query; defaults to the first one found. */
  datasourceUid?: string;
  /** SLA defaults, per-asset freshness overrides and quality thresholds. */
  rules?: StoredHealthRules;
  /** Base URL of the Dagster UI; asset pages link to `<dagsterUrl>/assets/<asset>` when set. */
  dagsterUrl?: string;
}
