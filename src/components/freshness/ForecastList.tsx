import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Badge, BadgeColor, useStyles2 } from '@grafana/ui';
import { ForecastState, FreshnessForecast } from '../../model';
import { useTimeZone } from '../../hooks/useTimeZone';
import { formatTime } from '../../views/format';
import { AssetLink } from '../common/AssetLink';

const LOOK: Record<ForecastState, { color: BadgeColor; text: string }> = {
  blocked: { color: 'red', text: 'Blocked' },
  late: { color: 'orange', text: 'Late' },
  'breach-predicted': { color: 'orange', text: 'Breach predicted' },
  'on-time': { color: 'green', text: 'On time' },
};

/** The freshness forecast, in the order given (soonest SLA breach first), each in words. */
export function ForecastList({ forecasts }: { forecasts: FreshnessForecast[] }) {
  const styles = useStyles2(getStyles);
  const timeZone = useTimeZone();
  return (
    <ul className={styles.list} aria-label="Freshness forecast">
      {forecasts.map((f) => {
        const look = LOOK[f.state] ?? LOOK['on-time'];
        return (
          <li key={f.asset} className={styles.row}>
            <Badge color={look.color} text={look.text} />
            <AssetLink asset={f.asset} />
            <span>{f.summary}</span>
            {f.slaBreachAt !== undefined && (
              <span className={styles.muted}>SLA breach {formatTime(f.slaBreachAt, timeZone)}</span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ listStyle: 'none', margin: 0, padding: 0 }),
  row: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 0),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  muted: css({ color: theme.colors.text.secondary }),
});
