import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

/** One tooltip row: a series (or the time) and its formatted value. */
export interface ChartTooltipItem {
  label: string;
  value: string;
  color?: string;
}

interface Props {
  header: ChartTooltipItem;
  items: ChartTooltipItem[];
}

/**
 * The hover tooltip of Cascade's charts: the time, then each series' colour, name and value.
 * @grafana/ui's VizTooltip* parts would do this, but they are public only from Grafana 13.1 (before,
 * only under @grafana/ui/internal), and Cascade supports Grafana 12.
 */
export function ChartTooltip({ header, items }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.wrapper} role="tooltip">
      <div className={styles.header}>
        <span className={styles.label}>{header.label}</span>
        <span className={styles.value}>{header.value}</span>
      </div>
      <ul className={styles.items}>
        {items.map((item) => (
          <li key={item.label} className={styles.row}>
            <span className={styles.swatch} style={{ background: item.color }} aria-hidden />
            <span className={styles.label}>{item.label}</span>
            <span className={styles.value}>{item.value}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  wrapper: css({ display: 'flex', flexDirection: 'column', fontSize: theme.typography.bodySmall.fontSize }),
  header: css({
    display: 'flex',
    gap: theme.spacing(2),
    justifyContent: 'space-between',
    padding: theme.spacing(1),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  items: css({ listStyle: 'none', margin: 0, padding: theme.spacing(1) }),
  row: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1), lineHeight: 1.6 }),
  swatch: css({ width: 12, height: 4, borderRadius: theme.shape.radius.default, flexShrink: 0 }),
  label: css({ color: theme.colors.text.secondary, flexGrow: 1 }),
  value: css({ fontWeight: theme.typography.fontWeightMedium, color: theme.colors.text.primary }),
});
