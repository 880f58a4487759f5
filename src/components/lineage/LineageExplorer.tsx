import { useMemo } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { AssetStatus } from '../../model';
import { LineageGraph } from '../../lineage/lineageGraph';
import { LineageLayout } from '../../lineage/lineageLayout';
import { LineageCanvas } from './LineageCanvas';
import { LineageDetails } from './LineageDetails';
import { LineageIncidentBanner } from './LineageIncidentBanner';
import { LineageNodeList } from './LineageNodeList';
import { LineageToolbar } from './LineageToolbar';
import { useLineageView } from './useLineageView';

interface Props {
  graph: LineageGraph;
  layout: LineageLayout;
  /** Statuses still loading (the graph came from the topology packet): the toolbar says so. */
  statusPending?: boolean;
}

/** Toolbar, canvas and side panel (details of the selection, then the accessible asset list). */
export function LineageExplorer({ graph, layout, statusPending }: Props) {
  const styles = useStyles2(getStyles);
  const view = useLineageView(graph);
  const counts = useMemo(() => {
    const statuses: Partial<Record<AssetStatus, number>> = {};
    const layers = new Map<string, number>();
    for (const a of graph.nodes) {
      statuses[a.status] = (statuses[a.status] ?? 0) + 1;
      layers.set(a.layer ?? '', (layers.get(a.layer ?? '') ?? 0) + 1);
    }
    const order = layout.bands.map((b) => b.layer);
    const layerList = Array.from(layers, ([layer, count]) => ({ layer, count })).sort(
      (a, b) =>
        (order.indexOf(a.layer) + 1 || 99) - (order.indexOf(b.layer) + 1 || 99) || a.layer.localeCompare(b.layer)
    );
    return { statuses, layers: layerList };
  }, [graph, layout]);
  const broken = (counts.statuses.failing ?? 0) + (counts.statuses.stale ?? 0) + (counts.statuses.errors ?? 0);
  const label = `Lineage graph of ${graph.nodes.length} assets and ${graph.edgeSource.length} dependencies, ${broken} failing, stale or with errors. Use the asset list to select one.`;

  return (
    <div className={styles.explorer}>
      <LineageToolbar view={view} statusCounts={counts.statuses} layers={counts.layers} statusPending={statusPending} />
      <LineageIncidentBanner graph={graph} view={view} />
      <div className={styles.main}>
        <LineageCanvas
          graph={graph}
          layout={layout}
          highlight={view.highlight}
          incident={view.incident}
          filteredOut={view.filteredOut}
          matches={view.matches}
          focus={view.focus}
          onSelect={(node) => view.select(node)}
          label={label}
        />
        <aside className={styles.side} aria-label="Asset details and list">
          {view.highlight && (
            <LineageDetails
              graph={graph}
              highlight={view.highlight}
              impact={view.impact}
              depth={view.depth}
              onSelect={(node) => view.select(node, true)}
              onClose={() => view.select(undefined)}
            />
          )}
          <LineageNodeList
            graph={graph}
            nodes={view.results}
            selected={view.selected}
            onSelect={(node) => view.select(node, true)}
          />
        </aside>
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  explorer: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1.5) }),
  main: css({
    display: 'flex',
    gap: theme.spacing(1.5),
    height: 'calc(100vh - 300px)',
    minHeight: 520,
    [theme.breakpoints.down('md')]: { flexDirection: 'column', height: 'auto' },
  }),
  side: css({
    width: 360,
    flexShrink: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    overflowY: 'auto',
    padding: theme.spacing(1.5),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    // Below 1200 px the graph needs the room more than the list does (labels stay legible).
    [theme.breakpoints.down('xl')]: { width: 260 },
    [theme.breakpoints.down('md')]: { width: '100%', maxHeight: 480 },
  }),
});
