import { useMemo } from 'react';
import { Grid, Pagination, RadioButtonGroup, Stack } from '@grafana/ui';
import { AssetFilters } from '../components/common/AssetFilters';
import { formatValue } from '../views/format';
import { PageScaffold } from '../components/common/PageScaffold';
import { Section } from '../components/common/Section';
import { missingSourceOf } from '../views/sourceErrors';
import { FreshnessGauge } from '../components/freshness/FreshnessGauge';
import { CascadeQuery } from '../datasource/types';
import { useAppSettings, useCascadeDatasource } from '../hooks/useCascadeDatasource';
import { useCascadeQuery } from '../hooks/useCascadeQuery';
import { useEffectiveRules } from '../hooks/useEffectiveRules';
import { useTimeZone } from '../hooks/useTimeZone';
import { useUrlState } from '../hooks/useUrlState';
import { useUrlTimeRange } from '../hooks/useUrlTimeRange';
import { resolveMapping } from '../model';
import { healthFromFrame } from '../frames/healthFrame';
import {
  complianceByAsset,
  filterFreshness,
  FreshnessLevel,
  freshnessAgeQuery,
  freshnessRows,
  levelCounts,
  overallCompliance,
} from '../views/freshness';
import { metricSeries } from '../views/overviewSeries';
import { framesFor } from '../frames/frameKit';
import { testIds } from '../testIds';
import { forecastFromFrame } from '../frames/incidentsFrame';
import { ForecastList } from '../components/freshness/ForecastList';

const PAGE_SIZE = 48;
const LEVELS: Array<{ value: FreshnessLevel | ''; label: string }> = [
  { value: '', label: 'All' },
  { value: 'critical', label: 'Critical' },
  { value: 'warning', label: 'Warning' },
  { value: 'unknown', label: 'No data' },
  { value: 'ok', label: 'Within SLA' },
];

/** One gauge per asset: age against its SLA, most urgent first, with the why and SLA compliance over the range. */
export default function FreshnessPage() {
  const dsState = useCascadeDatasource();
  const { ds } = dsState;
  const settings = useAppSettings();
  const { rules, json } = useEffectiveRules(ds?.uid);
  const time = useUrlTimeRange();
  const timeZone = useTimeZone();
  const [search, setSearch] = useUrlState('q');
  const [level, setLevel] = useUrlState('level');
  const [layer, setLayer] = useUrlState('layer');
  const [pageParam, setPage] = useUrlState('page', '1');

  const queries = useMemo<CascadeQuery[]>(
    () => [
      { refId: 'health', queryType: 'health', rules: settings.rules, quantiles: [] },
      { refId: 'freshness', queryType: 'metrics', metric: 'freshness' },
      // The forecast (soonest SLA breach first): the health requests are shared, plus the diagnosis' 3.
      { refId: 'forecast', queryType: 'incidents', rules: settings.rules, quantiles: [] },
    ],
    [settings.rules]
  );
  const result = useCascadeQuery(ds, queries, time.range, time.refreshKey);
  const mapping = useMemo(() => resolveMapping(json?.mapping), [json]);

  const model = useMemo(() => {
    const rows = freshnessRows(framesFor(result.series, 'health', 'health').flatMap(healthFromFrame), rules);
    const compliance = complianceByAsset(metricSeries(result.series, 'freshness'), rules, {
      from: time.range.from.valueOf(),
      to: time.range.to.valueOf(),
    });
    return {
      rows,
      forecast: framesFor(result.series, 'forecast', 'forecast').flatMap(forecastFromFrame),
      counts: levelCounts(rows),
      layers: Array.from(new Set(rows.map((r) => r.layer).filter((l): l is string => Boolean(l)))).sort(),
      compliance,
      overall: overallCompliance(compliance),
    };
  }, [result.series, rules, time.range]);

  const visible = useMemo(
    () =>
      filterFreshness(model.rows, {
        search,
        levels: level ? [level as FreshnessLevel] : [],
        layers: layer ? [layer] : [],
      }),
    [model.rows, search, level, layer]
  );
  const pages = Math.max(1, Math.ceil(visible.length / PAGE_SIZE));
  const page = Math.min(Math.max(1, Number(pageParam) || 1), pages);
  const shown = visible.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const levelOptions = LEVELS.map((l) => ({
    ...l,
    label: l.value ? `${l.label} (${model.counts[l.value]})` : l.label,
  }));
  const resetPage =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage('1');
    };

  const overall = model.overall.withinWarning;
  // Ages and statuses are final in health's first packet; compliance and the forecast fill in as they arrive.
  const gaugesLoading = result.loadingOf('health', true);
  // Ages, forecasts and compliance are all Prometheus': without it, the page says so instead of 'no update'.
  const promMissing = missingSourceOf(result.errors, ['health', 'freshness', 'forecast'], ['prometheus']);
  return (
    <PageScaffold
      testId={testIds.freshness.container}
      subTitle="Time since each asset's last update against its SLA, most urgent first"
      time={time}
      loading={result.loading}
      errors={result.errors}
      datasource={dsState}
      filters={
        <AssetFilters
          search={search}
          onSearch={resetPage(setSearch)}
          layers={model.layers}
          layer={layer}
          onLayer={resetPage(setLayer)}
        >
          <RadioButtonGroup
            aria-label="Freshness level"
            options={levelOptions}
            value={level as FreshnessLevel | ''}
            onChange={resetPage(setLevel)}
          />
        </AssetFilters>
      }
    >
      <Section
        title="Forecast: soonest SLA breach first"
        testId={testIds.freshness.forecast}
        loading={result.loadingOf('forecast')}
        empty={!model.forecast.length || Boolean(promMissing)}
        emptyText="No forecast: no asset reported an update in the time range."
        failedSource={promMissing}
      >
        <ForecastList forecasts={model.forecast} nowMs={time.range.to.valueOf()} />
      </Section>
      <Section
        title={
          overall === undefined
            ? 'Freshness by asset'
            : `Freshness by asset · SLA compliance over the range: ${formatValue(overall * 100, 'percent', 1)} (within critical ${formatValue((model.overall.withinCritical ?? 0) * 100, 'percent', 1)})`
        }
        loading={gaugesLoading}
        empty={!visible.length || Boolean(promMissing)}
        emptyText={model.rows.length ? 'No asset matches the filters.' : 'No assets reported in the time range.'}
        failedSource={promMissing}
      >
        <Stack direction="column" gap={2}>
          <Grid gap={2} minColumnWidth={44}>
            {shown.map((row) => (
              <FreshnessGauge
                key={row.asset}
                row={row}
                compliance={model.compliance.get(row.asset)}
                complianceLoading={result.loadingOf('freshness')}
                {...freshnessAgeQuery(row.asset, mapping, json?.prometheusUid, time.range.raw)}
                evaluatedAt={time.range.to.valueOf()}
                timeZone={timeZone}
              />
            ))}
          </Grid>
          <Pagination
            currentPage={page}
            numberOfPages={pages}
            onNavigate={(p) => setPage(String(p))}
            hideWhenSinglePage
          />
        </Stack>
      </Section>
    </PageScaffold>
  );
}
