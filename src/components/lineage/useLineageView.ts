import { useCallback, useMemo, useState } from 'react';
import { AssetStatus } from '../../model';
import { useUrlList, useUrlState } from '../../hooks/useUrlState';
import {
  isBroken,
  LineageFilter,
  LineageGraph,
  neighbourhood,
  Neighbourhood,
  passesFilter,
  searchAssets,
} from '../../lineage/lineageGraph';
import { incidentFocus, IncidentFocus } from '../../lineage/incidentFocus';
import { FocusRequest } from './LineageCanvas';

/** Depth choices of the highlight control ('all' = the whole upstream and downstream). */
export const DEPTHS = ['1', '2', '3', 'all'] as const;

export interface LineageView {
  selected?: number;
  select: (node: number | undefined, focus?: boolean) => void;
  depth: string;
  setDepth: (depth: string) => void;
  query: string;
  setQuery: (q: string) => void;
  statuses: string[];
  setStatuses: (s: string[]) => void;
  layers: string[];
  setLayers: (l: string[]) => void;
  filter: LineageFilter;
  /** Search/filter results, best first (the accessible list and "zoom to matches"). */
  results: number[];
  highlight?: Neighbourhood;
  /** Everything downstream of the selected asset when it is broken (any depth). */
  impact?: Neighbourhood['downstream'];
  matches?: Uint8Array;
  filteredOut?: Uint8Array;
  focus?: FocusRequest;
  focusOn: (nodes: number[]) => void;
  /** The root cause named by `?incident=` (kept in the URL), even when it is no longer unhealthy. */
  incidentRoot: string;
  /** Its focus on the graph; undefined when no incident is asked for or its root is healthy or absent. */
  incident?: IncidentFocus;
  clearIncident: () => void;
}

const mask = (n: number, nodes: Iterable<number>) => {
  const m = new Uint8Array(n);
  for (const i of nodes) {
    m[i] = 1;
  }
  return m;
};

/**
 * The lineage page's view state: selection, depth, search and filters live in the URL (deep links
 * reproduce the view); derived highlight, impact and match masks are memoised so a click only
 * costs one bounded BFS. Nothing here touches the layout.
 */
export function useLineageView(graph: LineageGraph): LineageView {
  const [selectedId, setSelectedId] = useUrlState('asset');
  const [depth, setDepth] = useUrlState('depth', 'all');
  const [query, setQuery] = useUrlState('q');
  const [statuses, setStatuses] = useUrlList('status');
  const [layers, setLayers] = useUrlList('layer');
  const [incidentRoot, setIncidentRoot] = useUrlState('incident');
  const selected = selectedId ? graph.index.get(selectedId) : undefined;
  const incident = useMemo(
    () => (incidentRoot ? incidentFocus(graph, incidentRoot) : undefined),
    [graph, incidentRoot]
  );
  // The first focus request shows the asset (or else the incident) from a deep link.
  const [focus, setFocus] = useState<FocusRequest | undefined>(() => {
    const nodes = selected !== undefined ? [selected] : incident?.lit;
    return nodes ? { nodes, key: 0 } : undefined;
  });

  const filter = useMemo<LineageFilter>(
    () => ({ statuses: new Set(statuses as AssetStatus[]), layers: new Set(layers) }),
    [statuses, layers]
  );
  const maxDepth = depth === 'all' ? Infinity : Math.max(1, Number(depth) || 1);
  const highlight = useMemo(
    () => (selected === undefined ? undefined : neighbourhood(graph, selected, maxDepth)),
    [graph, selected, maxDepth]
  );
  const impact = useMemo(() => {
    if (selected === undefined || !isBroken(graph.nodes[selected].status)) {
      return undefined;
    }
    return maxDepth === Infinity && highlight ? highlight.downstream : neighbourhood(graph, selected).downstream;
  }, [graph, selected, maxDepth, highlight]);
  const results = useMemo(() => searchAssets(graph, query, filter), [graph, query, filter]);
  const matches = useMemo(
    () => (query.trim() ? mask(graph.nodes.length, results) : undefined),
    [graph, query, results]
  );
  const filteredOut = useMemo(() => {
    if (filter.statuses.size === 0 && filter.layers.size === 0) {
      return undefined;
    }
    return mask(
      graph.nodes.length,
      graph.nodes.flatMap((a, i) => (passesFilter(a, filter) ? [] : [i]))
    );
  }, [graph, filter]);

  const focusOn = useCallback((nodes: number[]) => setFocus((f) => ({ nodes, key: (f?.key ?? 0) + 1 })), []);
  const select = useCallback(
    (node: number | undefined, andFocus = false) => {
      setSelectedId(node === undefined ? '' : graph.nodes[node].id);
      if (andFocus && node !== undefined) {
        focusOn([node]);
      }
    },
    [graph, setSelectedId, focusOn]
  );

  const clearIncident = useCallback(() => setIncidentRoot(''), [setIncidentRoot]);

  return {
    selected,
    select,
    depth,
    setDepth,
    query,
    setQuery,
    statuses,
    setStatuses,
    layers,
    setLayers,
    filter,
    results,
    highlight,
    impact,
    matches,
    filteredOut,
    focus,
    focusOn,
    incidentRoot,
    incident,
    clearIncident,
  };
}
