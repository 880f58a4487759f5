import { css } from '@emotion/css';
import { GrafanaTheme2, locationUtil, TimeZone } from '@grafana/data';
import { Icon, Stack, useStyles2 } from '@grafana/ui';
import { complianceSummary, FreshnessRow, noSuccessInRange, SlaCompliance } from '../../views/freshness';
import { formatDuration } from '../../rules/healthRules';
import { testIds } from '../../testIds';
import { AssetLink } from '../common/AssetLink';
import { thresholds } from '../../views/displayValue';
import { formatAgo, formatTime } from '../../views/format';
import { GaugeBar } from '../common/GaugeBar';
import { StatusBadge } from '../common/StatusBadge';

interface Props {
  row: FreshnessRow;
  compliance?: SlaCompliance;
  /** the compliance series are still on their way (the gauge itself shows from the statuses) */
  complianceLoading?: boolean;
  /** the PromQL behind the age (the Explore link's tooltip) */
  expression: string;
  /** the age query in Grafana Explore; undefined without a Prometheus data source */
  exploreHref?: string;
  /** ms epoch the age was evaluated at (the range end) */
  evaluatedAt: number;
  timeZone?: TimeZone;
}

/** One asset's age against its SLA as a gauge, with why: last update, the SLA, how the age is computed, compliance. */
export function FreshnessGauge({
  row,
  compliance,
  complianceLoading,
  expression,
  exploreHref,
  evaluatedAt,
  timeZone,
}: Props) {
  const styles = useStyles2(getStyles);
  const { sla } = row;
  const max = Math.max(sla.criticalSeconds * 1.5, row.freshness ?? 0);
  return (
    <article
      className={styles.card}
      data-testid={testIds.freshness.gauge(row.asset)}
      aria-label={`Freshness of ${row.asset}`}
    >
      <Stack justifyContent="space-between" alignItems="center" wrap="wrap">
        <Stack gap={1} alignItems="center">
          <AssetLink asset={row.asset} />
          <StatusBadge status={row.status} severity={row.severity} />
        </Stack>
        <span className={styles.muted}>{[row.layer, row.owner].filter(Boolean).join(' · ')}</span>
      </Stack>
      <GaugeBar
        title={`Age of ${row.asset}`}
        showTitle={false}
        value={row.freshness}
        unit="s"
        decimals={1}
        min={0}
        max={max}
        height={32}
        thresholds={thresholds('green', [sla.warningSeconds, 'orange'], [sla.criticalSeconds, 'red'])}
      />
      <dl className={styles.why}>
        <dt>Last update</dt>
        <dd>
          {row.lastUpdate !== undefined
            ? `${formatTime(row.lastUpdate, timeZone)} (${formatAgo(row.lastUpdate)})`
            : 'never reported'}
        </dd>
        <dt>SLA</dt>
        <dd>
          warning after {formatDuration(sla.warningSeconds)}, critical after {formatDuration(sla.criticalSeconds)} (
          {sla.source === 'override' ? 'per-asset override' : 'default'})
        </dd>
        <dt>Age</dt>
        <dd>
          {exploreHref ? (
            <a
              className={styles.link}
              href={locationUtil.assureBaseUrl(exploreHref)}
              title={`Open in Explore: ${expression}`}
            >
              <Icon name="compass" size="sm" /> now − last update
            </a>
          ) : (
            <span title={expression}>now − last update</span>
          )}{' '}
          at {formatTime(evaluatedAt, timeZone)}
          {row.freshness !== undefined && ` = ${formatDuration(row.freshness)}`}
        </dd>
        <dt>SLA compliance</dt>
        <dd className={noSuccessInRange(row) ? styles.warning : undefined}>
          {complianceLoading && !noSuccessInRange(row) ? 'Loading…' : complianceSummary(row, compliance, evaluatedAt)}
        </dd>
      </dl>
    </article>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(1.5),
    minWidth: 0,
  }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  why: css({
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(1),
    rowGap: theme.spacing(0.25),
    margin: 0,
    fontSize: theme.typography.bodySmall.fontSize,
    dt: { color: theme.colors.text.secondary },
    dd: { margin: 0, minWidth: 0, overflowWrap: 'break-word' },
  }),
  link: css({ color: theme.colors.text.link, whiteSpace: 'nowrap', '&:hover': { textDecoration: 'underline' } }),
  warning: css({ color: theme.colors.warning.text }),
});
