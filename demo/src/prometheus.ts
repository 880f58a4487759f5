import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

/** Absolute path of the seed's alert rules (prometheus/rules/cascade.yml). */
export const RULES_FILE: string = path.resolve(__dirname, '../../prometheus/rules/cascade.yml');

/**
 * Absolute path of Cascade's recording rules (prometheus/rules/cascade-recording.yml): per-asset
 * window aggregates the data source reads instead of the raw series when they exist.
 */
export const RECORDING_RULES_FILE: string = path.resolve(__dirname, '../../prometheus/rules/cascade-recording.yml');

/** Where the Debian package installs Prometheus. */
export const PROMETHEUS_BIN = '/usr/bin/prometheus';

export interface PrometheusOptions {
  /** host:port scrape targets (e.g. DemoHandle.metricsTarget). */
  targets: string[];
  rulesFiles?: string[];
  /** Default '1s'. */
  scrapeInterval?: string;
  /** Default = scrapeInterval. */
  evaluationInterval?: string;
  /** 0 = random free port (the default). */
  port?: number;
  /** Override the binary (default /usr/bin/prometheus, then `prometheus` on PATH). */
  binary?: string;
  /** --storage.tsdb.retention.time (default '1d'; a backfilled history needs more). */
  retention?: string;
  /** Runs before Prometheus starts, with its (still empty) TSDB directory: where backfilled blocks go. */
  prepareStorage?: (dataDir: string) => Promise<void>;
}

export interface RunningPrometheus {
  url: string;
  stop(): Promise<void>;
  /** Resolves once every target has been scraped n times (default 1) with scrapes that STARTED after this call. */
  waitForScrapes(n?: number, timeoutMs?: number): Promise<void>;
}

/** Job name of the generated scrape config. */
export const SCRAPE_JOB = 'cascade-demo';

function findBinary(explicit?: string): string {
  if (explicit) {
    return explicit;
  }
  if (fs.existsSync(PROMETHEUS_BIN)) {
    return PROMETHEUS_BIN;
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'prometheus');
    if (dir && fs.existsSync(candidate)) {
      return candidate;
    }
  }
  throw new Error(
    `Prometheus is not installed (no ${PROMETHEUS_BIN}). Install it with: sudo apt-get install -y prometheus`
  );
}

/** A free loopback port (closed again before Prometheus binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** The generated prometheus.yml (same rules file as docker compose's). */
export function prometheusConfig(opts: PrometheusOptions): string {
  const scrape = opts.scrapeInterval ?? '1s';
  const rules = opts.rulesFiles ?? [RULES_FILE];
  return [
    'global:',
    `  scrape_interval: ${scrape}`,
    `  evaluation_interval: ${opts.evaluationInterval ?? scrape}`,
    'rule_files:',
    ...(rules.length ? rules.map((r) => `  - ${JSON.stringify(path.resolve(r))}`) : ['  []']),
    'scrape_configs:',
    `  - job_name: ${SCRAPE_JOB}`,
    '    static_configs:',
    `      - targets: ${JSON.stringify(opts.targets)}`,
    '',
  ].join('\n');
}

/**
 * Spawns the real Prometheus binary on loopback with storage in a temp dir; resolves when /-/ready
 * answers. stop() kills it and removes the temp dir.
 */
export async function startPrometheus(opts: PrometheusOptions): Promise<RunningPrometheus> {
  const bin = findBinary(opts.binary);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cascade-prometheus-'));
  const config = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(config, prometheusConfig(opts));
  const port = opts.port || (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const dataDir = path.join(dir, 'data');
  if (opts.prepareStorage) {
    try {
      await opts.prepareStorage(dataDir);
    } catch (e) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }
  const log: string[] = [];
  const child: ChildProcess = spawn(
    bin,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${dataDir}`,
      `--web.listen-address=127.0.0.1:${port}`,
      `--storage.tsdb.retention.time=${opts.retention ?? '1d'}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] }
  );
  const keep = (b: Buffer) => {
    log.push(b.toString());
    if (log.length > 50) {
      log.shift();
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exitPromise = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    })
  );
  child.once('error', (e) => keep(Buffer.from(String(e))));

  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exitPromise;
      clearTimeout(timer);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30000;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`Prometheus exited (${exited.code ?? exited.signal}) before it was ready:\n${log.join('')}`);
    }
    const ok = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false
    );
    if (ok) {
      break;
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Prometheus was not ready at ${url} within 30 s:\n${log.join('')}`);
    }
    await sleep(100);
  }

  const waitForScrapes = async (n = 1, timeoutMs = 30000) => {
    const since = Date.now();
    const end = since + timeoutMs;
    for (;;) {
      const now = Date.now();
      const rangeMs = Math.max(1, now - since);
      // Scrape samples are stamped with the scrape's start time: count those after `since`.
      const q = `count_over_time(up{job="${SCRAPE_JOB}"}[${rangeMs}ms])`;
      const body = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(q)}&time=${now / 1000}`).then((r) =>
        r.json()
      );
      const counts = new Map<string, number>(
        ((body?.data?.result ?? []) as Array<{ metric: { instance: string }; value: [number, string] }>).map((r) => [
          r.metric.instance,
          Number(r.value[1]),
        ])
      );
      if (opts.targets.every((t) => (counts.get(t) ?? 0) >= n)) {
        return;
      }
      if (Date.now() > end) {
        throw new Error(
          `waitForScrapes(${n}): not every target scraped within ${timeoutMs} ms (${JSON.stringify([...counts])})`
        );
      }
      await sleep(100);
    }
  };

  return { url, stop, waitForScrapes };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
