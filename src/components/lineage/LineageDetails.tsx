import { useId } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { IconButton, Stack, useStyles2 } from '@grafana/ui';
import { formatDuration } from '../../rules/healthRules';
import { LineageGraph, Neighbourhood } from '../../lineage/lineageGraph';
import { testIds } from '../../testIds';
import { formatPercent } from '../../views/format';
import { AssetLink, TraceLink } from '../common/AssetLink';
import { StatusBadge } from '../common/StatusBadge';

interface Props {
  graph: LineageGraph;
  highlight: Neighbourhood;
  /** Everything the selected (broken) asset breaks downstream, nearest first. */
  impact?: Neighbourhood['downstream'];
  depth: string;
  onSelect: (node: number) => void;
  onClose: () => void;
}

const LIST_LIMIT = 25;

/** The selected asset: status and why, stats, links to its page and latest trace, its neighbourhood and impact. */
export function LineageDetails({ graph, highlight, impact, depth, onSelect, onClose }: Props) {
  const styles = useStyles2(getStyles);
  const titleId = useId();
  const a = graph.nodes[highlight.selected];
  const depthText = depth === 'all' ? 'all levels' : `${depth} level${depth === '1' ? '' : 's'}`;
  const neighbours = (title: string, items: Neighbourhood['upstream']) => (
    <div>
      <h4 className={styles.subtitle}>
        {title} ({items.length}, {depthText})
      </h4>
      <AssetButtons graph={graph} items={items} onSelect={onSelect} />
    </div>
  );
  return (
    <section className={styles.panel} aria-labelledby={titleId} data-testid={testIds.lineage.details}>
      <Stack justifyContent="space-between" alignItems="flex-start">
        <h3 id={titleId} className={styles.title}>
          {a.id}
        </h3>
        <IconButton name="times" tooltip="Clear the selection (Esc)" onClick={onClose} />
      </Stack>
      <Stack gap={1} alignItems="center" wrap="wrap">
        <StatusBadge status={a.status} reasons={a.reasons} />
        {a.layer && <span className={styles.muted}>{a.layer}</span>}
        {a.owner && <span className={styles.muted}>owner {a.owner}</span>}
      </Stack>
      {a.reasons && a.reasons.length > 0 && (
        <ul className={styles.reasons} aria-label="Why">
          {a.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      )}
      <dl className={styles.stats}>
        <dt>Freshness</dt>
        <dd>{a.freshness === undefined ? '–' : `${formatDuration(a.freshness)} since last update`}</dd>
        <dt>Pass rate</dt>
        <dd>{formatPercent(a.passRate)}</dd>
      </dl>
      <Stack gap={2} wrap="wrap">
        <AssetLink asset={a.id}>Open asset page</AssetLink>
        {a.lastTraceId && <TraceLink traceId={a.lastTraceId}>Latest trace</TraceLink>}
      </Stack>
      {impact && (
        // Red only when something downstream is hit: "nothing downstream is affected" is good news.
        <div
          className={impact.length ? styles.impact : styles.noImpact}
          data-testid={testIds.lineage.impact}
          role="status"
        >
          <h4 className={styles.subtitle}>
            {impact.length === 0
              ? `${a.status}: nothing downstream is affected`
              : `${a.status}: breaks ${impact.length} downstream asset${impact.length === 1 ? '' : 's'}`}
          </h4>
          <AssetButtons graph={graph} items={impact} onSelect={onSelect} />
        </div>
      )}
      {neighbours('Upstream', highlight.upstream)}
      {neighbours('Downstream', highlight.downstream)}
    </section>
  );
}

function AssetButtons({
  graph,
  items,
  onSelect,
}: {
  graph: LineageGraph;
  items: Neighbourhood['upstream'];
  onSelect: (node: number) => void;
}) {
  const styles = useStyles2(getStyles);
  if (items.length === 0) {
    return <p className={styles.muted}>none</p>;
  }
  return (
    <ul className={styles.assets}>
      {items.slice(0, LIST_LIMIT).map(({ node, distance }) => (
        <li key={node}>
          <button
            type="button"
            className={styles.assetButton}
            onClick={() => onSelect(node)}
            title={`${distance} hop(s) away — select it`}
          >
            {graph.nodes[node].id}
          </button>
          <span className={styles.muted}> {graph.nodes[node].status}</span>
        </li>
      ))}
      {items.length > LIST_LIMIT && <li className={styles.muted}>… and {items.length - LIST_LIMIT} more</li>}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1.5) }),
  title: css({ ...theme.typography.h4, margin: 0, wordBreak: 'break-all' }),
  subtitle: css({ ...theme.typography.h6, margin: theme.spacing(0, 0, 0.5) }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  reasons: css({ margin: 0, paddingLeft: theme.spacing(2) }),
  stats: css({
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    gap: theme.spacing(0.5, 2),
    margin: 0,
    dt: { color: theme.colors.text.secondary },
    dd: { margin: 0 },
  }),
  impact: css({
    padding: theme.spacing(1),
    border: `1px solid ${theme.colors.error.border}`,
    borderRadius: theme.shape.radius.default,
    background: theme.colors.error.transparent,
  }),
  noImpact: css({
    padding: theme.spacing(1),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
  assets: css({ listStyle: 'none', margin: 0, padding: 0, maxHeight: 220, overflowY: 'auto' }),
  assetButton: css({
    border: 'none',
    background: 'transparent',
    padding: 0,
    color: theme.colors.text.link,
    cursor: 'pointer',
    textAlign: 'left',
    '&:hover': { textDecoration: 'underline' },
  }),
});
