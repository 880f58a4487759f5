import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Stack, useStyles2 } from '@grafana/ui';
import { FreshnessSla } from '../../model';
import { formatDuration } from '../../rules/healthRules';
import { WorstFreshness } from '../../views/overviewStatus';
import { AssetLink } from '../common/AssetLink';
import { thresholds } from '../../views/displayValue';
import { StatValue } from '../common/StatValue';

/** Worst data freshness: the asset furthest behind its own SLA, coloured by that SLA's thresholds. */
export function FreshnessStat({ worst, sla }: { worst?: WorstFreshness; sla?: FreshnessSla }) {
  const styles = useStyles2(getStyles);
  const steps = sla ? thresholds('green', [sla.warningSeconds, 'orange'], [sla.criticalSeconds, 'red']) : undefined;
  return (
    <Stack direction="column" gap={1}>
      <StatValue title="Worst data freshness" value={worst?.freshness} unit="s" decimals={1} thresholds={steps} />
      {worst ? (
        <p className={styles.note}>
          <AssetLink asset={worst.asset} /> last updated {formatDuration(worst.freshness)} ago
          {sla
            ? ` (SLA ${formatDuration(sla.warningSeconds)}, critical after ${formatDuration(sla.criticalSeconds)})`
            : ''}
        </p>
      ) : (
        <p className={styles.note}>No asset reported a last update time.</p>
      )}
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  note: css({ margin: 0, color: theme.colors.text.secondary }),
});
