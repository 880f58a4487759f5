import { useMemo } from 'react';
import { useLocation, useParams } from 'react-router-dom';
import { Grid } from '@grafana/ui';
import { AssetLinksBar } from '../components/asset/AssetLinksBar';
import { AssetLogs, LogFilters } from '../components/asset/AssetLogs';
import { AssetNeighbours } from '../components/asset/AssetNeighbours';
import { AssetSummary } from '../components/asset/AssetSummary';
import { AssetTraces } from '../components/asset/AssetTraces';
import { DurationChart } from '../components/asset/DurationChart';
import { RunStats } from '../components/asset/RunStats';
import { PageScaffold } from '../components/common/PageScaffold';
import { Section } from '../components/common/Section';
import { failedSourceOf } from '../views/sourceErrors';
import { QualityChecksTable } from '../components/overview/QualityChecksTable';
import { ROUTES } from '../constants';
import type { CascadeDataSourceBase } from '../datasource/base';
import { CascadeQuery } from '../datasource/types';
import { useAppSettings, useCascadeDatasource } from '../hooks/useCascadeDatasource';
import { useCascadeQuery } from '../hooks/useCascadeQuery';
import { useEffectiveRules } from '../hooks/useEffectiveRules';
import { useTimeZone } from '../hooks/useTimeZone';
import { useUrlState } from '../hooks/useUrlState';
import { useUrlTimeRange } from '../hooks/useUrlTimeRange';
import { renameSeries, runSummary, sortTraces } from '../views/assetPage';
import { dagsterAssetUrl, signalLinks } from '../views/assetPageLinks';
import { healthFromFrame } from '../frames/healthFrame';
import { latestChecks, metricSeries } from '../views/overviewSeries';
import { framesFor } from '../frames/frameKit';
import { sortChecks } from '../views/overviewStatus';
import { logsFromFrame, tracesFromFrame } from '../frames/signalFrames';
import { testIds } from '../testIds';
import { incidentsFromFrame } from '../frames/incidentsFrame';
import { assetCausality } from '../views/incidents';
import { AssetCausality } from '../components/asset/AssetCausality';
import { compareUrl, prefixRoute, tracesListUrl } from '../utils/routing';
import { latestFailedRun } from '../views/compareRuns';
import { withTimeParams } from '../views/links';
import { traceFailed } from '../views/traceList';
import { rowsPerRunFrame, volumeSummary } from '../views/volume';
import { AssetVolume } from '../components/asset/AssetVolume';

const LOG_LIMIT = 1000;
const TRACE_LIMIT = 50;

