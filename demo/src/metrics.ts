import * as fs from 'node:fs';
import * as os from 'node:os';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AssetSpec, AssetState } from './types';

/** Operations of `asset_rows_processed_total`. */
export const OPERATIONS = ['fetch', 'validate', 'insert', 'update'] as const;

/** Containers reported by `container_health` (the seed's stack). */
export const CONTAINERS = ['dagster', 'minio', 'nessie', 'trino', 'postgres', 'superset'];

/** Average stored bytes per row, used to derive `storage_lake_size_bytes` from the row counts. */
export const BYTES_PER_ROW = 180;

/**
 * Geometric buckets 5 ms … ~100 s with ratio 1.3 (39 buckets): histogram_quantile's linear
 * interpolation stays within ~10% of the true p95 for durations 0.01–30 s (metrics.test.ts checks).
 */
export function durationBuckets(ratio = 1.3, from = 0.005, to = 100): number[] {
  const buckets: number[] = [];
  for (let b = from; b < to * ratio; b *= ratio) {
    buckets.push(Number(b.toPrecision(4)));
  }
  return buckets;
}

/** The demo's prom-client metrics, in their own Registry (no default process metrics). */
export class DemoMetrics {
  readonly registry = new Registry();
  readonly executionSeconds: Histogram<'asset_name' | 'status'>;
  readonly rowsProcessed: Counter<'asset_name' | 'operation'>;
  readonly rowCount: Gauge<'asset_name' | 'schema'>;
  readonly lastUpdate: Gauge<'asset_name'>;
  readonly freshness: Gauge<'asset_name'>;
  readonly passRate: Gauge<'asset_name' | 'check_name'>;
  readonly executions: Counter<'asset_name'>;
  readonly failures: Counter<'asset_name'>;

  constructor(
    private readonly assets: AssetSpec[],
    private readonly state: (name: string) => AssetState,
    private readonly now: () => number = () => Date.now() / 1000,
    buckets: number[] = durationBuckets()
  ) {
    const registers = [this.registry];
    this.executionSeconds = new Histogram({
      name: 'asset_execution_seconds',
      help: 'Asset execution time in seconds',
      labelNames: ['asset_name', 'status'],
      buckets,
      registers,
    });
    this.rowsProcessed = new Counter({
      name: 'asset_rows_processed_total',
      help: 'Total rows processed',
      labelNames: ['asset_name', 'operation'],
      registers,
    });
    this.rowCount = new Gauge({
      name: 'asset_row_count',
      help: 'Current row count in asset',
      labelNames: ['asset_name', 'schema'],
      registers,
    });
    this.lastUpdate = new Gauge({
      name: 'asset_last_update_timestamp',
      help: 'Unix time (s) of the last successful materialisation',
      labelNames: ['asset_name'],
      registers,
    });
    const self = this;
    this.freshness = new Gauge({
      name: 'asset_freshness_seconds',
      help: 'Seconds since last update',
      labelNames: ['asset_name'],
      registers,
      // Computed at scrape time so it keeps growing between runs.
      collect() {
        const t = self.now();
        for (const a of self.assets) {
          const last = self.state(a.name).lastUpdate;
          if (last !== undefined) {
            this.set({ asset_name: a.name }, Math.max(0, t - last));
          }
        }
      },
    });
    this.passRate = new Gauge({
      name: 'validation_pass_rate',
      help: 'Percentage of rows passing validation',
      labelNames: ['asset_name', 'check_name'],
      registers,
    });
    this.executions = new Counter({
      name: 'asset_executions_total',
      help: 'Asset executions',
      labelNames: ['asset_name'],
      registers,
    });
    this.failures = new Counter({
      name: 'asset_execution_failures_total',
      help: 'Failed asset executions',
      labelNames: ['asset_name'],
      registers,
    });
    const info = new Gauge({
      name: 'asset_info',
      help: 'Asset metadata (value 1)',
      labelNames: ['asset_name', 'layer', 'owner'],
      registers,
    });
    const dependency = new Gauge({
      name: 'asset_dependency',
      help: 'Lineage edge: asset_name reads from upstream (value 1)',
      labelNames: ['asset_name', 'upstream'],
      registers,
    });
    this.registerSystemGauges(registers);

    for (const a of assets) {
      info.set({ asset_name: a.name, layer: a.layer, owner: a.owner }, 1);
      for (const up of a.upstream) {
        dependency.set({ asset_name: a.name, upstream: up }, 1);
      }
      // Zero-initialised so Prometheus sees the 0 before the first run (rate/increase need it).
      this.executions.labels({ asset_name: a.name }).inc(0);
      this.failures.labels({ asset_name: a.name }).inc(0);
      this.executionSeconds.zero({ asset_name: a.name, status: 'success' });
      this.executionSeconds.zero({ asset_name: a.name, status: 'failure' });
      for (const op of OPERATIONS) {
        this.rowsProcessed.labels({ asset_name: a.name, operation: op }).inc(0);
      }
      this.syncGauges(a);
    }
  }

  /** Copies an asset's gauges (row count, last update, pass rates) from its state. */
  syncGauges(a: AssetSpec): void {
    const s = this.state(a.name);
    this.rowCount.set({ asset_name: a.name, schema: a.schema }, s.rowCount);
    if (s.lastUpdate !== undefined) {
      this.lastUpdate.set({ asset_name: a.name }, s.lastUpdate);
    }
    for (const [check, rate] of Object.entries(s.passRates)) {
      this.passRate.set({ asset_name: a.name, check_name: check }, rate);
    }
  }

  private registerSystemGauges(registers: Registry[]): void {
    const self = this;
    new Gauge({
      name: 'disk_usage_percent',
      help: 'Disk usage percentage',
      labelNames: ['mount_point'],
      registers,
      collect() {
        this.set({ mount_point: '/' }, diskUsagePercent('/'));
      },
    });
    new Gauge({
      name: 'memory_usage_percent',
      help: 'Memory usage percentage',
      registers,
      collect() {
        this.set(round1(100 * (1 - os.freemem() / os.totalmem())));
      },
    });
    const health = new Gauge({
      name: 'container_health',
      help: 'Container status (1=healthy, 0=unhealthy)',
      labelNames: ['container_name'],
      registers,
    });
    for (const c of CONTAINERS) {
      health.set({ container_name: c }, 1);
    }
    new Gauge({
      name: 'storage_lake_size_bytes',
      help: 'Lake storage size (row counts × average row size)',
      registers,
      collect() {
        let rows = 0;
        for (const a of self.assets) {
          rows += self.state(a.name).rowCount;
        }
        this.set(rows * BYTES_PER_ROW);
      },
    });
  }
}

/** Real disk usage of the machine the demo runs on. */
function diskUsagePercent(mount: string): number {
  try {
    const s = fs.statfsSync(mount);
    const used = s.blocks - s.bfree;
    return round1((100 * used) / (used + s.bavail));
  } catch {
    return 0;
  }
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
