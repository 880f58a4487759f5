import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Grid, useStyles2 } from '@grafana/ui';
import { AssetHealth } from '../../model';
import { isBroken } from '../../lineage/lineageGraph';
import { AssetLink } from '../common/AssetLink';
import { StatusBadge } from '../common/StatusBadge';

interface Props {
  row: AssetHealth;
  /** health of the neighbours, when loaded */
  neighbours: Map<string, AssetHealth>;
}

function List({
  label,
  assets,
  neighbours,
}: {
  label: string;
  assets: string[];
  neighbours: Map<string, AssetHealth>;
}) {
  const styles = useStyles2(getStyles);
  return (
    <div>
      <h3 className={styles.heading}>{label}</h3>
      {assets.length === 0 ? (
        <p className={styles.muted}>none</p>
      ) : (
        <ul className={styles.list} aria-label={label}>
          {assets.map((a) => {
            const n = neighbours.get(a);
            return (
              <li key={a}>
                {n && <StatusBadge status={n.status} severity={n.severity} reasons={n.reasons} />}{' '}
                <AssetLink asset={a} />
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/** Direct upstream and downstream assets with their status; a broken asset says what it holds up. */
export function AssetNeighbours({ row, neighbours }: Props) {
  const styles = useStyles2(getStyles);
  const broken = isBroken(row.status);
  return (
    <>
      {broken && row.downstream.length > 0 && (
        <p className={styles.impact}>
          {row.asset} is {row.status}: {row.downstream.length} downstream{' '}
          {row.downstream.length === 1 ? 'asset depends' : 'assets depend'} on it.
        </p>
      )}
      <Grid columns={2} gap={2}>
        <List label="Upstream" assets={row.upstream} neighbours={neighbours} />
        <List label="Downstream" assets={row.downstream} neighbours={neighbours} />
      </Grid>
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  heading: css({ ...theme.typography.h6, margin: theme.spacing(0, 0, 1, 0) }),
  list: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  }),
  muted: css({ color: theme.colors.text.secondary, margin: 0 }),
  impact: css({ color: theme.colors.warning.text, margin: theme.spacing(0, 0, 1, 0) }),
});
