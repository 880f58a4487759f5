import { useMemo, useState } from 'react';
import { DataFrame } from '@grafana/data';
import { buildLineageGraph, LineageGraph, topologyKey } from '../../lineage/lineageGraph';
import { lineageFromFrames } from '../../lineage/lineageGraphFrames';
import { layoutLineage, LineageLayout } from '../../lineage/lineageLayout';

export interface LineageModel {
  graph: LineageGraph;
  layout: LineageLayout;
}

/**
 * Frames → indexed graph → layout. The layout is reused while the asset set and edges stay the
 * same (a refresh only restyles, nothing moves), and the previous model stays on screen while a
 * refresh is loading instead of blanking the graph.
 */
export function useLineageModel(series: DataFrame[], loading: boolean): LineageModel | undefined {
  const graph = useMemo(() => {
    const { assets, edges } = lineageFromFrames(series);
    return assets.length ? buildLineageGraph(assets, edges) : undefined;
  }, [series]);
  const key = useMemo(() => (graph ? topologyKey(graph) : ''), [graph]);
  // Derived state kept from the previous render (React's "store information from previous renders").
  const [cached, setCached] = useState<{ key: string; layout: LineageLayout } | undefined>();
  const [last, setLast] = useState<LineageModel | undefined>();
  let layout = cached?.key === key ? cached.layout : undefined;
  if (graph && !layout) {
    layout = layoutLineage(graph);
    setCached({ key, layout });
  }
  const model = graph && layout ? { graph, layout } : undefined;
  if (model && (last?.graph !== model.graph || last.layout !== model.layout)) {
    setLast(model);
  }
  return model ?? (loading ? last : undefined);
}
