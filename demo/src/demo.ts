import { defaultAssets } from './assets';
import { listen, RunningServer, sendText } from './httpUtil';
import { Pipeline } from './pipeline';
import { startJaegerStandin } from './standins/jaeger/server';
import { startLokiStandin } from './standins/loki/server';
import { startTempoStandin } from './standins/tempo/server';
import { DemoHandle, DemoOptions, ScenarioOptions } from './types';

/** Defaults of the scenario knobs: no random failures unless `failureRate` asks for them. */
export const DEFAULT_SCENARIO: ScenarioOptions = { seed: 42, intervalMs: 15000, failureRate: 0 };

/** The scenario knobs of `opts` over DEFAULT_SCENARIO (what the pipeline and a history of it both use). */
export function resolveScenario(opts: DemoOptions): ScenarioOptions {
  return {
    seed: opts.seed ?? DEFAULT_SCENARIO.seed,
    intervalMs: opts.intervalMs ?? DEFAULT_SCENARIO.intervalMs,
    failureRate: opts.failureRate ?? DEFAULT_SCENARIO.failureRate,
    staleAsset: opts.staleAsset,
    staleSeconds: opts.staleSeconds,
    slowAsset: opts.slowAsset,
    slowFactor: opts.slowFactor,
    failingAsset: opts.failingAsset,
    validationDip: opts.validationDip,
    chainFailure: opts.chainFailure,
    volumeDrop: opts.volumeDrop,
    lateAsset: opts.lateAsset,
  };
}

/**
 * Starts the demo pipeline: the metrics server, the Loki/Jaeger stand-ins (unless URLs are given or
 * standins is false) and, with autoRun, a run of the whole pipeline every intervalMs.
 */
export async function startDemo(opts: DemoOptions = {}): Promise<DemoHandle> {
  const host = opts.host ?? '127.0.0.1';
  const scenario = resolveScenario(opts);
  const closers: Array<() => Promise<void>> = [];
  let stopped: Promise<void> | undefined;
  const stopAll = () => (stopped ??= closeInReverse());
  const closeInReverse = async () => {
    for (const close of [...closers].reverse()) {
      await close().catch(() => undefined);
    }
  };
  try {
    const standins = opts.standins ?? true;
    let lokiUrl = opts.lokiUrl;
    let otlpUrl = opts.otlpUrl;
    let jaegerUrl: string | undefined;
    let tempoUrl: string | undefined;
    if (standins && !lokiUrl) {
      const loki = await startLokiStandin({ host, port: opts.lokiPort ?? 0 });
      closers.push(loki.close);
      lokiUrl = loki.url;
    }
    if (standins && !otlpUrl && opts.traces === 'tempo') {
      const tempo = await startTempoStandin({ host, port: opts.tempoPort ?? 0 });
      closers.push(tempo.close);
      otlpUrl = tempo.url;
      tempoUrl = tempo.url;
    }
    if (standins && !otlpUrl) {
      const jaeger = await startJaegerStandin({ host, port: opts.jaegerPort ?? 0 });
      closers.push(jaeger.close);
      otlpUrl = jaeger.url;
      jaegerUrl = jaeger.url;
    }
    const pipeline = new Pipeline({
      assets: opts.assets ?? defaultAssets(),
      scenario,
      lokiUrl,
      otlpUrl,
      histogramBuckets: opts.histogramBuckets,
      history: opts.history,
    });
    closers.push(() => pipeline.stop());
    if (opts.history) {
      await pipeline.seedSignals(opts.history.seedRuns);
    }
    const metrics: RunningServer = await listen(
      (req, res) => {
        const path = (req.url ?? '/').split('?')[0];
        if (req.method !== 'GET' && req.method !== 'HEAD') {
          sendText(res, 405, 'method not allowed\n');
        } else if (path === '/metrics') {
          pipeline.metrics.registry.metrics().then(
            (text) => {
              res.writeHead(200, { 'Content-Type': pipeline.metrics.registry.contentType });
              res.end(text);
            },
            (e: Error) => sendText(res, 500, `${e.message}\n`)
          );
        } else if (path === '/' || path === '/healthz') {
          sendText(res, 200, 'Cascade demo pipeline: metrics at /metrics\n');
        } else {
          sendText(res, 404, '404 page not found\n');
        }
      },
      host,
      opts.port ?? 0
    );
    closers.push(metrics.close);
    if (opts.autoRun ?? true) {
      pipeline.start();
    }
    return {
      metricsUrl: `${metrics.url}/metrics`,
      metricsTarget: `${metrics.url.replace(/^http:\/\//, '')}`,
      lokiUrl,
      jaegerUrl,
      tempoUrl,
      otlpUrl,
      pipeline,
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}
