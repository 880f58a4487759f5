/**
 * The whole sandbox stack in-process: the demo pipeline with its Loki/Jaeger stand-ins, a real
 * Prometheus (Debian binary) scraping it with the seed's alert rules, and the sandbox server whose
 * provisioning env points the data sources at them. `npm start`, the browser tests and the
 * benchmark all start it through `startStack`. Real backends replace the local ones when given.
 */
import fs from 'fs';
import {
  type DemoHandle,
  type DemoOptions,
  RECORDING_RULES_FILE,
  RULES_FILE,
  SCRAPE_JOB,
  startDemo,
  startPrometheus,
} from '../../demo/src';
import { defaultAssets } from '../../demo/src/assets';
import { backfillPrometheus, type BackfillStats } from '../../demo/src/backfill';
import { resolveScenario } from '../../demo/src/demo';
import { type History, simulateHistory } from '../../demo/src/history';
import { SANDBOX_SCENARIO } from '../../demo/src/scenario';
import { startSandboxServer, SandboxServerOptions } from './server';

/** The scenario `npm start` and the browser tests use (README's promise: see SANDBOX_SCENARIO). */
export const STACK_SCENARIO: DemoOptions = SANDBOX_SCENARIO;

export const PROMETHEUS_BINARY = '/usr/bin/prometheus';
export const PROMETHEUS_INSTALL_HINT = 'sudo apt-get install -y prometheus';

export interface StackOptions {
  /** Sandbox server port (default 3000; 0 = free port). */
  port?: number;
  host?: string;
  /** Local Prometheus port (default 0 = free port). */
  prometheusPort?: number;
  /** Demo metrics / stand-in ports (default 0 = free ports). */
  demoPort?: number;
  lokiPort?: number;
  jaegerPort?: number;
  tempoPort?: number;
  /** Trace backend of the Cascade data source: 'jaeger' (default) or 'tempo' (the Tempo stand-in, or tempoUrl). */
  traces?: 'jaeger' | 'tempo';
  /** Real backends: when given, used instead of the local Prometheus / stand-ins. */
  prometheusUrl?: string;
  lokiUrl?: string;
  jaegerUrl?: string;
  tempoUrl?: string;
  /** OTLP endpoint the demo exports spans to when a real Jaeger or Tempo is used. */
  otlpUrl?: string;
  /** Scenario overrides (merged over STACK_SCENARIO). */
  scenario?: DemoOptions;
  /**
   * Backfill a week of the demo pipeline's history into the local Prometheus and seed the stand-ins'
   * logs and traces with it. Default false here (tests and the bench pin their own data); `npm start`
   * turns it on unless `--no-history`.
   */
  history?: boolean;
  /** Initial runAll() rounds before the stack is reported ready (default 3). */
  warmupRuns?: number;
  /** Wait until Prometheus has scraped the demo's series (default true when Prometheus is local). */
  waitForScrape?: boolean;
  /** Plugin directory served (default <repo>/dist). */
  distDir?: string;
  extraPlugins?: SandboxServerOptions['extraPlugins'];
  proxyTimeoutMs?: number;
  log?: (line: string) => void;
}

/** What the history backfill did (all set once the stack is up with history on). */
export interface HistoryStats extends Partial<BackfillStats> {
  simulateSeconds?: number;
  runs?: number;
}

export interface Stack {
  url: string;
  /** Numbers of the history backfill; empty without history. */
  history: HistoryStats;
  prometheusUrl: string;
  lokiUrl?: string;
  jaegerUrl?: string;
  tempoUrl?: string;
  demo?: DemoHandle;
  stop(): Promise<void>;
}

/** True when the Debian Prometheus binary is installed. */
export function hasPrometheus(): boolean {
  return fs.existsSync(PROMETHEUS_BINARY);
}

