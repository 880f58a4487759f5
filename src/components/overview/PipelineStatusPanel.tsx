import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { BigValueColorMode, Stack, useStyles2 } from '@grafana/ui';
import { PipelineState, PipelineStatus } from '../../views/overviewStatus';
import { AssetLink } from '../common/AssetLink';
import { StatValue } from '../common/StatValue';
import { StatusBadge } from '../common/StatusBadge';

const COLOR: Record<PipelineState, string> = { healthy: 'green', degraded: 'orange', failing: 'red', unknown: 'text' };

/** Pipeline status tile: healthy / degraded / failing, the reason, and the assets behind it. */
export function PipelineStatusPanel({ status, maxCulprits = 5 }: { status: PipelineStatus; maxCulprits?: number }) {
  const styles = useStyles2(getStyles);
  return (
    <Stack direction="column" gap={1}>
      <StatValue
        title="Pipeline status"
        value={1}
        text={status.state.toUpperCase()}
        color={COLOR[status.state]}
        colorMode={BigValueColorMode.Background}
      />
      <p className={styles.reason}>{status.reason}</p>
      {status.culprits.length > 0 && (
        <ul className={styles.list} aria-label="Assets behind the status">
          {status.culprits.slice(0, maxCulprits).map((r) => (
            <li key={r.asset}>
              <StatusBadge status={r.status} severity={r.severity} reasons={r.reasons} /> <AssetLink asset={r.asset} />
            </li>
          ))}
          {status.culprits.length > maxCulprits && (
            <li className={styles.more}>and {status.culprits.length - maxCulprits} more</li>
          )}
        </ul>
      )}
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  reason: css({ margin: 0, color: theme.colors.text.primary }),
  list: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  }),
  more: css({ color: theme.colors.text.secondary }),
});
