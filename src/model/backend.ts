import { DataQueryError } from '@grafana/data';

/** Backends the data source talks to; errors name one of these. The trace backend is Jaeger or Tempo. */
export type Backend = 'prometheus' | 'loki' | 'jaeger' | 'tempo';

/** A query error that names the backend it came from, so pages can show it next to that source. */
export interface CascadeQueryError extends DataQueryError {
  backend?: Backend;
}
