import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Badge, useStyles2 } from '@grafana/ui';
import { FreshnessForecast } from '../../model';
import { useTimeZone } from '../../hooks/useTimeZone';
import { forecastLine } from '../../views/freshness';
import { AssetLink } from '../common/AssetLink';

/**
 * The freshness forecast, in the order given (soonest SLA breach first), each in words as seen at
 * `nowMs` (the time range's end, when the forecast was made).
 */
export function ForecastList({ forecasts, nowMs }: { forecasts: FreshnessForecast[]; nowMs: number }) {
  const styles = useStyles2(getStyles);
  const timeZone = useTimeZone();
  return (
    <ul className={styles.list} aria-label="Freshness forecast">
      {forecasts.map((f) => {
        const line = forecastLine(f, nowMs, timeZone);
        return (
          <li key={f.asset} className={styles.row}>
            <Badge color={line.badge.color} text={line.badge.text} />
            <AssetLink asset={f.asset} />
            <span>{line.summary}</span>
            {line.breach && <span className={styles.muted}>{line.breach}</span>}
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
