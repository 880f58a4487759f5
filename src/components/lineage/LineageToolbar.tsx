import { KeyboardEvent } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Button, FilterInput, FilterPill, RadioButtonGroup, Stack, useStyles2 } from '@grafana/ui';
import { AssetStatus } from '../../model';
import { STATUS_SEVERITY } from '../../lineage/lineageGraph';
import { testIds } from '../../testIds';
import { DEPTHS, LineageView } from './useLineageView';

interface Props {
  view: LineageView;
  /** Assets per status and per layer, for the pill labels. */
  statusCounts: Partial<Record<AssetStatus, number>>;
  layers: Array<{ layer: string; count: number }>;
  /** The DAG is known but the statuses are still loading (streamed results). */
  statusPending?: boolean;
}

const STATUSES = (Object.keys(STATUS_SEVERITY) as AssetStatus[]).sort(
  (a, b) => STATUS_SEVERITY[b] - STATUS_SEVERITY[a]
);
const DEPTH_OPTIONS = DEPTHS.map((d) => ({
  value: d,
  label: d === 'all' ? 'All' : d,
  description: d === 'all' ? 'Whole upstream and downstream' : `${d} hop(s)`,
}));

const toggle = (list: string[], value: string) =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

/** Search (Enter zooms to the matches), status and layer filters, and the highlight depth. */
export function LineageToolbar({ view, statusCounts, layers, statusPending }: Props) {
  const styles = useStyles2(getStyles);
  const searching = view.query.trim() !== '';
  const zoomToMatches = () => view.results.length && view.focusOn(view.results);
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      zoomToMatches();
    }
  };
  return (
    <div className={styles.toolbar}>
      <Stack gap={1} alignItems="center" wrap="wrap">
        <FilterInput
          aria-label="Search assets"
          placeholder="Search assets or owners"
          value={view.query}
          onChange={view.setQuery}
          onKeyDown={onKeyDown}
          width={40}
          data-testid={testIds.lineage.search}
        />
        <Button
          variant="secondary"
          icon="search-plus"
          onClick={zoomToMatches}
          tooltip="Or press Enter in the search box"
          disabled={!searching || view.results.length === 0}
          data-testid={testIds.lineage.zoomToMatches}
        >
          {searching
            ? `Zoom to ${view.results.length} match${view.results.length === 1 ? '' : 'es'}`
            : 'Zoom to matches'}
        </Button>
        <span className={styles.label}>Highlight depth</span>
        <RadioButtonGroup
          aria-label="Highlight depth"
          options={DEPTH_OPTIONS}
          value={view.depth}
          onChange={view.setDepth}
          size="sm"
          data-testid={testIds.lineage.depth}
        />
      </Stack>
      <Stack gap={1} alignItems="center" wrap="wrap">
        <span className={styles.label}>Status</span>
        {statusPending ? (
          <span role="status" className={styles.label} data-testid={testIds.lineage.statusPending}>
            Loading health… assets and dependencies are shown, colours follow.
          </span>
        ) : (
          <div role="group" aria-label="Filter by status" className={styles.pills}>
            {STATUSES.map((s) => (
              <FilterPill
                key={s}
                label={`${s} (${statusCounts[s] ?? 0})`}
                selected={view.statuses.includes(s)}
                onClick={() => view.setStatuses(toggle(view.statuses, s))}
              />
            ))}
          </div>
        )}
        {layers.length > 0 && (
          <>
            <span className={styles.label}>Layer</span>
            <div role="group" aria-label="Filter by layer" className={styles.pills}>
              {layers.map(({ layer, count }) => (
                <FilterPill
                  key={layer}
                  label={`${layer || 'no layer'} (${count})`}
                  selected={view.layers.includes(layer)}
                  onClick={() => view.setLayers(toggle(view.layers, layer))}
                />
              ))}
            </div>
          </>
        )}
      </Stack>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  toolbar: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  label: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  pills: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(0.5) }),
});
