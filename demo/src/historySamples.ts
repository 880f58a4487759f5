import { BYTES_PER_ROW, CONTAINERS, OPERATIONS } from './metrics';
import { AssetSpec, AssetState } from './types';

/** Counts of one OpenMetrics rendering (reported by `npm start` and checked by the tests). */
export interface OpenMetricsStats {
  series: number;
  samples: number;
  bytes: number;
}

/** An asset's rendered label sets, built once. */
interface AssetLabels {
  asset: string;
  operations: string[];
  schema: string;
  info: string;
  upstream: string[];
  checks: Map<string, string>;
}

/** Running, non-cumulative counts of asset_execution_seconds per status (index buckets.length = +Inf). */
export interface BucketCounts {
  success: Float64Array;
  failure: Float64Array;
  sum: Record<string, number>;
}

/** One recorded series: its name, its own labels (rendered), and a value per sample (NaN = absent). */
interface Column {
  name: string;
  labels: string;
  values: Float64Array;
}

const label = (k: string, v: string) => `${k}=${JSON.stringify(v)}`;

/**
 * Records the demo's metrics (metrics.ts's names and labels, so the live scrape continues the same
 * series) at each sample time, then renders them series by series.
 */
export class SampleRecorder {
  private readonly columns = new Map<string, Column>();
  /** Non-cumulative bucket counts per asset and status, one row of buckets+1 per sample. */
  private readonly bucketRows = new Map<string, Float64Array>();
  private readonly sums = new Map<string, Float64Array>();
  /** bucketRows hold cumulative counts once the first write has converted them. */
  private cumulated = false;

  constructor(
    private readonly assets: AssetSpec[],
    private readonly buckets: number[],
    private readonly n: number
  ) {
    for (const a of assets) {
      for (const status of ['success', 'failure']) {
        this.bucketRows.set(`${a.name}\u0000${status}`, new Float64Array(n * (buckets.length + 1)));
        this.sums.set(`${a.name}\u0000${status}`, new Float64Array(n));
      }
    }
  }

  /** Columns by name then labels: label strings are built once per asset (see labelsOf), so lookups hash cached strings. */
  private readonly byName = new Map<string, Map<string, Column>>();
  private readonly assetLabels = new Map<string, AssetLabels>();

  private set(i: number, name: string, labels: string, value: number): void {
    let named = this.byName.get(name);
    if (!named) {
      named = new Map();
      this.byName.set(name, named);
    }
    let col = named.get(labels);
    if (!col) {
      col = { name, labels, values: new Float64Array(this.n).fill(Number.NaN) };
      named.set(labels, col);
      this.columns.set(`${name}{${labels}}`, col);
    }
    col.values[i] = value;
  }

  private labelsOf(a: AssetSpec): AssetLabels {
    let l = this.assetLabels.get(a.name);
    if (!l) {
      const an = label('asset_name', a.name);
      l = {
        asset: an,
        operations: OPERATIONS.map((op) => `${an},${label('operation', op)}`),
        schema: `${an},${label('schema', a.schema)}`,
        info: `${an},${label('layer', a.layer)},${label('owner', a.owner)}`,
        upstream: a.upstream.map((up) => `${an},${label('upstream', up)}`),
        checks: new Map(),
      };
      this.assetLabels.set(a.name, l);
    }
    return l;
  }

  record(i: number, t: number, states: Map<string, AssetState>, counts: Map<string, BucketCounts>): void {
    let rows = 0;
    for (const a of this.assets) {
      const s = states.get(a.name)!;
      const l = this.labelsOf(a);
      this.set(i, 'asset_executions_total', l.asset, s.runs);
      this.set(i, 'asset_execution_failures_total', l.asset, s.failures);
      OPERATIONS.forEach((op, k) => this.set(i, 'asset_rows_processed_total', l.operations[k], s.rowsProcessed[op]));
      this.set(i, 'asset_row_count', l.schema, s.rowCount);
      if (s.lastUpdate !== undefined) {
        this.set(i, 'asset_last_update_timestamp', l.asset, s.lastUpdate);
        this.set(i, 'asset_freshness_seconds', l.asset, Math.max(0, t - s.lastUpdate));
      }
      for (const [check, rate] of Object.entries(s.passRates)) {
        let checkLabels = l.checks.get(check);
        if (checkLabels === undefined) {
          checkLabels = `${l.asset},${label('check_name', check)}`;
          l.checks.set(check, checkLabels);
        }
        this.set(i, 'validation_pass_rate', checkLabels, rate);
      }
      this.set(i, 'asset_info', l.info, 1);
      for (const dep of l.upstream) {
        this.set(i, 'asset_dependency', dep, 1);
      }
      const c = counts.get(a.name)!;
      for (const status of ['success', 'failure'] as const) {
        const key = `${a.name}\u0000${status}`;
        this.bucketRows.get(key)!.set(c[status], i * (this.buckets.length + 1));
        this.sums.get(key)![i] = c.sum[status];
      }
      rows += s.rowCount;
    }
    for (const container of CONTAINERS) {
      this.set(i, 'container_health', `container_name="${container}"`, 1);
    }
    this.set(i, 'storage_lake_size_bytes', '', rows * BYTES_PER_ROW);
  }

