import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Card, useStyles2 } from '@grafana/ui';
import { Incident } from '../../model';
import { useTimeZone } from '../../hooks/useTimeZone';
import { incidentHeadline } from '../../views/incidents';
import { AssetLink, AssetLinks, IncidentLineageLink } from '../common/AssetLink';
import { StatusBadge } from '../common/StatusBadge';

/**
 * Incidents (already sorted by severity, then blast radius): the headline, the impacted assets linked.
 * `nowMs` (the range's end) says whether the first SLA breach is still coming or already past.
 */
export function IncidentList({ incidents, nowMs }: { incidents: Incident[]; nowMs: number }) {
  const styles = useStyles2(getStyles);
  const timeZone = useTimeZone();
  return (
    <ul className={styles.list} aria-label="Incidents">
      {incidents.map((i) => (
        <li key={i.root}>
          <Card noMargin>
            <Card.Heading>{incidentHeadline(i, timeZone, nowMs)}</Card.Heading>
            <Card.Tags>
              <StatusBadge status={i.status} reasons={i.reasons} />
            </Card.Tags>
            <Card.Meta className={styles.meta}>
              {[
                <span key="root">
                  root cause <AssetLink asset={i.root} />
                </span>,
                <span key="impacted">
                  impacted <AssetLinks assets={i.impacted} />
                </span>,
                i.owners.length ? <span key="owners">notify {i.owners.join(', ')}</span> : null,
                <IncidentLineageLink key="lineage" root={i.root} />,
              ].filter(Boolean)}
            </Card.Meta>
            {i.reasons.length > 0 && <Card.Description>{i.reasons.join('; ')}</Card.Description>}
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
  meta: css({
    flexWrap: 'wrap',
  }),
});
