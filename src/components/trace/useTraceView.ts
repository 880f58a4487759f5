import { useCallback, useMemo, useState } from 'react';
import { useUrlState } from '../../hooks/useUrlState';
import { filterSpans, SpanFilter, waterfallRows, WaterfallRow } from '../../trace/traceTreeRows';
import { TraceModel } from './useTraceModel';

/** What the details pane shows: a span (by display index) or one log line. */
export type TraceSelection =
  { kind: 'span'; span: number } | { kind: 'log'; row: Extract<WaterfallRow, { kind: 'log' }> };

export interface TraceView {
  filter: SpanFilter;
  setQuery: (q: string) => void;
  setMinDuration: (ms: number) => void;
  setStatus: (s: SpanFilter['status']) => void;
  showLogs: boolean;
  setShowLogs: (show: boolean) => void;
  collapsed: ReadonlySet<number>;
  toggle: (span: number) => void;
  setCollapsed: (span: number, collapsed: boolean) => void;
  collapseAll: () => void;
  expandAll: () => void;
  rows: WaterfallRow[];
  selection?: TraceSelection;
  selectSpan: (span: number | undefined) => void;
  selectLog: (row: Extract<WaterfallRow, { kind: 'log' }> | undefined) => void;
}

/**
 * Waterfall view state: filters and the selected span live in the URL (a shared link opens the same
 * span); collapsed subtrees are local. Rows are recomputed in one O(n + m) pass when any changes.
 */
export function useTraceView(model: TraceModel): TraceView {
  const { tree, logs } = model;
  const [query, setQuery] = useUrlState('q');
  const [minParam, setMinParam] = useUrlState('minMs');
  const [statusParam, setStatusParam] = useUrlState('status', 'all');
  const [logsParam, setLogsParam] = useUrlState('logs', 'on');
  const [spanId, setSpanId] = useUrlState('span');
  const [collapsedState, setCollapsedState] = useState<{ tree: unknown; set: ReadonlySet<number> }>({
    tree,
    set: new Set(),
  });
  const [logSelection, setLogSelection] = useState<Extract<WaterfallRow, { kind: 'log' }> | undefined>();

  // Collapsed indices belong to one tree; a new trace starts expanded.
  const collapsed = collapsedState.tree === tree ? collapsedState.set : EMPTY;
  const status: SpanFilter['status'] = statusParam === 'error' || statusParam === 'ok' ? statusParam : 'all';
  const minDuration = Math.max(0, Number(minParam) || 0);
  const filter = useMemo<SpanFilter>(() => ({ query, minDuration, status }), [query, minDuration, status]);
  const keep = useMemo(() => filterSpans(tree, filter), [tree, filter]);
  const showLogs = logsParam !== 'off';
  const rows = useMemo(
    () => waterfallRows(tree, { collapsed, keep, logs: showLogs ? logs : undefined }),
    [tree, collapsed, keep, logs, showLogs]
  );

  const setCollapsed = useCallback(
    (span: number, on: boolean) =>
      setCollapsedState((prev) => {
        const set = new Set(prev.tree === tree ? prev.set : []);
        if (on) {
          set.add(span);
        } else {
          set.delete(span);
        }
        return { tree, set };
      }),
    [tree]
  );
  const toggle = useCallback((span: number) => setCollapsed(span, !collapsed.has(span)), [collapsed, setCollapsed]);
  const collapseAll = useCallback(() => {
    const set = new Set<number>();
    tree.childCount.forEach((c, d) => c > 0 && tree.depth[d] > 0 && set.add(d));
    setCollapsedState({ tree, set });
  }, [tree]);
  const expandAll = useCallback(() => setCollapsedState({ tree, set: new Set() }), [tree]);

  const span = spanId ? tree.byId.get(spanId) : undefined;
  const selection: TraceSelection | undefined = logSelection
    ? { kind: 'log', row: logSelection }
    : span !== undefined
      ? { kind: 'span', span }
      : undefined;
  const selectSpan = useCallback(
    (d: number | undefined) => {
      setLogSelection(undefined);
      setSpanId(d === undefined ? '' : tree.spans[d].spanID);
    },
    [tree, setSpanId]
  );
  const selectLog = useCallback(
    (row: Extract<WaterfallRow, { kind: 'log' }> | undefined) => {
      setLogSelection(row);
      if (row) {
        setSpanId('');
      }
    },
    [setSpanId]
  );

  return {
    filter,
    setQuery,
    setMinDuration: (ms: number) => setMinParam(ms > 0 ? String(ms) : ''),
    setStatus: setStatusParam,
    showLogs,
    setShowLogs: (show: boolean) => setLogsParam(show ? 'on' : 'off'),
    collapsed,
    toggle,
    setCollapsed,
    collapseAll,
    expandAll,
    rows,
    selection,
    selectSpan,
    selectLog,
  };
}

const EMPTY: ReadonlySet<number> = new Set();
