import { DataQueryError } from '@grafana/data';
import { Backend, CascadeQueryError } from '../model';

/** Where an error came from: one of the backends, or Cascade itself (configuration, unexpected failures). */
export type ErrorSource = Backend | 'cascade';

export const SOURCE_NAMES: Record<ErrorSource, string> = {
  prometheus: 'Prometheus',
  loki: 'Loki',
  jaeger: 'Jaeger',
  tempo: 'Tempo',
  cascade: 'Cascade',
};

// The request count the client appends to a de-duplicated error ("… (9 requests)").
const REQUEST_COUNT = /^(.*) \((\d+) requests\)$/s;

/**
 * Errors grouped by source, in a stable order (Prometheus, Loki, Jaeger, Cascade). One message once:
 * the same error from several queries (each "… (N requests)") is shown once with the requests summed.
 */
export function errorsBySource(errors: DataQueryError[]): Array<{ source: ErrorSource; messages: string[] }> {
  const groups = new Map<ErrorSource, Map<string, number>>();
  for (const e of errors as CascadeQueryError[]) {
    const source: ErrorSource = e.backend ?? 'cascade';
    const raw = e.message ?? e.data?.message ?? e.statusText ?? 'Request failed';
    const counted = REQUEST_COUNT.exec(raw);
    const message = counted ? counted[1] : raw;
    const group = groups.get(source) ?? new Map<string, number>();
    group.set(message, (group.get(message) ?? 0) + (counted ? Number(counted[2]) : 1));
    groups.set(source, group);
  }
  return (Object.keys(SOURCE_NAMES) as ErrorSource[])
    .filter((s) => groups.has(s))
    .map((source) => ({
      source,
      messages: [...groups.get(source)!].map(([m, n]) => (n > 1 ? `${m} (${n} requests)` : m)),
    }));
}

/** The backend that failed for the queries of a section (by refId), if any. */
export function failedSourceOf(errors: DataQueryError[], ...refIds: string[]): Backend | undefined {
  return (errors as CascadeQueryError[]).find((e) => e.backend && (!e.refId || refIds.includes(e.refId)))?.backend;
}

/**
 * The backend a section needs that failed for its queries, if any: only the backends in `uses` count
 * (the Freshness panel reads Prometheus only, so a Loki failure of the same query leaves it alone).
 */
export function missingSourceOf(errors: DataQueryError[], refIds: string[], uses: Backend[]): Backend | undefined {
  return (errors as CascadeQueryError[]).find(
    (e) => e.backend && uses.includes(e.backend) && (!e.refId || refIds.includes(e.refId))
  )?.backend;
}
