import { useMemo } from 'react';
import { Grid } from '@grafana/ui';
import { ActiveAlerts } from '../components/overview/ActiveAlerts';
import { ExecutionTimesTable } from '../components/overview/ExecutionTimesTable';
import { FreshnessStat } from '../components/overview/FreshnessStat';
import { PipelineStatusPanel } from '../components/overview/PipelineStatusPanel';
import { QualityChecksTable } from '../components/overview/QualityChecksTable';
import { QualityStat } from '../components/overview/QualityStat';
import { ResourceUtilization } from '../components/overview/ResourceUtilization';
import { PageScaffold } from '../components/common/PageScaffold';
import { Section } from '../components/common/Section';
import { failedSourceOf, missingSourceOf } from '../views/sourceErrors';
import { CascadeQuery } from '../datasource/types';
import { useAppSettings, useCascadeDatasource } from '../hooks/useCascadeDatasource';
import { useCascadeQuery } from '../hooks/useCascadeQuery';
import { useEffectiveRules } from '../hooks/useEffectiveRules';
import { useUrlTimeRange } from '../hooks/useUrlTimeRange';
import { healthFromFrame } from '../frames/healthFrame';
import { incidentsFromFrame } from '../frames/incidentsFrame';
import { IncidentList } from '../components/incidents/IncidentList';
import { slaFor } from '../rules/healthRules';
import { sortAlerts } from '../views/overviewAlerts';
import { baselineRange, executionTimes } from '../views/overviewExecution';
import { latestChecks, meanByAsset, metricSeries } from '../views/overviewSeries';
import { framesFor } from '../frames/frameKit';
import { pipelineStatus, qualityScore, sortChecks, worstFreshness } from '../views/overviewStatus';
import { alertsFromFrame, systemFromFrame } from '../frames/signalFrames';
import { testIds } from '../testIds';

/** An asset is flagged slow when its avg or p95 exceeds this multiple of its own baseline. */
export const SLOW_FACTOR = 1.5;
const BASELINE_POINTS = 28;

