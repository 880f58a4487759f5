import { Grid } from '@grafana/ui';
import { AssetHealth } from '../../model';
import { RunSummary } from '../../views/assetPage';
import { thresholds } from '../../views/displayValue';
import { formatValue } from '../../views/format';
import { StatValue } from '../common/StatValue';

/** Runs, successes, failures and avg / p95 / p99 runtime over the range. */
export function RunStats({ runs, row, maxErrorRate }: { runs: RunSummary; row?: AssetHealth; maxErrorRate: number }) {
  const pct = (v?: number) => (v === undefined ? '' : ` (${formatValue(v * 100, 'percent', 2)})`);
  return (
    <Grid gap={1} columns={{ xs: 2, md: 3 }}>
      <StatValue title="Runs" value={runs.runs} decimals={0} color="text" height={80} />
      <StatValue
        title="Successes"
        value={runs.successes}
        text={runs.successes !== undefined ? `${runs.successes}${pct(runs.successRate)}` : undefined}
        color="green"
        height={80}
      />
      <StatValue
        title="Failures"
        value={runs.failureRate}
        text={runs.failures !== undefined ? `${runs.failures}${pct(runs.failureRate)}` : undefined}
        thresholds={thresholds('green', [Number.MIN_VALUE, 'orange'], [maxErrorRate + Number.EPSILON, 'red'])}
        height={80}
      />
      <StatValue title="Avg runtime" value={row?.avgDuration} unit="s" color="blue" height={80} />
      <StatValue title="p95 runtime" value={row?.p95Duration} unit="s" color="blue" height={80} />
      <StatValue title="p99 runtime" value={row?.p99Duration} unit="s" color="blue" height={80} />
    </Grid>
  );
}
