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

/** Errors grouped by source, messages de-duplicated, in a stable order (Prometheus, Loki, Jaeger, Cascade). */
export function errorsBySource(errors: DataQueryError[]): Array<{ source: ErrorSource; messages: string[] }> {
  const groups = new Map<ErrorSource, Set<string>>();
  for (const e of errors as CascadeQueryError[]) {
    const source: ErrorSource = e.backend ?? 'cascade';
    const message = e.message ?? e.data?.message ?? e.statusText ?? 'Request failed';
    groups.set(source, (groups.get(source) ?? new Set()).add(message));
  }
  return (Object.keys(SOURCE_NAMES) as ErrorSource[])
    .filter((s) => groups.has(s))
    .map((source) => ({ source, messages: [...groups.get(source)!] }));
}

/** The backend that failed for the queries of a section (by refId), if any. */
export function failedSourceOf(errors: DataQueryError[], ...refIds: string[]): Backend | undefined {
  return (errors as CascadeQueryError[]).find((e) => e.backend && (!e.refId || refIds.includes(e.refId)))?.backend;
}