async function waitForSeries(prometheusUrl: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  const url = `${prometheusUrl.replace(/\/$/, '')}/api/v1/query?query=${encodeURIComponent('count(asset_executions_total)')}`;
  for (;;) {
    try {
      const body = (await (await fetch(url)).json()) as { data?: { result?: unknown[] } };
      if ((body.data?.result?.length ?? 0) > 0) {
        return;
      }
    } catch {
      // Prometheus still starting
    }
    if (Date.now() > deadline) {
      throw new Error(`Prometheus at ${prometheusUrl} has no demo series after ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Starts demo + Prometheus + sandbox server. Everything started is stopped by `stop()`. */
export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const log = opts.log ?? (() => {});
  const host = opts.host ?? '127.0.0.1';
  const stops: Array<() => Promise<void>> = [];
  const historyStats: HistoryStats = {};
  const stop = async () => {
    for (const s of stops.splice(0).reverse()) {
      await s().catch(() => undefined);
    }
  };
  try {
    const tempo = opts.traces === 'tempo';
    const needDemo = !(opts.prometheusUrl && opts.lokiUrl && (tempo ? opts.tempoUrl : opts.jaegerUrl));
    let demo: DemoHandle | undefined;
    const demoOptions: DemoOptions = { ...STACK_SCENARIO, ...opts.scenario };
    // A week of the pipeline's past, backfilled into the local Prometheus (a given one has its own).
    let history: History | undefined;
    if (needDemo && !opts.prometheusUrl && opts.history) {
      const simulated = performance.now();
      history = simulateHistory({
        assets: demoOptions.assets ?? defaultAssets(),
        scenario: resolveScenario(demoOptions),
        endMs: Date.now(),
      });
      historyStats.simulateSeconds = (performance.now() - simulated) / 1000;
      historyStats.runs = history.runs;
    }
    if (needDemo) {
      const started = await startDemo({
        ...demoOptions,
        history,
        host,
        port: opts.demoPort ?? 0,
        lokiPort: opts.lokiPort ?? 0,
        jaegerPort: opts.jaegerPort ?? 0,
        tempoPort: opts.tempoPort ?? 0,
        traces: opts.traces,
        lokiUrl: opts.lokiUrl,
        otlpUrl: opts.otlpUrl,
      });
      demo = started;
      stops.push(() => started.stop());
      log(`demo pipeline: metrics ${started.metricsUrl}`);
    }

    let prometheusUrl: string;
    if (opts.prometheusUrl) {
      prometheusUrl = opts.prometheusUrl;
    } else {
      if (!demo) {
        throw new Error('a local Prometheus needs the demo pipeline to scrape');
      }
      if (!hasPrometheus()) {
        throw Object.assign(
          new Error(`Prometheus is not installed (${PROMETHEUS_BINARY}). Install it: ${PROMETHEUS_INSTALL_HINT}`),
          {
            code: 'NO_PROMETHEUS',
          }
        );
      }
      const prom = await startPrometheus({
        targets: [demo.metricsTarget],
        // The seed's alert rules and Cascade's recording rules, as docker compose loads them.
        rulesFiles: [RULES_FILE, RECORDING_RULES_FILE],
        port: opts.prometheusPort ?? 0,
        retention: history ? '30d' : undefined,
        prepareStorage: history
          ? async (dataDir) => {
              const target = { job: SCRAPE_JOB, instance: demo!.metricsTarget };
              Object.assign(historyStats, await backfillPrometheus(history!, target, dataDir));
            }
          : undefined,
      });
      stops.push(() => prom.stop());
      if (history) {
        const h = historyStats as Required<HistoryStats>;
        log(
          `history: 7 days backfilled with promtool — ${h.series} series, ${h.samples} samples, ${h.runs} runs ` +
            `(simulate ${h.simulateSeconds.toFixed(1)} s, render ${h.renderSeconds.toFixed(1)} s, ` +
            `promtool ${h.promtoolSeconds.toFixed(1)} s); --no-history skips it`
        );
      }
      prometheusUrl = prom.url;
      log(`prometheus: ${prometheusUrl} (real, with the seed's alert rules)`);
    }
    const lokiUrl = opts.lokiUrl ?? demo?.lokiUrl;
    const jaegerUrl = opts.jaegerUrl ?? demo?.jaegerUrl;
    log(`loki: ${lokiUrl ?? '(none)'}${opts.lokiUrl ? '' : ' (stand-in)'}`);
    const tempoUrl = opts.tempoUrl ?? demo?.tempoUrl;
    if (tempo) {
      log(`tempo: ${tempoUrl ?? '(none)'}${opts.tempoUrl ? '' : ' (stand-in)'} — the trace backend`);
    } else {
      log(`jaeger: ${jaegerUrl ?? '(none)'}${opts.jaegerUrl ? '' : ' (stand-in)'}`);
    }

    if (demo) {
      // A few rounds up front so every page has runs, failures, logs and traces to show.
      for (let i = 0; i < (opts.warmupRuns ?? 3); i++) {
        await demo.pipeline.runAll();
      }
    }
    if (opts.waitForScrape ?? !opts.prometheusUrl) {
      await waitForSeries(prometheusUrl, 60_000);
    }

    const server = await startSandboxServer({
      port: opts.port ?? 3000,
      host,
      distDir: opts.distDir,
      extraPlugins: opts.extraPlugins,
      proxyTimeoutMs: opts.proxyTimeoutMs,
      controls: demo
        ? {
            'GET demo/state': () => ({
              scenario: { ...STACK_SCENARIO, ...opts.scenario },
              assets: demo!.pipeline.assets,
              state: demo!.pipeline.state(),
            }),
            'POST demo/run': async () => {
              await demo!.pipeline.runAll();
              return { state: demo!.pipeline.state() };
            },
          }
        : undefined,
      env: {
        ...process.env,
        CASCADE_PROMETHEUS_URL: prometheusUrl,
        CASCADE_LOKI_URL: lokiUrl ?? '',
        CASCADE_JAEGER_URL: jaegerUrl ?? '',
        CASCADE_TEMPO_URL: tempoUrl ?? '',
        // provisioning/datasources/cascade.yaml: the Cascade data source's trace backend (empty = jaegerUid).
        CASCADE_TRACES_UID: tempo ? 'cascade-tempo' : '',
      },
    });
    stops.push(() => server.stop());
    return { url: server.url, history: historyStats, prometheusUrl, lokiUrl, jaegerUrl, tempoUrl, demo, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