/** The default page: the seed's Operations Dashboard, every number linked to the asset behind it. */
export default function OverviewPage() {
  const dsState = useCascadeDatasource();
  const { ds } = dsState;
  const settings = useAppSettings();
  const { rules } = useEffectiveRules(ds?.uid);
  const time = useUrlTimeRange();

  const queries = useMemo<CascadeQuery[]>(
    () => [
      // Execution times compare avg and p95 with their baselines; p99 is not shown here.
      { refId: 'health', queryType: 'health', rules: settings.rules, quantiles: ['p95'] },
      // Shares the health query's requests (identical GETs are sent once); incidents show no run-time quantile.
      { refId: 'incidents', queryType: 'incidents', rules: settings.rules, quantiles: [] },
      { refId: 'checks', queryType: 'metrics', metric: 'passRate' },
      { refId: 'alerts', queryType: 'alerts' },
      { refId: 'system', queryType: 'system' },
    ],
    [settings.rules]
  );
  const main = useCascadeQuery(ds, queries, time.range, time.refreshKey);
  const baseRange = useMemo(() => baselineRange(time.range), [time.range]);
  const baselineQueries = useMemo<CascadeQuery[]>(
    () => [
      {
        refId: 'baselineAvg',
        queryType: 'metrics',
        metric: 'duration',
        stat: 'avg',
      },
      {
        refId: 'baselineP95',
        queryType: 'metrics',
        metric: 'duration',
        stat: 'p95',
      },
    ],
    []
  );
  // A baseline is a mean over days: 28 points (6 h steps over a week) say as much as 500 and cost far less.
  const baseline = useCascadeQuery(ds, baselineQueries, baseRange, time.refreshKey, BASELINE_POINTS);

  const model = useMemo(() => {
    const health = framesFor(main.series, 'health', 'health').flatMap(healthFromFrame);
    const checks = sortChecks(latestChecks(metricSeries(main.series, 'checks')));
    const worst = worstFreshness(health);
    return {
      health,
      incidents: framesFor(main.series, 'incidents', 'incidents').flatMap(incidentsFromFrame),
      checks,
      status: pipelineStatus(health),
      worst,
      worstSla: worst ? slaFor(worst.asset, rules) : undefined,
      quality: qualityScore(checks, health, rules.minPassRate),
      alerts: sortAlerts(framesFor(main.series, 'alerts', 'alerts').flatMap(alertsFromFrame)),
      // A system frame whose metrics are all missing is no data, not a row of empty gauges.
      system: framesFor(main.series, 'system', 'system')
        .map(systemFromFrame)
        .find((s) => Object.values(s).some((v) => v !== undefined)),
      execution: executionTimes(
        health,
        {
          avg: meanByAsset(metricSeries(baseline.series, 'baselineAvg')),
          p95: meanByAsset(metricSeries(baseline.series, 'baselineP95')),
        },
        SLOW_FACTOR
      ),
    };
  }, [main.series, baseline.series, rules]);

  const errors = [...main.errors, ...baseline.errors];
  const healthFailed = failedSourceOf(main.errors, 'health');
  // Freshness, quality and runtimes are Prometheus' only: a Loki or Jaeger failure leaves them alone.
  const promMissing = missingSourceOf(main.errors, ['health', 'checks'], ['prometheus']);
  const loading = main.loading || baseline.loading;
  // Statuses and freshness are final in health's first packet; its p95 (execution times) comes later.
  const healthLoading = main.loadingOf('health', true);
  return (
    <PageScaffold
      testId={testIds.overview.container}
      subTitle="Pipeline health at a glance"
      time={time}
      loading={loading}
      errors={errors}
      datasource={dsState}
    >
      <Section
        title={`Incidents${model.incidents.length ? ` (${model.incidents.length})` : ''}`}
        testId={testIds.overview.incidents}
        loading={main.loadingOf('incidents')}
        empty={!model.incidents.length}
        emptyText="No incidents: no unhealthy asset."
        failedSource={failedSourceOf(main.errors, 'incidents')}
      >
        <IncidentList incidents={model.incidents} nowMs={time.range.to.valueOf()} />
      </Section>
      <Grid gap={2} columns={{ xs: 1, md: 3 }}>
        <Section
          title="Pipeline status"
          testId={testIds.overview.pipelineStatus}
          loading={healthLoading}
          empty={!model.health.length && (healthLoading || Boolean(healthFailed))}
          failedSource={healthFailed}
        >
          <PipelineStatusPanel status={model.status} />
        </Section>
        <Section
          title="Data freshness"
          testId={testIds.overview.freshness}
          loading={healthLoading}
          empty={!model.health.length || Boolean(promMissing)}
          failedSource={promMissing}
        >
          <FreshnessStat worst={model.worst} sla={model.worstSla} />
        </Section>
        <Section
          title="Quality score"
          testId={testIds.overview.quality}
          loading={healthLoading || main.loadingOf('checks')}
          empty={(!model.health.length && !model.checks.length) || Boolean(promMissing)}
          failedSource={promMissing}
        >
          <QualityStat score={model.quality} minPassRate={rules.minPassRate} />
        </Section>
      </Grid>
      <Section
        title="Asset execution times"
        testId={testIds.overview.executionTimes}
        loading={loading}
        empty={!model.execution.length}
        emptyText="No asset ran in the time range."
        failedSource={promMissing}
      >
        <ExecutionTimesTable rows={model.execution} factor={SLOW_FACTOR} />
      </Section>
      {/* Side by side only from xl (1200 px): at 1024 px the pass-rate gauges need the full width. */}
      <Grid gap={2} columns={{ xs: 1, xl: 2 }}>
        <Section
          title="Data quality checks"
          testId={testIds.overview.checks}
          loading={main.loadingOf('checks')}
          empty={!model.checks.length}
          emptyText="No validation pass rates in the time range."
          failedSource={failedSourceOf(main.errors, 'checks')}
        >
          <QualityChecksTable checks={model.checks} minPassRate={rules.minPassRate} />
        </Section>
        <Section
          title={`Active alerts${model.alerts.length ? ` (${model.alerts.length})` : ''}`}
          testId={testIds.overview.alerts}
          loading={main.loadingOf('alerts')}
          empty={!model.alerts.length}
          emptyText="No alerts firing or pending."
          failedSource={failedSourceOf(main.errors, 'alerts')}
        >
          <ActiveAlerts alerts={model.alerts} />
        </Section>
      </Grid>
      <Section
        title="Resource utilization"
        testId={testIds.overview.resources}
        loading={main.loadingOf('system')}
        empty={!model.system}
        emptyText="No resource metrics (disk, memory, lake size, containers) in the time range."
        failedSource={failedSourceOf(main.errors, 'system')}
      >
        {model.system && <ResourceUtilization system={model.system} />}
      </Section>
    </PageScaffold>
  );
}
