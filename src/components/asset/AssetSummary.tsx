import { css } from '@emotion/css';
import { GrafanaTheme2, TimeZone } from '@grafana/data';
import { BigValueColorMode, Stack, useStyles2 } from '@grafana/ui';
import { AssetHealth } from '../../model';
import { statusLook } from '../../views/statusLook';
import { formatDuration } from '../../rules/healthRules';
import { formatAgo, formatTime, formatValue } from '../../views/format';
import { StatValue } from '../common/StatValue';

/** Status with its reasons, and the asset's facts: last update, owner, layer, row count, age, pass rate, errors. */
export function AssetSummary({ row, timeZone }: { row: AssetHealth; timeZone: TimeZone }) {
  const styles = useStyles2(getStyles);
  return (
    <Stack gap={3} wrap="wrap" alignItems="flex-start">
      <div className={styles.status}>
        <StatValue
          title="Status"
          value={1}
          // The word says what is wrong, the colour how bad (the badges' rule); the reasons say why.
          text={statusLook(row).text}
          color={statusLook(row).color}
          colorMode={BigValueColorMode.Background}
          height={88}
        />
        {row.reasons.length > 0 ? (
          <ul className={styles.reasons} aria-label="Why">
            {row.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : (
          <p className={styles.muted}>All rules pass.</p>
        )}
      </div>
      <dl className={styles.facts}>
        <dt>Last update</dt>
        <dd>
          {row.lastUpdate !== undefined
            ? `${formatTime(row.lastUpdate, timeZone)} (${formatAgo(row.lastUpdate)})`
            : 'never reported'}
        </dd>
        <dt>Age / SLA</dt>
        <dd>
          {row.freshness !== undefined ? formatDuration(row.freshness) : '–'}
          {row.freshnessSla !== undefined ? ` / ${formatDuration(row.freshnessSla)}` : ''}
        </dd>
        <dt>Owner</dt>
        <dd>{row.owner ?? '–'}</dd>
        <dt>Layer</dt>
        <dd>{row.layer ?? '–'}</dd>
        <dt>Row count</dt>
        <dd>{formatValue(row.rowCount, 'locale', 0)}</dd>
        <dt>Pass rate (min over checks)</dt>
        <dd>{formatValue(row.passRate, 'percent', 2)}</dd>
        <dt>Error logs in range</dt>
        <dd>{formatValue(row.errorLogs, 'none', 0)}</dd>
        {row.lastError && (
          <>
            <dt>Last error</dt>
            <dd className={styles.error}>{row.lastError}</dd>
          </>
        )}
      </dl>
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  status: css({ width: 280, display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  reasons: css({ margin: 0, paddingLeft: theme.spacing(2) }),
  muted: css({ margin: 0, color: theme.colors.text.secondary }),
  facts: css({
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
    flex: '1 1 320px',
    dt: { color: theme.colors.text.secondary },
    dd: { margin: 0, overflowWrap: 'anywhere' },
  }),
  error: css({ color: theme.colors.error.text, fontFamily: theme.typography.fontFamilyMonospace }),
});
