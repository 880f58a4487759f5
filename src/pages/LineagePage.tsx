import { useMemo } from 'react';
import { EmptyState } from '@grafana/ui';
import { PageScaffold } from '../components/common/PageScaffold';
import { LineageExplorer } from '../components/lineage/LineageExplorer';
import { useLineageModel } from '../components/lineage/useLineageModel';
import { statusesPending } from '../lineage/lineageGraphFrames';
import { CascadeQuery } from '../datasource/types';
import { useAppSettings, useCascadeDatasource } from '../hooks/useCascadeDatasource';
import { useCascadeQuery } from '../hooks/useCascadeQuery';
import { useUrlTimeRange } from '../hooks/useUrlTimeRange';
import { testIds } from '../testIds';

/**
 * Lineage health: the asset DAG from the data source's `lineage` query (the Node Graph frames a
 * dashboard would use) joined with `health` for reasons and the latest trace, on a canvas that
 * stays fast for thousands of assets. Loaded lazily by the app (default export).
 */
export default function LineagePage() {
  const dsState = useCascadeDatasource();
  const settings = useAppSettings();
  const time = useUrlTimeRange();
  const queries = useMemo<CascadeQuery[]>(
    () => [
      // No p95/p99 on this page: without recording rules they are Prometheus' most expensive queries.
      { refId: 'lineage', queryType: 'lineage', rules: settings.rules, quantiles: [] },
      { refId: 'health', queryType: 'health', rules: settings.rules, quantiles: [] },
    ],
    [settings.rules]
  );
  const result = useCascadeQuery(dsState.ds, queries, time.range, time.refreshKey);
  const model = useLineageModel(result.series, result.loading);
  // Streamed: the DAG paints from the first packet, statuses colour it when they arrive.
  const pending = result.loading && statusesPending(result.series);

  let body;
  if (model) {
    body = <LineageExplorer graph={model.graph} layout={model.layout} statusPending={pending} />;
  } else if (!result.loading && !dsState.loading) {
    body = (
      <EmptyState variant="not-found" message="No assets">
        {result.errors.length
          ? 'The lineage and health queries failed (see above).'
          : 'The data source returned no assets for the selected time range.'}
      </EmptyState>
    );
  }
  return (
    <PageScaffold
      testId={testIds.lineage.container}
      subTitle="The asset DAG, bronze → silver → gold, coloured by health. Click an asset to trace what feeds it and what it breaks."
      time={time}
      loading={result.loading}
      errors={result.errors}
      datasource={dsState}
    >
      {body}
    </PageScaffold>
  );
}
