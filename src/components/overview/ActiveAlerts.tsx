import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Badge, BadgeColor, Card, useStyles2 } from '@grafana/ui';
import { CascadeAlert } from '../../model';
import { useTimeZone } from '../../hooks/useTimeZone';
import { AssetLink } from '../common/AssetLink';
import { formatAgo, formatTime, formatValue } from '../../views/format';

const severityColor = (s?: string): BadgeColor => {
  const v = (s ?? '').toLowerCase();
  return v === 'critical' || v === 'error' ? 'red' : v === 'warning' ? 'orange' : 'blue';
};

/** Firing and pending Prometheus alerts (already sorted), each linked to its asset. */
export function ActiveAlerts({ alerts }: { alerts: CascadeAlert[] }) {
  const styles = useStyles2(getStyles);
  const timeZone = useTimeZone();
  return (
    <ul className={styles.list} aria-label="Active alerts">
      {alerts.map((a, i) => (
        <li key={`${a.alertname}-${a.asset ?? ''}-${i}`}>
          <Card noMargin>
            <Card.Heading>{a.summary ?? a.alertname}</Card.Heading>
            <Card.Tags>
              <Badge
                color={a.state.toLowerCase() === 'firing' ? 'red' : 'orange'}
                text={a.state.toUpperCase()}
                icon={a.state.toLowerCase() === 'firing' ? 'fire' : 'hourglass'}
              />{' '}
              {a.severity && <Badge color={severityColor(a.severity)} text={a.severity} />}
            </Card.Tags>
            <Card.Meta className={styles.meta}>
              {[
                <span key="name">{a.alertname}</span>,
                a.asset ? <AssetLink key="asset" asset={a.asset} /> : null,
                a.activeAt ? (
                  <span key="since" title={formatTime(a.activeAt, timeZone)}>
                    active {formatAgo(a.activeAt)}
                  </span>
                ) : null,
                a.value !== undefined ? <span key="value">value {formatValue(a.value, 'short', 2)}</span> : null,
              ].filter(Boolean)}
            </Card.Meta>
            {a.description && <Card.Description>{a.description}</Card.Description>}
          </Card>
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  }),
  // Card.Meta breaks words anywhere to fit one line; in a narrow column wrap whole items instead.
  meta: css({ flexWrap: 'wrap', overflowWrap: 'normal', rowGap: theme.spacing(0.5) }),
});
