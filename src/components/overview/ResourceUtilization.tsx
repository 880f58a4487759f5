import { Grid } from '@grafana/ui';
import { SystemUtilization } from '../../model';
import { containerHealth, UTILIZATION_THRESHOLDS as T } from '../../views/overviewAlerts';
import { thresholds } from '../../views/displayValue';
import { GaugeBar } from '../common/GaugeBar';
import { StatValue } from '../common/StatValue';

const LEVEL_COLOR = {
  ok: 'green',
  warning: 'orange',
  critical: 'red',
  unknown: 'text',
};

/** Disk and memory utilization gauges, lake size and container health. */
export function ResourceUtilization({ system }: { system: SystemUtilization }) {
  const containers = containerHealth(system);
  const usage = thresholds('green', [T.warning, 'orange'], [T.critical, 'red']);
  return (
    <Grid gap={2} columns={{ xs: 1, sm: 2, lg: 4 }} alignItems="center">
      <GaugeBar
        title="Disk"
        value={system.diskUsagePercent}
        unit="percent"
        decimals={1}
        min={0}
        max={100}
        thresholds={usage}
        height={40}
      />
      <GaugeBar
        title="Memory"
        value={system.memoryUsagePercent}
        unit="percent"
        decimals={1}
        min={0}
        max={100}
        thresholds={usage}
        height={40}
      />
      <StatValue title="Lake size" value={system.lakeSizeBytes} unit="decbytes" decimals={1} color="blue" height={80} />
      <StatValue
        title="Healthy containers"
        value={containers.level === 'unknown' ? undefined : containers.healthy}
        text={containers.level === 'unknown' ? undefined : `${containers.healthy} / ${containers.total}`}
        color={LEVEL_COLOR[containers.level]}
        height={80}
      />
    </Grid>
  );
}
