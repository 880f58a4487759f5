import { css } from '@emotion/css';
import { GrafanaTheme2, QueryResultMetaNotice } from '@grafana/data';
import { Alert, Badge, Stack, useStyles2 } from '@grafana/ui';
import { CriticalPath } from '../../trace/criticalPath';
import { AttachedLogs } from '../../trace/traceLogs';
import { formatMs } from '../../trace/traceTreeRows';
import { TraceTree } from '../../trace/traceTree';
import { testIds } from '../../testIds';
import { AssetLink } from '../common/AssetLink';
import { CompareLink } from '../compare/CompareLink';
import { formatTime } from '../../views/format';

interface Props {
  traceId: string;
  tree: TraceTree;
  path: CriticalPath;
  logs: AttachedLogs;
  notices: QueryResultMetaNotice[];
  assetTag?: string;
}

/** What the trace is at a glance: root operation, asset, timing, size, errors, how the logs were matched. */
export function TraceSummary({ traceId, tree, path, logs, notices, assetTag = 'asset_name' }: Props) {
  const styles = useStyles2(getStyles);
  const root = tree.roots.length ? tree.spans[tree.roots[0]] : undefined;
  const errors = tree.error.reduce((n, e) => n + e, 0);
  const services = new Set(tree.spans.map((s) => s.serviceName)).size;
  const onPath = path.onPath.reduce((n, e) => n + e, 0);
  const asset = root?.tags?.find((t) => t.key === assetTag)?.value;
  const attached = logs.bySpanId + logs.byTime;
  return (
    <div className={styles.summary} data-testid={testIds.trace.summary}>
      <Stack gap={2} alignItems="center" wrap="wrap">
        <strong>{root?.operationName ?? traceId}</strong>
        {typeof asset === 'string' && asset && <AssetLink asset={asset} />}
        {typeof asset === 'string' && asset && <CompareLink asset={asset} trace={traceId} />}
        {errors > 0 ? (
          <Badge color="red" icon="exclamation-circle" text={`${errors} error span${errors === 1 ? '' : 's'}`} />
        ) : (
          <Badge color="green" text="no errors" />
        )}
        <span>{formatMs(tree.end - tree.start)}</span>
        <span className={styles.muted}>
          {tree.spans.length} spans · {services} service{services === 1 ? '' : 's'} · {onPath} on the critical path
        </span>
        <span className={styles.muted}>started {formatTime(tree.spans.length ? tree.start : undefined)}</span>
        <span className={styles.muted}>
          {attached + logs.unattached.length} log lines: {logs.bySpanId} by span id, {logs.byTime} by time,{' '}
          {logs.unattached.length} outside every span
        </span>
        <span className={styles.muted}>trace {traceId}</span>
      </Stack>
      {[...tree.warnings, ...notices.map((n) => n.text)].map((w) => (
        <Alert key={w} severity="info" title={w} bottomSpacing={0} topSpacing={1} />
      ))}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  summary: css({
    padding: theme.spacing(1.5),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
  muted: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
});
