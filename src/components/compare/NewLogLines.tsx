import { css } from '@emotion/css';
import { GrafanaTheme2, TimeZone } from '@grafana/data';
import { Badge, useStyles2 } from '@grafana/ui';
import { testIds } from '../../testIds';
import { NewLogLine } from '../../trace/compareRuns';
import { logSummary, normalizeLevel } from '../../views/assetPage';
import { formatTime } from '../../views/format';

/** The log lines only the bad run has (their message never appeared in the good run), oldest first. */
export function NewLogLines({ lines, timeZone }: { lines: NewLogLine[]; timeZone?: TimeZone }) {
  const styles = useStyles2(getStyles);
  return (
    <ol className={styles.list} data-testid={testIds.compare.logs} aria-label="Log lines only in this run">
      {lines.map(({ line, operation }) => {
        const level = normalizeLevel(line.severity);
        return (
          <li key={line.id} className={styles.line}>
            <span className={styles.mono}>{formatTime(line.timestamp, timeZone)}</span>
            <Badge
              color={level === 'error' ? 'red' : level === 'warning' ? 'orange' : 'blue'}
              text={line.severity ?? level}
            />
            <span className={styles.muted}>{operation ?? 'outside every span'}</span>
            <span className={styles.mono} title={line.body}>
              {logSummary(line.body)}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ listStyle: 'none', margin: 0, padding: 0 }),
  line: css({
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'baseline',
    padding: theme.spacing(0.5, 0),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  mono: css({ fontFamily: theme.typography.fontFamilyMonospace, fontSize: theme.typography.bodySmall.fontSize }),
  muted: css({ color: theme.colors.text.secondary, whiteSpace: 'nowrap' }),
});
