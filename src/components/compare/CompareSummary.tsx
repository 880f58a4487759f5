import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Stack, useStyles2 } from '@grafana/ui';
import { testIds } from '../../testIds';
import { formatTime } from '../../views/format';
import { ComparisonView } from '../../views/compareRuns';
import { AssetLink, TraceLink } from '../common/AssetLink';

interface Props {
  view: ComparisonView;
  asset?: string;
  bad: { traceId: string; start: number };
  good: { traceId: string; start: number; after: boolean };
}

/** The two runs and what differs between them, in sentences. */
export function CompareSummary({ view, asset, bad, good }: Props) {
  const styles = useStyles2(getStyles);
  return (
    <div className={styles.box} data-testid={testIds.compare.summary}>
      <Stack gap={2} alignItems="center" wrap="wrap">
        {asset && <AssetLink asset={asset} />}
        <span>
          This run <TraceLink traceId={bad.traceId} /> started {formatTime(bad.start)}
        </span>
        <span>
          {good.after ? 'Good run after it' : 'Last good run'} <TraceLink traceId={good.traceId} /> started{' '}
          {formatTime(good.start)}
        </span>
      </Stack>
      <h3 className={styles.headline}>{view.headline}</h3>
      {view.findings.length ? (
        <ul className={styles.findings} aria-label="Differences">
          {view.findings.map((f) => (
            <li key={f}>{f}</li>
          ))}
        </ul>
      ) : (
        <p className={styles.muted}>The same spans, errors and log messages as the good run, and similar timings.</p>
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    padding: theme.spacing(1.5),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
  headline: css({ margin: theme.spacing(1.5, 0, 1), fontSize: theme.typography.h4.fontSize }),
  findings: css({ margin: 0, paddingLeft: theme.spacing(2.5), li: { marginBottom: theme.spacing(0.5) } }),
  muted: css({ color: theme.colors.text.secondary, margin: 0 }),
});
