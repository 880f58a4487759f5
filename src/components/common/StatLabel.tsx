import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

/**
 * The name above a stat or gauge, in one size everywhere. Grafana's BigValue and BarGauge size their
 * own titles from the space left, so "Failures" came out tiny next to "Runs"; the name is drawn here
 * instead and the visualization shows the value only.
 */
export function StatLabel({ children }: { children: string }) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.label} aria-hidden>
      {children}
    </div>
  );
}

/** Height the label takes, so the value below keeps the stat's total height. */
export const STAT_LABEL_HEIGHT = 22;

const getStyles = (theme: GrafanaTheme2) => ({
  label: css({
    height: STAT_LABEL_HEIGHT,
    lineHeight: `${STAT_LABEL_HEIGHT}px`,
    fontSize: theme.typography.body.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.secondary,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
});
