import { css } from '@emotion/css';
import { DataFrame, DataQueryError, dateTime, GrafanaTheme2, TimeRange } from '@grafana/data';
import { Alert, Button, LoadingPlaceholder, useStyles2 } from '@grafana/ui';
import { failedSourceOf, SOURCE_NAMES } from '../../views/sourceErrors';
import { SpanDetails } from './SpanDetails';
import { TraceFilters } from './TraceFilters';
import { TraceSummary } from './TraceSummary';
import { TraceWaterfall } from './TraceWaterfall';
import { useTraceModel } from './useTraceModel';
import { useTraceView } from './useTraceView';

interface Props {
  traceId: string;
  series: DataFrame[];
  errors: DataQueryError[];
  loading: boolean;
  range: TimeRange;
  setRange: (range: TimeRange) => void;
  assetTag?: string;
}

/** Logs are searched this far around the trace when the user asks for the trace's own range. */
const MARGIN_MS = 60_000;

/** One trace: summary, filters, the virtualized waterfall with logs under their spans, and details. */
export function TraceDrilldown({ traceId, series, errors, loading, range, setRange, assetTag }: Props) {
  const styles = useStyles2(getStyles);
  const model = useTraceModel(series);
  const view = useTraceView(model);
  const { tree, logs } = model;
  const jaegerFailed = failedSourceOf(errors, 'trace');
  const lokiFailed = failedSourceOf(errors, 'logs');
  const lineCount = logs.lines.length + logs.unattached.length;
  const hasSpans = tree.spans.length > 0;
  const outside = hasSpans && (tree.start < range.from.valueOf() || tree.end > range.to.valueOf());

  if (loading && !hasSpans && lineCount === 0) {
    return <LoadingPlaceholder text={`Loading trace ${traceId}…`} />;
  }
  const applyTraceRange = () => {
    const from = dateTime(tree.start - MARGIN_MS);
    const to = dateTime(tree.end + MARGIN_MS);
    setRange({ from, to, raw: { from, to } });
  };

  return (
    <div className={styles.layout}>
      {hasSpans && (
        <TraceSummary
          traceId={traceId}
          tree={tree}
          path={model.path}
          logs={logs}
          notices={model.notices}
          assetTag={assetTag}
        />
      )}
      {!hasSpans && !loading && (
        <Alert
          severity={jaegerFailed ? 'error' : 'warning'}
          title={
            jaegerFailed
              ? `${SOURCE_NAMES[jaegerFailed]} could not return trace ${traceId}`
              : `Trace ${traceId} has no spans`
          }
          bottomSpacing={0}
        >
          {lineCount > 0
            ? `Showing its ${lineCount} log line${lineCount === 1 ? '' : 's'} from Loki without the span tree.`
            : 'No log lines were found for it either.'}
        </Alert>
      )}
      {lokiFailed && hasSpans && (
        <Alert
          severity="warning"
          title={`${SOURCE_NAMES[lokiFailed]} failed: the spans are shown without their logs`}
          bottomSpacing={0}
        />
      )}
      {outside && (
        <Alert severity="info" title="The trace lies outside the selected time range" bottomSpacing={0}>
          Its logs are searched in the selected range, so some may be missing.{' '}
          <Button size="sm" variant="secondary" onClick={applyTraceRange}>
            Use the trace’s time range
          </Button>
        </Alert>
      )}
      <TraceFilters view={view} logCount={lineCount} />
      <div className={styles.main}>
        <TraceWaterfall model={model} view={view} />
        {view.selection && (
          <aside className={styles.details} aria-label="Details">
            <SpanDetails
              tree={tree}
              logs={logs}
              pathBySpan={model.pathBySpan}
              selection={view.selection}
              assetTag={assetTag}
              onSelectSpan={view.selectSpan}
              onClose={() => (view.selection?.kind === 'log' ? view.selectLog(undefined) : view.selectSpan(undefined))}
            />
          </aside>
        )}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  layout: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1.5) }),
  main: css({
    display: 'flex',
    gap: theme.spacing(1.5),
    alignItems: 'flex-start',
    [theme.breakpoints.down('lg')]: { flexDirection: 'column', alignItems: 'stretch' },
  }),
  details: css({
    width: 420,
    flexShrink: 0,
    maxHeight: 'calc(100vh - 380px)',
    overflowY: 'auto',
    padding: theme.spacing(1.5),
    background: theme.colors.background.primary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
    [theme.breakpoints.down('lg')]: { width: '100%' },
  }),
});
