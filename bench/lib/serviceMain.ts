/**
 * Child-process entry of one benchmark service (`node --import tsx serviceMain.ts <role> <json>`).
 * The demo's metrics endpoint, each stand-in and the sandbox proxy run in their own processes, as
 * they would in production (and as docker compose runs them): a 10,000-asset scrape serialises
 * for seconds and must not stall the Loki/Jaeger stand-ins, the proxy, or the measuring process.
 */
import { type DemoHandle, generateAssets, startDemo, startJaegerStandin, startLokiStandin } from '../../demo/src';
import { startSandboxServer } from '../../sandbox/server/server';

export type ServiceRole = 'loki' | 'jaeger' | 'demo' | 'sandbox';

export interface DemoServiceConfig {
  /** The pipeline is `generateAssets(size, seed)` (the list itself is too long for argv). */
  size: number;
  seed: number;
  lokiUrl: string;
  otlpUrl: string;
  histogramBuckets: number[];
  failingAsset?: string;
  staleAsset?: string;
}

export interface SandboxServiceConfig {
  env: Record<string, string>;
  /** Grafana's `dataproxy.timeout` (default 30 s). */
  proxyTimeoutMs?: number;
  /** Plugin directory to serve instead of <repo>/dist (A/B comparisons of two builds). */
  distDir?: string;
}

/** A message from the parent: a command with an id the reply carries back. */
export interface ServiceRequest {
  id: number;
  cmd: string;
}

export interface ServiceReply {
  id: number;
  ok: boolean;
  result?: unknown;
  error?: string;
}

async function main() {
  const [role, raw] = process.argv.slice(2) as [ServiceRole, string];
  const config = raw ? JSON.parse(raw) : {};
  let stop: () => Promise<void>;
  let url: string;
  const commands: Record<string, () => Promise<unknown>> = {};

  if (role === 'loki') {
    // Room for several rounds of a 10,000-asset pipeline (~6 lines per run).
    const s = await startLokiStandin({ port: 0, maxLines: 300_000 });
    url = s.url;
    stop = s.close;
  } else if (role === 'jaeger') {
    const s = await startJaegerStandin({ port: 0, maxTraces: 30_000 });
    url = s.url;
    stop = s.close;
  } else if (role === 'demo') {
    const c = config as DemoServiceConfig;
    const demo: DemoHandle = await startDemo({
      assets: generateAssets(c.size, c.seed),
      seed: 42,
      autoRun: false,
      failureRate: 0.02,
      failingAsset: c.failingAsset,
      staleAsset: c.staleAsset,
      histogramBuckets: c.histogramBuckets,
      standins: false,
      lokiUrl: c.lokiUrl,
      otlpUrl: c.otlpUrl,
    });
    url = demo.metricsUrl;
    stop = demo.stop;
    commands.runAll = async () => {
      const t0 = performance.now();
      await demo.pipeline.runAll();
      return { ms: performance.now() - t0, target: demo.metricsTarget };
    };
    commands.target = async () => demo.metricsTarget;
  } else if (role === 'sandbox') {
    const c = config as SandboxServiceConfig;
    const s = await startSandboxServer({
      port: 0,
      env: { ...process.env, ...c.env },
      proxyTimeoutMs: c.proxyTimeoutMs,
      distDir: c.distDir,
    });
    url = s.url;
    stop = s.stop;
  } else {
    throw new Error(`unknown service role ${role}`);
  }

  commands.stop = async () => {
    await stop();
    setImmediate(() => process.exit(0));
  };
  process.on('message', (m: ServiceRequest) => {
    const fn = commands[m.cmd];
    const reply = (r: Omit<ServiceReply, 'id'>) => process.send?.({ id: m.id, ...r });
    if (!fn) {
      reply({ ok: false, error: `unknown command ${m.cmd}` });
      return;
    }
    fn().then(
      (result) => reply({ ok: true, result }),
      (e: Error) => reply({ ok: false, error: e.message })
    );
  });
  // The parent going away (Ctrl-C, crash) ends the service too.
  process.on('disconnect', () => {
    stop().finally(() => process.exit(0));
  });
  process.send?.({ id: 0, ok: true, result: { url } });
}

main().catch((e: Error) => {
  process.send?.({ id: 0, ok: false, error: e.stack ?? e.message });
  process.exit(1);
});
