import { useMemo } from 'react';
import { RadioButtonGroup } from '@grafana/ui';
import { AssetsTable } from '../components/asset/AssetsTable';
import { AssetFilters } from '../components/common/AssetFilters';
import { PageScaffold } from '../components/common/PageScaffold';
import { Section } from '../components/common/Section';
import { failedSourceOf } from '../views/sourceErrors';
import { AssetStatus } from '../model';
import { CascadeQuery } from '../datasource/types';
import { useAppSettings, useCascadeDatasource } from '../hooks/useCascadeDatasource';
import { useCascadeQuery } from '../hooks/useCascadeQuery';
import { useUrlState } from '../hooks/useUrlState';
import { useUrlTimeRange } from '../hooks/useUrlTimeRange';
import { filterAssets } from '../views/assetPage';
import { healthFromFrame } from '../frames/healthFrame';
import { compareUrgency, STATUS_SEVERITY } from '../rules/healthRules';
import { framesFor } from '../frames/frameKit';
import { testIds } from '../testIds';

const STATUSES = (Object.keys(STATUS_SEVERITY) as AssetStatus[]).sort(
  (a, b) => STATUS_SEVERITY[b] - STATUS_SEVERITY[a]
);

/** Every asset with its status and why, most urgent first; search, status and layer filters in the URL. */
export default function AssetsPage() {
  const dsState = useCascadeDatasource();
  const settings = useAppSettings();
  const time = useUrlTimeRange();
  const [search, setSearch] = useUrlState('q');
  const [status, setStatus] = useUrlState('status');
  const [layer, setLayer] = useUrlState('layer');
  // The command palette's "Cascade: open asset…" opens this page ready to type.
  const [focus] = useUrlState('focus');
  const queries = useMemo<CascadeQuery[]>(
    // The diagnosed rows (incidents query): volume anomalies applied, rows per run against the usual.
    () => [{ refId: 'health', queryType: 'incidents', rules: settings.rules, quantiles: ['p95'] }],
    [settings.rules]
  );
  const result = useCascadeQuery(dsState.ds, queries, time.range, time.refreshKey);

  const rows = useMemo(
    () => framesFor(result.series, 'health', 'health').flatMap(healthFromFrame).sort(compareUrgency),
    [result.series]
  );
  const layers = useMemo(
    () => Array.from(new Set(rows.map((r) => r.layer).filter((l): l is string => Boolean(l)))).sort(),
    [rows]
  );
  const visible = useMemo(
    () => filterAssets(rows, { search, statuses: status ? [status] : [], layers: layer ? [layer] : [] }),
    [rows, search, status, layer]
  );
  const statusOptions = [
    { value: '', label: 'All' },
    ...STATUSES.map((s) => ({ value: s, label: `${s} (${rows.filter((r) => r.status === s).length})` })),
  ];

  return (
    <PageScaffold
      testId={testIds.assets.container}
      subTitle="Every asset of the pipeline, most urgent first"
      time={time}
      loading={result.loading}
      errors={result.errors}
      datasource={dsState}
      filters={
        <AssetFilters
          search={search}
          onSearch={setSearch}
          layers={layers}
          layer={layer}
          onLayer={setLayer}
          autoFocusSearch={focus === 'search'}
        >
          <RadioButtonGroup aria-label="Status" options={statusOptions} value={status} onChange={setStatus} size="sm" />
        </AssetFilters>
      }
    >
      <Section
        title={`Assets (${visible.length}${visible.length !== rows.length ? ` of ${rows.length}` : ''})`}
        loading={result.loading}
        empty={!visible.length}
        emptyText={rows.length ? 'No asset matches the filters.' : 'No assets reported in the time range.'}
        failedSource={failedSourceOf(result.errors, 'health')}
      >
        <AssetsTable rows={visible} />
      </Section>
    </PageScaffold>
  );
}
