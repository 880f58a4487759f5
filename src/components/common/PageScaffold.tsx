import { ReactNode } from 'react';
import { css } from '@emotion/css';
import { DataQueryError, GrafanaTheme2, NavModelItem, TimeRange } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { Alert, LoadingPlaceholder, Stack, useStyles2 } from '@grafana/ui';
import { testIds } from '../../testIds';
import { SourceStatus } from './SourceStatus';
import { TimeControls } from './TimeControls';

interface Props {
  /** data-testid of the page container */
  testId: string;
  subTitle?: ReactNode;
  pageNav?: NavModelItem;
  /** page filters, left of the time controls */
  filters?: ReactNode;
  time: { range: TimeRange; setRange: (r: TimeRange) => void; refresh: () => void };
  loading?: boolean;
  errors?: DataQueryError[];
  /** the Cascade data source lookup (useCascadeDatasource) */
  datasource: { loading: boolean; error?: string };
  children: ReactNode;
}

/**
 * Every Cascade page: Grafana's PluginPage chrome, a toolbar with the page filters, time range and
 * refresh pickers, one alert per failing source, then the page's sections.
 */
export function PageScaffold({
  testId,
  subTitle,
  pageNav,
  filters,
  time,
  loading,
  errors = [],
  datasource,
  children,
}: Props) {
  const styles = useStyles2(getStyles);
  let body: ReactNode = children;
  if (datasource.error) {
    body = (
      <Alert severity="error" title="Cascade data source unavailable" data-testid={testIds.sourceError('cascade')}>
        {datasource.error}
      </Alert>
    );
  } else if (datasource.loading) {
    body = <LoadingPlaceholder text="Loading the Cascade data source…" />;
  }
  return (
    <PluginPage subTitle={subTitle} pageNav={pageNav}>
      <div className={styles.page} data-testid={testId}>
        <div className={styles.toolbar} role="toolbar" aria-label="Page controls">
          <Stack gap={1} alignItems="center" wrap="wrap">
            {filters}
          </Stack>
          <TimeControls range={time.range} onChange={time.setRange} onRefresh={time.refresh} loading={loading} />
        </div>
        {!datasource.error && !datasource.loading && <SourceStatus errors={errors} />}
        {body}
      </div>
    </PluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  toolbar: css({
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    alignItems: 'center',
    gap: theme.spacing(1),
  }),
});
