import { KeyboardEvent, useRef } from 'react';
import { css, cx } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { STATUS_COLORS } from '../../frames/healthFrame';
import { LineageGraph } from '../../lineage/lineageGraph';
import { testIds } from '../../testIds';

interface Props {
  graph: LineageGraph;
  /** Node indices to list, best first. */
  nodes: number[];
  selected?: number;
  onSelect: (node: number) => void;
  /** Longer lists are cut here (search narrows them); the count says how many exist. */
  limit?: number;
}

/**
 * The keyboard and screen-reader way into the graph: matching assets as buttons (worst status
 * first), arrow keys move between them, Enter/Space selects and centres the asset on the canvas.
 */
export function LineageNodeList({ graph, nodes, selected, onSelect, limit = 200 }: Props) {
  const styles = useStyles2(getStyles);
  const listRef = useRef<HTMLUListElement>(null);
  const shown = nodes.slice(0, limit);
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const buttons = Array.from(listRef.current?.querySelectorAll<HTMLButtonElement>('button') ?? []);
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 }[e.key];
    if (next !== undefined && buttons.length) {
      e.preventDefault();
      buttons[Math.min(buttons.length - 1, Math.max(0, next))].focus();
    }
  };
  return (
    <div className={styles.wrapper}>
      <div className={styles.count} aria-live="polite">
        {nodes.length > shown.length
          ? `Showing ${shown.length} of ${nodes.length} assets — refine the search`
          : `${nodes.length} asset${nodes.length === 1 ? '' : 's'}`}
      </div>
      <ul
        className={styles.list}
        aria-label="Assets"
        ref={listRef}
        onKeyDown={onKeyDown}
        data-testid={testIds.lineage.list}
      >
        {shown.map((i) => {
          const a = graph.nodes[i];
          return (
            <li key={a.id}>
              <button
                type="button"
                className={cx(styles.item, i === selected && styles.selected)}
                aria-current={i === selected ? 'true' : undefined}
                onClick={() => onSelect(i)}
                data-testid={testIds.lineage.node(a.id)}
              >
                <span className={styles.dot} style={{ background: `var(--cascade-status-${a.status})` }} aria-hidden />
                <span className={styles.name}>{a.id}</span>
                <span className={styles.meta}>
                  {a.status}
                  {a.layer ? ` · ${a.layer}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => {
  const vars: Record<string, string> = {};
  Object.entries(STATUS_COLORS).forEach(
    ([s, c]) =>
      (vars[`--cascade-status-${s}`] =
        s === 'unknown' ? theme.colors.text.disabled : theme.visualization.getColorByName(c))
  );
  return {
    wrapper: css({ display: 'flex', flexDirection: 'column', minHeight: 0, ...vars }),
    count: css({
      color: theme.colors.text.secondary,
      fontSize: theme.typography.bodySmall.fontSize,
      padding: theme.spacing(0.5, 0),
    }),
    list: css({ listStyle: 'none', margin: 0, padding: 0, overflowY: 'auto', minHeight: 0 }),
    item: css({
      display: 'grid',
      gridTemplateColumns: 'auto 1fr auto',
      alignItems: 'center',
      gap: theme.spacing(1),
      width: '100%',
      padding: theme.spacing(0.5, 1),
      border: 'none',
      borderRadius: theme.shape.radius.default,
      background: 'transparent',
      color: theme.colors.text.primary,
      textAlign: 'left',
      cursor: 'pointer',
      '&:hover': { background: theme.colors.action.hover },
      '&:focus-visible': { outline: `2px solid ${theme.colors.primary.main}`, outlineOffset: -2 },
    }),
    selected: css({ background: theme.colors.action.selected }),
    dot: css({ width: 10, height: 10, borderRadius: theme.shape.radius.circle }),
    // Names wrap (at any character: they are snake_case) instead of being cut in a narrow column (1024 px).
    name: css({ minWidth: 0, overflowWrap: 'anywhere' }),
    meta: css({
      color: theme.colors.text.secondary,
      fontSize: theme.typography.bodySmall.fontSize,
      whiteSpace: 'nowrap',
    }),
  };
};
