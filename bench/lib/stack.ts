/**
 * One benchmark environment per pipeline size: the demo pipeline (generated assets, auto-run off),
 * the Loki and Jaeger stand-ins, the Debian Prometheus scraping the demo with the seed's alert
 * rules, and the sandbox server whose Grafana-style data source proxy forwards to them — the path
 * every plugin request takes in Grafana. Each service runs in its own process (services.ts), so
 * the measuring process and the browser only share the CPU with them, not an event loop.
 */
import {
  durationBuckets,
  generateAssets,
  RECORDING_RULES_FILE,
  RULES_FILE,
  type RunningPrometheus,
  startPrometheus,
} from '../../demo/src';
import type { DemoServiceConfig, SandboxServiceConfig } from './serviceMain';
import { Service, startService } from './services';

/** Data source proxy timeout of the bench's sandbox (Grafana's default `dataproxy.timeout` is 30 s). */
export const PROXY_TIMEOUT_MS = 180_000;

/** Rule evaluation interval with the recording rules from 5,000 assets on (docs/admin.md: `interval: 1m`–`5m`). */
const BIG_RULES_INTERVAL = '5m';

/** Seed of the generated pipelines (the same DAG every run). */
const ASSET_SEED = 1;

export interface BenchStack {
  size: number;
  /** Sandbox server (Grafana stand-in: app pages, provisioning, data source proxy). */
  url: string;
  prometheusUrl: string;
  lokiUrl: string;
  jaegerUrl: string;
  /** Seconds the environment took to start (services, pipeline runs, first scrape). */
  setupSeconds: number;
  /** Histogram buckets of asset_execution_seconds at this size, and Prometheus' scrape interval. */
  buckets: number;
  scrapeInterval: string;
  /** Asset names in the generated pipeline (for deep links). */
  assets: string[];
  failingAsset: string;
  /** Sandbox serving the baseline build, when `baselineDist` was given. */
  baselineUrl?: string;
  stop(): Promise<void>;
}

export interface BenchStackOptions {
  size: number;
  /** Pipeline runs before measuring (every asset runs this many times). Default 2. */
  rounds?: number;
  /** Plugin build to serve (default <repo>/dist). */
  distDir?: string;
  /** A second plugin build served by its own sandbox on the same stack (A/B baseline); its URL is `baselineUrl`. */
  baselineDist?: string;
  /** Load Cascade's recording rules (prometheus/rules/cascade-recording.yml) into Prometheus. Default false. */
  recordingRules?: boolean;
  log?: (line: string) => void;
}

/**
 * Coarser histograms and slower scrapes for big pipelines: the demo's default 39 buckets make a
 * 10,000-asset scrape ~1 M lines (demo/README.md, Scale), and a scrape must finish within
 * Prometheus' scrape timeout (min(10 s, interval)).
 */
export function scaleSettings(size: number): { buckets: number[]; scrapeInterval: string } {
  if (size >= 5000) {
    return { buckets: durationBuckets(4), scrapeInterval: '60s' };
  }
  if (size >= 500) {
    return { buckets: durationBuckets(2), scrapeInterval: '15s' };
  }
  return { buckets: durationBuckets(), scrapeInterval: '2s' };
}

