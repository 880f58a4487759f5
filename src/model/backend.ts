import { DataQueryError } from '@grafana/data';

/** Backends the data source talks to; errors name one of these. */
export type Backend = 'prometheus' | 'loki' | 'jaeger';

/** A query error that names the backend it came from, so pages can show it next to that source. */
export interface CascadeQueryError extends DataQueryError {
  backend?: Backend;
}
