import { css } from '@emotion/css';
import { DataFrame, GrafanaTheme2, TimeRange, TimeZone } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';
import { VolumeSummary } from '../../views/volume';
import { SeriesChart } from './DurationChart';

interface Props {
  summary: VolumeSummary;
  /** rows per run over time (and the usual as a flat line); undefined when the series are missing */
  frame?: DataFrame;
  range: TimeRange;
  timeZone: TimeZone;
}

/** Rows per run against the usual the volume rule uses, the anomaly reasons, and rows per run over time. */
export function AssetVolume({ summary, frame, range, timeZone }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <div>
      {summary.headline && (
        <p className={styles.headline}>
          {summary.headline}
          {summary.baseline && <span className={styles.muted}> · {summary.baseline}</span>}
        </p>
      )}
      {summary.anomalies.length > 0 && (
        <ul className={styles.anomalies} aria-label="Volume anomalies">
          {summary.anomalies.map((a) => (
            <li key={a}>
              <Icon name="exclamation-triangle" className={styles.icon} />
              {a}
            </li>
          ))}
        </ul>
      )}
      {frame && (
        <SeriesChart
          frames={[frame]}
          range={range}
          timeZone={timeZone}
          height={200}
          unit="short"
          label="Rows per run over time"
          emptyText="No run finished in this range, so there are no rows per run to chart."
        />
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  headline: css({ margin: theme.spacing(0, 0, 0.5), fontSize: theme.typography.body.fontSize }),
  muted: css({ color: theme.colors.text.secondary }),
  anomalies: css({ listStyle: 'none', margin: theme.spacing(0, 0, 1), padding: 0, color: theme.colors.warning.text }),
  icon: css({ marginRight: theme.spacing(0.5) }),
});
