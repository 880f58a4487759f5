import { useMemo } from 'react';
import { Alert } from '@grafana/ui';
import { PageScaffold } from '../components/common/PageScaffold';
import { Section } from '../components/common/Section';
import { CompareSummary } from '../components/compare/CompareSummary';
import { NewLogLines } from '../components/compare/NewLogLines';
import { SpanDiffTable } from '../components/compare/SpanDiffTable';
import { CascadeQuery } from '../datasource/types';
import { findFrames } from '../frames/frameKit';
import { tracesFromFrame } from '../frames/signalFrames';
import { useCascadeDatasource } from '../hooks/useCascadeDatasource';
import { useCascadeQuery } from '../hooks/useCascadeQuery';
import { useEffectiveRules } from '../hooks/useEffectiveRules';
import { useUrlState } from '../hooks/useUrlState';
import { useUrlTimeRange } from '../hooks/useUrlTimeRange';
import { resolveMapping } from '../model';
import { testIds } from '../testIds';
import { compareUrl } from '../utils/routing';
import { comparisonView, lastGoodRun, runAsset, runFromFrames } from '../views/compareRuns';
import { shortTraceId } from '../views/format';
import { failedSourceOf } from '../views/sourceErrors';

/** Max log lines fetched per run (the data source caps this at its own maxLogLines). */
const LOG_LIMIT = 5000;
/** Runs of the asset searched for the last good one. */
const RUN_LIMIT = 100;

const runQueries = (traceId: string, prefix: string): CascadeQuery[] => [
  { refId: `${prefix}-trace`, queryType: 'trace', traceId },
  { refId: `${prefix}-logs`, queryType: 'logs', traceId, limit: LOG_LIMIT },
];

/**
 * Compare runs: `compare?asset=…&trace=<bad>&baseline=<good>`. Without `baseline`, the asset's last
 * good run in the time range (the `traces` list). Both runs' traces and logs come through the same
 * query layer as every page. Loaded lazily by the app (default export).
 */
export default function ComparePage() {
  const dsState = useCascadeDatasource();
  const { json } = useEffectiveRules(dsState.ds?.uid);
  const time = useUrlTimeRange();
  const [assetParam] = useUrlState('asset');
  const [traceId] = useUrlState('trace');
  const [baselineParam] = useUrlState('baseline');
  const assetTag = resolveMapping(json?.mapping).jaegerAssetTag;

  const badQueries = useMemo(() => (traceId ? runQueries(traceId, 'bad') : []), [traceId]);
  const badResult = useCascadeQuery(dsState.ds, badQueries, time.range, time.refreshKey);
  const bad = useMemo(() => runFromFrames(badResult.series, 'bad-trace', 'bad-logs'), [badResult.series]);
  const asset = assetParam || runAsset(bad, assetTag) || '';

  const listQueries = useMemo<CascadeQuery[]>(
    () => (asset && !baselineParam ? [{ refId: 'runs', queryType: 'traces', assets: [asset], limit: RUN_LIMIT }] : []),
    [asset, baselineParam]
  );
  const listResult = useCascadeQuery(dsState.ds, listQueries, time.range, time.refreshKey);
  const runs = useMemo(() => findFrames(listResult.series, 'traces').flatMap(tracesFromFrame), [listResult.series]);
  const badStart = runs.find((r) => r.traceID === traceId)?.start ?? (bad ? bad.tree.start : undefined);
  const picked = useMemo(
    () => (baselineParam ? undefined : lastGoodRun(runs, asset, traceId, badStart)),
    [baselineParam, runs, asset, traceId, badStart]
  );
  const baselineId = baselineParam || picked?.trace.traceID || '';

  const goodQueries = useMemo(() => (baselineId ? runQueries(baselineId, 'good') : []), [baselineId]);
  const goodResult = useCascadeQuery(dsState.ds, goodQueries, time.range, time.refreshKey);
  const good = useMemo(() => runFromFrames(goodResult.series, 'good-trace', 'good-logs'), [goodResult.series]);
  const view = useMemo(() => (bad && good ? comparisonView(bad, good) : undefined), [bad, good]);

  const errors = [...badResult.errors, ...listResult.errors, ...goodResult.errors];
  const listing = listQueries.length > 0 && listResult.loading;
  const loading = badResult.loading || listing || (baselineId !== '' && goodResult.loading);
  const noBaseline = !baselineParam && asset !== '' && !listing && !picked && listResult.errors.length === 0;

  let body;
  if (!traceId) {
    body = (
      <Alert
        severity="info"
        title="No run to compare: open a failed or slow run's trace and choose Compare with last good run."
      />
    );
  } else if (noBaseline) {
    body = (
      <Alert
        severity="warning"
        title={`No good run of ${asset} in the selected time range`}
        data-testid={testIds.compare.noBaseline}
      >
        Every run of {asset} found in this range failed, so there is nothing to compare with. Widen the time range to
        reach an earlier good run.
      </Alert>
    );
  } else {
    body = (
      <>
        <Section
          title="What changed"
          loading={loading}
          empty={!view}
          emptyText="One of the two runs has no spans to compare."
          failedSource={failedSourceOf(errors, 'bad-trace', 'good-trace', 'runs')}
        >
          {view && bad && good && (
            <CompareSummary
              view={view}
              asset={asset || undefined}
              bad={{ traceId, start: bad.tree.start }}
              good={{
                traceId: baselineId,
                start: good.tree.start,
                after: picked?.after ?? good.tree.start > bad.tree.start,
              }}
            />
          )}
        </Section>
        {view && (
          <Section title="Span by span">
            <SpanDiffTable rows={view.rows} />
          </Section>
        )}
        {view && (
          <Section
            title="Log lines only in this run"
            empty={view.newLogs.length === 0}
            emptyText="Every message of this run was logged by the good run too."
            failedSource={failedSourceOf(errors, 'bad-logs', 'good-logs')}
          >
            <NewLogLines lines={view.newLogs} />
          </Section>
        )}
      </>
    );
  }
  return (
    <PageScaffold
      testId={testIds.compare.container}
      subTitle="A failed or slow run against the last good run of the same asset: spans, errors and log lines."
      pageNav={{
        text: traceId ? `Compare run ${shortTraceId(traceId)}` : 'Compare runs',
        url: traceId
          ? compareUrl({ asset: asset || undefined, trace: traceId, baseline: baselineParam || undefined })
          : undefined,
      }}
      time={time}
      loading={loading}
      errors={errors}
      datasource={dsState}
    >
      {body}
    </PageScaffold>
  );
}
