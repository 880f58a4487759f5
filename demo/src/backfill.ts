import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { History, OpenMetricsStats } from './history';

/** Where Debian's prometheus package installs promtool. */
export const PROMTOOL_BIN = '/usr/bin/promtool';

/** What one backfill wrote and how long its two steps took. */
export interface BackfillStats extends OpenMetricsStats {
  /** Rendering the OpenMetrics file. */
  renderSeconds: number;
  /** `promtool tsdb create-blocks-from openmetrics`. */
  promtoolSeconds: number;
}

/**
 * Writes the history's samples as TSDB blocks into `dataDir` (a Prometheus storage directory that
 * Prometheus has not opened yet) with `promtool tsdb create-blocks-from openmetrics`. `target` are
 * the labels Prometheus' scrape adds (job, instance), so the live scrape continues the same series.
 *
 * Every sample is older than history.endMs, and Prometheus must start after it: the blocks then end
 * before the head's first sample, so nothing overlaps or arrives out of order.
 */
export async function backfillPrometheus(
  history: History,
  target: Record<string, string>,
  dataDir: string,
  promtool: string = PROMTOOL_BIN
): Promise<BackfillStats> {
  if (!fs.existsSync(promtool)) {
    throw new Error(`promtool is not installed (${promtool}); it ships with: sudo apt-get install -y prometheus`);
  }
  const file = path.join(path.dirname(dataDir), 'history.om');
  const started = performance.now();
  const fd = fs.openSync(file, 'w');
  let stats: OpenMetricsStats;
  try {
    stats = history.writeOpenMetrics(target, (chunk) => fs.writeSync(fd, chunk));
  } finally {
    fs.closeSync(fd);
  }
  const rendered = performance.now();
  try {
    await new Promise<void>((resolve, reject) =>
      execFile(
        promtool,
        // One block for the whole week (the default 2 h blocks make promtool re-read the file per block).
        ['tsdb', 'create-blocks-from', 'openmetrics', '--max-block-duration=10000h', '-q', file, dataDir],
        { maxBuffer: 16 * 1024 * 1024 },
        (err, _stdout, stderr) =>
          err ? reject(new Error(`promtool create-blocks-from failed: ${stderr || err.message}`)) : resolve()
      )
    );
  } finally {
    fs.rmSync(file, { force: true });
  }
  return {
    ...stats,
    renderSeconds: (rendered - started) / 1000,
    promtoolSeconds: (performance.now() - rendered) / 1000,
  };
}
