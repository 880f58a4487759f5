import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Stack, useStyles2 } from '@grafana/ui';
import { QualityScore } from '../../views/overviewStatus';
import { AssetLink } from '../common/AssetLink';
import { thresholds } from '../../views/displayValue';
import { formatValue } from '../../views/format';
import { StatValue } from '../common/StatValue';

/** Quality score: the lowest validation pass rate (red under the minimum), with the average and the worst check. */
export function QualityStat({ score, minPassRate }: { score?: QualityScore; minPassRate: number }) {
  const styles = useStyles2(getStyles);
  return (
    <Stack direction="column" gap={1}>
      <StatValue
        title="Quality score (lowest pass rate)"
        value={score?.min}
        unit="percent"
        decimals={2}
        thresholds={thresholds('red', [minPassRate, 'green'])}
      />
      {score ? (
        <p className={styles.note}>
          Average {formatValue(score.avg, 'percent', 2)} over {score.count} checks
          {score.failing > 0 ? `, ${score.failing} below ${minPassRate}%` : ''}.
          {score.worst && (
            <>
              {' '}
              Worst: {score.worst.check} on <AssetLink asset={score.worst.asset} />.
            </>
          )}
        </p>
      ) : (
        <p className={styles.note}>No validation results in the time range.</p>
      )}
    </Stack>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  note: css({ margin: 0, color: theme.colors.text.secondary }),
});
