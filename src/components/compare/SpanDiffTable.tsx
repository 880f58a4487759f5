import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Badge, BadgeColor, useStyles2 } from '@grafana/ui';
import { testIds } from '../../testIds';
import { formatMs } from '../../trace/traceTreeRows';
import { SpanRow } from '../../views/compareRuns';

const CHANGE: Record<SpanRow['change'], { text: string; color?: BadgeColor }> = {
  new: { text: 'new', color: 'orange' },
  missing: { text: 'missing', color: 'purple' },
  slower: { text: 'slower', color: 'red' },
  faster: { text: 'faster', color: 'green' },
  same: { text: '' },
};

/** Span by span: this run's and the good run's durations, the difference, new and missing spans, new errors. */
export function SpanDiffTable({ rows }: { rows: SpanRow[] }) {
  const styles = useStyles2(getStyles);
  return (
    <table className={styles.table} data-testid={testIds.compare.spans}>
      <thead>
        <tr>
          <th scope="col">Span</th>
          <th scope="col">This run</th>
          <th scope="col">Good run</th>
          <th scope="col">Difference</th>
          <th scope="col">Change</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const change = CHANGE[r.change];
          return (
            <tr key={`${r.change}-${r.key}`} aria-label={`${r.operation}, ${r.change}`}>
              <td title={r.path}>
                <span style={{ paddingLeft: `${r.depth * 16}px` }}>{r.operation}</span>
                {r.below > 0 && <span className={styles.muted}> and {r.below} below</span>}
                {r.error && <div className={styles.error}>{r.error}</div>}
              </td>
              <td className={styles.num}>{r.badMs === undefined ? '–' : formatMs(r.badMs)}</td>
              <td className={styles.num}>{r.goodMs === undefined ? '–' : formatMs(r.goodMs)}</td>
              <td className={styles.num}>{r.delta ?? '–'}</td>
              <td>{change.color && <Badge color={change.color} text={change.text} />}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    width: '100%',
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
      verticalAlign: 'top',
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
  }),
  num: css({ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }),
  muted: css({ color: theme.colors.text.secondary }),
  error: css({ color: theme.colors.error.text, fontSize: theme.typography.bodySmall.fontSize }),
});
