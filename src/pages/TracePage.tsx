import { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import { PageScaffold } from '../components/common/PageScaffold';
import { Section } from '../components/common/Section';
import { failedSourceOf } from '../views/sourceErrors';
import { TraceDrilldown } from '../components/trace/TraceDrilldown';
import { RecentTraces, TraceIdSearch } from '../components/trace/TraceSearch';
import { CascadeQuery } from '../datasource/types';
import { useCascadeDatasource } from '../hooks/useCascadeDatasource';
import { useCascadeQuery } from '../hooks/useCascadeQuery';
import { useEffectiveRules } from '../hooks/useEffectiveRules';
import { useUrlTimeRange } from '../hooks/useUrlTimeRange';
import { resolveMapping } from '../model';
import { findFrames } from '../frames/frameKit';
import { tracesFromFrame } from '../frames/signalFrames';
import { testIds } from '../testIds';
import { traceUrl } from '../utils/routing';
import { shortTraceId } from '../views/format';
import { filterTraces, traceAssets, traceStatusFilter } from '../views/traceList';
import { TraceListFilters } from '../components/trace/TraceListFilters';
import { useUrlState } from '../hooks/useUrlState';

/** Max log lines fetched for one trace (the data source caps this at its own maxLogLines). */
const TRACE_LOG_LIMIT = 5000;

/**
 * Trace drill-down. `traces`: a trace id search and the recent traces (failed first);
 * `traces/:traceId`: the span waterfall with the trace's Loki logs under their spans.
 * Loaded lazily by the app (default export).
 */
export default function TracePage() {
  const { traceId } = useParams<{ traceId?: string }>();
  return traceId ? <TraceDrilldownPage traceId={traceId} /> : <TraceSearchPage />;
}

function TraceSearchPage() {
  const dsState = useCascadeDatasource();
  const time = useUrlTimeRange();
  const [asset, setAsset] = useUrlState('asset');
  const [statusParam, setStatus] = useUrlState('status', 'all');
  const status = traceStatusFilter(statusParam);
  // One asset is asked of the trace backend (its own 100 newest), not cut from everyone's 100.
  const queries = useMemo<CascadeQuery[]>(
    () => [{ refId: 'traces', queryType: 'traces', limit: 100, ...(asset ? { assets: [asset] } : {}) }],
    [asset]
  );
  const result = useCascadeQuery(dsState.ds, queries, time.range, time.refreshKey);
  const all = useMemo(() => findFrames(result.series, 'traces').flatMap(tracesFromFrame), [result.series]);
  const traces = useMemo(() => filterTraces(all, { asset, status }), [all, asset, status]);
  const filtered = asset !== '' || status !== 'all';
  return (
    <PageScaffold
      testId={testIds.trace.container}
      subTitle="Open a pipeline run's trace by id, or pick a recent one (failed first)."
      filters={
        <>
          <TraceIdSearch />
          <TraceListFilters
            assets={traceAssets(all, asset)}
            asset={asset}
            onAsset={setAsset}
            status={status}
            onStatus={setStatus}
          />
        </>
      }
      time={time}
      loading={result.loading}
      errors={result.errors}
      datasource={dsState}
    >
      <Section
        title="Recent traces"
        loading={result.loading}
        empty={traces.length === 0}
        emptyText={
          filtered ? 'No traces match the filters in the selected time range.' : 'No traces in the selected time range.'
        }
        failedSource={failedSourceOf(result.errors, 'traces')}
      >
        <RecentTraces traces={traces} />
      </Section>
    </PageScaffold>
  );
}

function TraceDrilldownPage({ traceId }: { traceId: string }) {
  const dsState = useCascadeDatasource();
  const { json } = useEffectiveRules(dsState.ds?.uid);
  const time = useUrlTimeRange();
  const queries = useMemo<CascadeQuery[]>(
    () => [
      { refId: 'trace', queryType: 'trace', traceId },
      { refId: 'logs', queryType: 'logs', traceId, limit: TRACE_LOG_LIMIT },
    ],
    [traceId]
  );
  const result = useCascadeQuery(dsState.ds, queries, time.range, time.refreshKey);
  const assetTag = resolveMapping(json?.mapping).jaegerAssetTag;
  return (
    <PageScaffold
      testId={testIds.trace.container}
      subTitle="Span waterfall with the critical path and the trace's Loki logs under their spans."
      pageNav={{ text: `Trace ${shortTraceId(traceId)}`, url: traceUrl(traceId) }}
      filters={<TraceIdSearch />}
      time={time}
      loading={result.loading}
      errors={result.errors}
      datasource={dsState}
    >
      <TraceDrilldown
        key={traceId}
        traceId={traceId}
        series={result.series}
        errors={result.errors}
        loading={result.loading}
        range={time.range}
        setRange={time.setRange}
        assetTag={assetTag}
      />
    </PageScaffold>
  );
}
