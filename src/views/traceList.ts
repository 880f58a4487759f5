import { TraceSummary } from '../model';
import { sortTraces } from './assetPage';

/** The Traces list's status filter: every trace, failed ones (any error span) or clean ones. */
export type TraceStatusFilter = 'all' | 'error' | 'ok';

export interface TraceListFilter {
  /** '' = every asset */
  asset?: string;
  status?: TraceStatusFilter;
}

/** A trace failed when its status says so or any of its spans is an error. */
export const traceFailed = (t: TraceSummary) => t.status === 'error' || t.errors > 0;

/** A URL value as a status filter ('all' for anything else). */
export const traceStatusFilter = (value: string): TraceStatusFilter =>
  value === 'error' || value === 'ok' ? value : 'all';

/** The traces matching the list's filters, failed first, then newest. */
export function filterTraces(traces: TraceSummary[], f: TraceListFilter): TraceSummary[] {
  return sortTraces(
    traces.filter(
      (t) =>
        (!f.asset || t.asset === f.asset) &&
        (!f.status || f.status === 'all' || (f.status === 'error') === traceFailed(t))
    )
  );
}

/** Asset names among the traces, sorted, plus the selected one (so the filter always shows it). */
export function traceAssets(traces: TraceSummary[], selected?: string): string[] {
  const names = new Set(traces.flatMap((t) => (t.asset ? [t.asset] : [])));
  if (selected) {
    names.add(selected);
  }
  return [...names].sort();
}