/** One asset's health: the seed's Asset Health Dashboard, joined across metrics, logs and traces. */
export default function AssetPage() {
  const { asset = '' } = useParams();
  const dsState = useCascadeDatasource();
  const { ds } = dsState;
  const settings = useAppSettings();
  const { rules, json } = useEffectiveRules(ds?.uid);
  const time = useUrlTimeRange();
  const timeZone = useTimeZone();
  const [level, setLevel] = useUrlState('level');
  const location = useLocation();
  const [search, setSearch] = useUrlState('search');

  const assets = useMemo(() => [asset], [asset]);
  const queries = useMemo<CascadeQuery[]>(
    () => [
      { refId: 'health', queryType: 'health', assets, rules: settings.rules },
      { refId: 'avg', queryType: 'metrics', metric: 'duration', stat: 'avg', assets },
      { refId: 'p95', queryType: 'metrics', metric: 'duration', stat: 'p95', assets },
      { refId: 'p99', queryType: 'metrics', metric: 'duration', stat: 'p99', assets },
      { refId: 'checks', queryType: 'metrics', metric: 'passRate', assets },
      { refId: 'rows', queryType: 'metrics', metric: 'rows', assets },
      { refId: 'runs', queryType: 'metrics', metric: 'runs', assets },
      { refId: 'traces', queryType: 'traces', assets, limit: TRACE_LIMIT },
    ],
    [assets, settings.rules]
  );
  const main = useCascadeQuery(ds, queries, time.range, time.refreshKey);
  const logQueries = useMemo<CascadeQuery[]>(
    () => [
      {
        refId: 'logs',
        queryType: 'logs',
        assets,
        level: level || undefined,
        search: search || undefined,
        limit: LOG_LIMIT,
      },
    ],
    [assets, level, search]
  );
  const logs = useCascadeQuery(ds, logQueries, time.range, time.refreshKey);

  const row = useMemo(
    () =>
      framesFor(main.series, 'health', 'health')
        .flatMap(healthFromFrame)
        .find((r) => r.asset === asset),
    [main.series, asset]
  );
  // Caused by / causing: root causes need the whole graph, so this query is over all assets.
  const incidentQueries = useMemo<CascadeQuery[]>(
    () => [{ refId: 'incidents', queryType: 'incidents', rules: settings.rules, quantiles: [] }],
    [settings.rules]
  );
  const incidentResult = useCascadeQuery(ds, incidentQueries, time.range, time.refreshKey);
  // Neighbours' statuses: one more health query, for just those assets, once they are known.
  const neighbourNames = useMemo(() => [...(row?.upstream ?? []), ...(row?.downstream ?? [])], [row]);
  const neighbourQueries = useMemo<CascadeQuery[]>(
    () =>
      neighbourNames.length
        ? [{ refId: 'neighbours', queryType: 'health', assets: neighbourNames, rules: settings.rules }]
        : [],
    [neighbourNames, settings.rules]
  );
  const neighbourResult = useCascadeQuery(
    neighbourNames.length ? ds : undefined,
    neighbourQueries,
    time.range,
    time.refreshKey
  );

  const model = useMemo(() => {
    const named = (refId: string, name: string) => renameSeries(framesFor(main.series, 'metrics', refId), name);
    return {
      durations: [...named('avg', 'avg'), ...named('p95', 'p95'), ...named('p99', 'p99')],
      checks: sortChecks(latestChecks(metricSeries(main.series, 'checks'))),
      traces: sortTraces(framesFor(main.series, 'traces', 'traces').flatMap(tracesFromFrame)),
      causality: assetCausality(
        asset,
        framesFor(incidentResult.series, 'incidents', 'incidents').flatMap(incidentsFromFrame)
      ),
      neighbours: new Map(
        framesFor(neighbourResult.series, 'health', 'neighbours')
          .flatMap(healthFromFrame)
          .map((r) => [r.asset, r])
      ),
    };
  }, [main.series, neighbourResult.series, incidentResult.series, asset]);
  // Rows per run against the usual: the volume rule's own comparison, from the diagnosed health row.
  const volume = useMemo(() => {
    const diagnosed = framesFor(incidentResult.series, 'health', 'incidents')
      .flatMap(healthFromFrame)
      .find((r) => r.asset === asset);
    const rangeSeconds = (time.range.to.valueOf() - time.range.from.valueOf()) / 1000;
    return {
      summary: volumeSummary(diagnosed, rangeSeconds),
      frame: rowsPerRunFrame(
        framesFor(main.series, 'metrics', 'rows'),
        framesFor(main.series, 'metrics', 'runs'),
        diagnosed?.usualRowsPerRun
      ),
    };
  }, [incidentResult.series, main.series, asset, time.range]);
  const latestFailed = latestFailedRun(model.traces);
  const compareHref = latestFailed
    ? withTimeParams(compareUrl({ asset, trace: latestFailed.traceID }), location.search)
    : undefined;
  const logLines = useMemo(() => framesFor(logs.series, 'logs', 'logs').flatMap(logsFromFrame), [logs.series]);
  // The Cascade data source instance knows its trace backend (type read from Grafana's data source settings).
  const traces = (ds as Partial<Pick<CascadeDataSourceBase, 'traceBackend'>> | undefined)?.traceBackend;
  const links = useMemo(() => signalLinks(asset, json, time.range.raw, traces), [asset, json, time.range.raw, traces]);
  const healthFailed = failedSourceOf(main.errors, 'health');

  return (
    <PageScaffold
      testId={testIds.asset.container}
      pageNav={{ text: asset, parentItem: { text: 'Assets', url: prefixRoute(ROUTES.Assets) } }}
      subTitle="Status, runs, quality, lineage, logs and traces of one asset"
      time={time}
      loading={main.loading || logs.loading}
      errors={[...main.errors, ...logs.errors]}
      datasource={dsState}
    >
      <Section
        title={asset}
        testId={testIds.asset.status}
        loading={main.loading}
        empty={!row}
        emptyText={`No signals for ${asset} in the time range: check the name and the time range.`}
        failedSource={healthFailed}
        actions={
          <AssetLinksBar
            dagsterUrl={dagsterAssetUrl(settings.dagsterUrl, asset)}
            links={links}
            failedTraces={{
              count: model.traces.filter(traceFailed).length,
              href: withTimeParams(tracesListUrl({ asset, status: 'error' }), location.search),
            }}
            compareHref={compareHref}
          />
        }
      >
        {row && <AssetSummary row={row} timeZone={timeZone} />}
        <AssetCausality asset={asset} causality={model.causality} />
      </Section>
      <Section
        title="Runs"
        testId={testIds.asset.runs}
        loading={main.loading}
        empty={!row && !model.durations.length}
        failedSource={healthFailed}
      >
        <RunStats runs={runSummary(row)} row={row} maxErrorRate={rules.maxErrorRate} />
        {model.durations.length > 0 && (
          <DurationChart frames={model.durations} range={time.range} timeZone={timeZone} />
        )}
      </Section>
      <Section
        title="Row volume"
        testId={testIds.asset.volume}
        loading={main.loading || incidentResult.loading}
        empty={!volume.frame && !volume.summary.headline}
        emptyText="No rows processed by this asset's runs in the time range."
        failedSource={failedSourceOf(main.errors, 'rows', 'runs')}
      >
        <AssetVolume summary={volume.summary} frame={volume.frame} range={time.range} timeZone={timeZone} />
      </Section>
      <Grid gap={2} columns={{ xs: 1, lg: 2 }}>
        <Section
          title="Quality checks"
          testId={testIds.asset.checks}
          loading={main.loading}
          empty={!model.checks.length}
          emptyText="No validation results for this asset in the time range."
          failedSource={failedSourceOf(main.errors, 'checks')}
        >
          <QualityChecksTable checks={model.checks} minPassRate={rules.minPassRate} showAsset={false} />
        </Section>
        <Section
          title="Lineage"
          testId={testIds.asset.lineage}
          loading={main.loading}
          empty={!row}
          failedSource={healthFailed}
        >
          {row && <AssetNeighbours row={row} neighbours={model.neighbours} />}
        </Section>
      </Grid>
      <Section
        title="Logs"
        testId={testIds.asset.logs}
        loading={logs.loading}
        empty={!logLines.length}
        emptyText={
          level || search ? 'No log lines match the filters.' : 'No log lines for this asset in the time range.'
        }
        failedSource={failedSourceOf(logs.errors, 'logs')}
        actions={<LogFilters level={level} onLevel={setLevel} search={search} onSearch={setSearch} />}
      >
        <AssetLogs lines={logLines} timeZone={timeZone} />
      </Section>
      <Section
        title="Recent runs' traces"
        testId={testIds.asset.traces}
        loading={main.loading}
        empty={!model.traces.length}
        emptyText="No traces for this asset in the time range."
        failedSource={failedSourceOf(main.errors, 'traces')}
      >
        <AssetTraces traces={model.traces} timeZone={timeZone} />
      </Section>
    </PageScaffold>
  );
}