export async function startBenchStack({
  size,
  rounds = 2,
  distDir,
  recordingRules = false,
  baselineDist,
  log = () => {},
}: BenchStackOptions): Promise<BenchStack> {
  const started = performance.now();
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) {
      await s().catch(() => undefined);
    }
  };
  const track = <T extends Service | RunningPrometheus>(s: T) => {
    stops.push(() => s.stop());
    return s;
  };
  try {
    const assets = generateAssets(size, ASSET_SEED);
    const { buckets, scrapeInterval } = scaleSettings(size);
    // A failing asset in the middle of the DAG and a stale one, so statuses, alerts and "what it breaks" vary.
    const silver = assets.filter((a) => a.layer === 'silver');
    const failingAsset = (silver[Math.floor(silver.length / 2)] ?? assets[0]).name;
    const staleAsset = assets.find((a) => a.layer === 'gold' && a.name !== failingAsset)?.name;
    const [loki, jaeger] = await Promise.all([startService('loki'), startService('jaeger')]).then((s) => s.map(track));
    const demoConfig: DemoServiceConfig = {
      size,
      seed: ASSET_SEED,
      lokiUrl: loki.url,
      otlpUrl: jaeger.url,
      histogramBuckets: buckets,
      failingAsset,
      staleAsset,
    };
    const demo = track(await startService('demo', demoConfig));
    const target = await demo.call<string>('target');
    const rulesFiles = recordingRules ? [RULES_FILE, RECORDING_RULES_FILE] : [RULES_FILE];
    // docs/admin.md: at ~10,000 assets the recording groups need a slower interval than the scrape, or
    // their evaluations overlap and starve the queries being measured.
    const evaluationInterval = recordingRules && size >= 5000 ? BIG_RULES_INTERVAL : undefined;
    const prom = track(await startPrometheus({ targets: [target], rulesFiles, scrapeInterval, evaluationInterval }));
    for (let i = 0; i < rounds; i++) {
      const { ms } = await demo.call<{ ms: number }>('runAll');
      log(`${size} assets: pipeline run ${i + 1}/${rounds} in ${(ms / 1000).toFixed(1)} s`);
    }
    // Measure only once Prometheus holds the state after the last run.
    await prom.waitForScrapes(1, 300_000);
    if (recordingRules) {
      // ...and once every recording rule group has evaluated after that scrape.
      await waitForRuleEvaluations(prom.url, Date.now(), evaluationInterval ? 900_000 : 300_000);
    }
    const sandboxFor = async (dir: string | undefined) =>
      track(
        await startService('sandbox', {
          env: { CASCADE_PROMETHEUS_URL: prom.url, CASCADE_LOKI_URL: loki.url, CASCADE_JAEGER_URL: jaeger.url },
          // Like raising Grafana's dataproxy.timeout for a big pipeline: the Node sections wait for
          // every answer; the page keeps its data source's provisioned 30 s request timeout.
          proxyTimeoutMs: PROXY_TIMEOUT_MS,
          distDir: dir,
        } satisfies SandboxServiceConfig)
      );
    const sandbox = await sandboxFor(distDir);
    const baseline = baselineDist ? await sandboxFor(baselineDist) : undefined;
    const setupSeconds = (performance.now() - started) / 1000;
    log(
      `${size} assets: environment ready in ${setupSeconds.toFixed(0)} s (${buckets.length} histogram buckets, scrape every ${scrapeInterval})`
    );
    return {
      size,
      url: sandbox.url,
      prometheusUrl: prom.url,
      lokiUrl: loki.url,
      jaegerUrl: jaeger.url,
      setupSeconds,
      buckets: buckets.length,
      scrapeInterval,
      assets: assets.map((a) => a.name),
      failingAsset,
      baselineUrl: baseline?.url,
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** Resolves once every recorded window's run counts carry a sample stamped after `sinceMs`. */
async function waitForRuleEvaluations(prometheusUrl: string, sinceMs: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const evaluatedAt = async (window: string) => {
    const q = `min(timestamp(asset_name:asset_executions_total:increase${window}))`;
    const body = (await (await fetch(`${prometheusUrl}/api/v1/query?query=${encodeURIComponent(q)}`)).json()) as {
      data?: { result?: Array<{ value: [number, string] }> };
    };
    return Number(body.data?.result?.[0]?.value[1] ?? NaN) * 1000;
  };
  for (const window of ['1h', '6h', '24h']) {
    while (!((await evaluatedAt(window)) > sinceMs)) {
      if (Date.now() > deadline) {
        throw new Error(`recording rules (${window}) not evaluated within ${timeoutMs} ms`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