  write(times: number[], target: Record<string, string>, write: (chunk: string) => void): OpenMetricsStats {
    const extra = Object.entries(target)
      .map(([k, v]) => label(k, v))
      .join(',');
    const stats: OpenMetricsStats = { series: 0, samples: 0, bytes: 0 };
    let buf: string[] = [];
    const flush = () => {
      const chunk = buf.join('');
      stats.bytes += Buffer.byteLength(chunk);
      write(chunk);
      buf = [];
    };
    const stamps = times.map((t) => ` ${t}\n`);
    const emit = (name: string, labels: string, value: (i: number) => number) => {
      const prefix = `${name}{${labels ? `${labels},` : ''}${extra}} `;
      let any = false;
      for (let i = 0; i < times.length; i++) {
        const v = value(i);
        if (!Number.isNaN(v)) {
          buf.push(prefix + v + stamps[i]);
          stats.samples++;
          any = true;
        }
      }
      if (any) {
        stats.series++;
      }
      if (buf.length > 20000) {
        flush();
      }
    };
    // Metric families must be contiguous in OpenMetrics: group by name.
    const byName = new Map<string, Column[]>();
    for (const col of this.columns.values()) {
      byName.set(col.name, [...(byName.get(col.name) ?? []), col]);
    }
    for (const cols of byName.values()) {
      for (const col of cols) {
        emit(col.name, col.labels, (i) => col.values[i]);
      }
    }
    this.writeHistogram(emit);
    buf.push('# EOF\n');
    flush();
    return stats;
  }

  /**
   * asset_execution_seconds: buckets that never change (always 0 below the fastest run, always the
   * count above the slowest) are left out except the last always-0 one, so histogram_quantile
   * interpolates exactly as over the full set; per asset the same le's for both statuses keep
   * `sum by (le)` monotonic. A status without runs keeps only +Inf, _sum and _count.
   */
  private writeHistogram(emit: (name: string, labels: string, value: (i: number) => number) => void): void {
    const nb = this.buckets.length + 1;
    const last = (this.n - 1) * nb;
    const ranges = new Map<string, [number, number]>();
    for (const a of this.assets) {
      let lo = nb;
      let hi = -1;
      for (const status of ['success', 'failure']) {
        const row = this.bucketRows.get(`${a.name}\u0000${status}`)!;
        for (let b = 0; b < nb; b++) {
          const own = this.cumulated && b > 0 ? row[last + b] - row[last + b - 1] : row[last + b];
          if (this.n > 0 && own > 0) {
            lo = Math.min(lo, b);
            hi = Math.max(hi, b);
          }
        }
      }
      ranges.set(a.name, [Math.max(0, lo - 1), hi]);
    }
    const statuses = ['success', 'failure'];
    const forEach = (fn: (a: AssetSpec, status: string, rows: Float64Array, sums: Float64Array) => void) => {
      for (const a of this.assets) {
        for (const status of statuses) {
          const key = `${a.name}\u0000${status}`;
          fn(a, status, this.bucketRows.get(key)!, this.sums.get(key)!);
        }
      }
    };
    // Non-cumulative → cumulative counts, once per row (le is upper-inclusive: bucket b counts runs ≤ le_b).
    for (const rows of this.cumulated ? [] : this.bucketRows.values()) {
      for (let i = 0; i < this.n; i++) {
        for (let b = 1; b < nb; b++) {
          rows[i * nb + b] += rows[i * nb + b - 1];
        }
      }
    }
    this.cumulated = true;
    const cumulative = (rows: Float64Array, i: number, upTo: number) => rows[i * nb + upTo];
    forEach((a, status, rows) => {
      const an = `${label('asset_name', a.name)},${label('status', status)}`;
      const hasRuns = this.n > 0 && cumulative(rows, this.n - 1, nb - 1) > 0;
      const [lo, hi] = ranges.get(a.name)!;
      if (hasRuns) {
        for (let b = lo; b <= Math.min(hi, nb - 2); b++) {
          emit('asset_execution_seconds_bucket', `${an},${label('le', String(this.buckets[b]))}`, (i) =>
            cumulative(rows, i, b)
          );
        }
      }
      emit('asset_execution_seconds_bucket', `${an},${label('le', '+Inf')}`, (i) => cumulative(rows, i, nb - 1));
    });
    forEach((a, status, _rows, sums) =>
      emit('asset_execution_seconds_sum', `${label('asset_name', a.name)},${label('status', status)}`, (i) => sums[i])
    );
    forEach((a, status, rows) =>
      emit('asset_execution_seconds_count', `${label('asset_name', a.name)},${label('status', status)}`, (i) =>
        cumulative(rows, i, nb - 1)
      )
    );
  }
}
