/**
 * `npm start` entry: parses the flags first (so `--help` is instant), rebuilds dist/ and the host
 * bundle when stale (in a child process group), then starts the demo pipeline with a week of
 * backfilled history, a real Prometheus with the seed's rules, the Loki/Jaeger stand-ins and the
 * sandbox at http://localhost:3000. SIGINT, SIGTERM and SIGHUP stop everything it started.
 *
 * Flags (env in brackets): --port [PORT], --host, --prometheus-port, --demo-port, --loki-port,
 * --jaeger-port, --prometheus-url [CASCADE_PROMETHEUS_URL], --loki-url [CASCADE_LOKI_URL],
 * --jaeger-url [CASCADE_JAEGER_URL], --otlp-url [CASCADE_OTLP_URL], --traces jaeger|tempo [CASCADE_TRACES],
 * --tempo-port, --tempo-url [CASCADE_TEMPO_URL], --seed, --interval-ms, --failure-rate, the incident
 * knobs --chain-failure, --volume-drop, --late-asset (parsed as the demo CLI does: startArgs.ts).
 */
import { ChildProcess, spawn } from 'child_process';
import fs from 'fs';
import path from 'path';
import { BackendProbe, unreachableBackends } from './probe';
import { hasPrometheus, PROMETHEUS_INSTALL_HINT, Stack, startStack, StackOptions } from './stack';
import { incidentKnobsFromArgs, parseStartArgs } from './startArgs';

const USAGE = `npm start [-- options]   (or: npx tsx sandbox/server/start.ts [options])

Starts the demo pipeline (with a week of history backfilled into Prometheus), a real Prometheus
with the seed's alert rules, Loki and Jaeger stand-ins and the sandbox host, all on loopback.
Rebuilds dist/ and the host bundle first when a source is newer. Ctrl-C (SIGINT), SIGTERM and
SIGHUP stop everything it started.

  --port N               sandbox host port (env PORT; default 3000)
  --host H               listen address (default 127.0.0.1)
  --prometheus-port N    --demo-port N    --loki-port N    --jaeger-port N   (default: free ports)
  --prometheus-url URL   use a running Prometheus instead (env CASCADE_PROMETHEUS_URL)
  --loki-url URL         use a real Loki instead of the stand-in (env CASCADE_LOKI_URL)
  --jaeger-url URL       use a real Jaeger query API instead of the stand-in (env CASCADE_JAEGER_URL)
  --otlp-url URL         where the demo exports spans when --jaeger-url is given (env CASCADE_OTLP_URL)
  --traces jaeger|tempo  trace backend of the Cascade data source (default jaeger): tempo runs the Tempo
                         stand-in instead of the Jaeger one (env CASCADE_TRACES)
  --tempo-port N         Tempo stand-in port (default: a free port)
  --tempo-url URL        with --traces tempo: a real Tempo HTTP API instead of the stand-in (env CASCADE_TEMPO_URL)
  --seed N               demo pipeline seed        --interval-ms N   demo run interval
  --failure-rate X       probability (0..1) that any run fails at random (default 0: only the scenario's
                         failing asset fails)

Incident knobs (as the demo CLI's; asset names of the sandbox's pipeline):
  --chain-failure a[:since_s]  a fails since since_s (default 10800) and everything downstream waits,
                               stale past its SLA
  --volume-drop a:factor       a fetches factor (0..1) of its usual rows per run
  --late-asset a[:hold_s]      a's runs are held for hold_s after start (default 3600), without failing

  --no-history           start with an empty Prometheus (no backfilled week, no past logs/traces)
  --no-build             serve dist/ and the host bundle as they are, even when older than the sources
  --help                 this text`;

const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

/** `--traces`: jaeger (default) or tempo; anything else stops with the usage. */
function tracesArg(v: string | undefined): 'jaeger' | 'tempo' {
  if (v === undefined || v === '' || v === 'jaeger' || v === 'tempo') {
    return v === 'tempo' ? 'tempo' : 'jaeger';
  }
  console.error(`--traces: expected jaeger or tempo, got "${v}"\n\n${USAGE}`);
  process.exit(2);
}

/** The stack, or the build before it, that a signal has to stop. */
const running: { build?: ChildProcess; buildStartedMs?: number; stack?: Stack; stopping?: string } = {};

/** Stops whatever is running (build child, stack) and exits; the second signal exits at once. */
async function shutdown(signal: string): Promise<void> {
  if (running.stopping) {
    process.exit(1);
  }
  running.stopping = signal;
  console.log(`\n${signal}: stopping the sandbox, Prometheus, the stand-ins and the demo pipeline…`);
  // A stop that hangs must not keep the ports: exit after 15 s whatever happens.
  setTimeout(() => process.exit(1), 15_000).unref();
  if (running.build?.pid !== undefined && running.build.exitCode === null) {
    process.kill(-running.build.pid, 'SIGTERM');
    // The killed build cannot remove scripts/ensureBuild's lock; a left-over lock would stall the next start.
    const lock = path.resolve(__dirname, '..', '..', '.cache', 'build.lock');
    if ((fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? 0) >= (running.buildStartedMs ?? Infinity)) {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
  // A stack still starting is stopped by main() once startStack returns.
  if (running.stack) {
    await running.stack.stop();
    process.exit(0);
  }
}

/** Rebuilds what is stale in a child process group (webpack included), so a signal can stop it. */
function buildIfStale(root: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'buildMain.ts')], {
    cwd: root,
    stdio: 'inherit',
    detached: true,
  });
  running.build = child;
  running.buildStartedMs = Date.now() - 1000;
  return new Promise((resolve, reject) =>
    child.once('exit', (code, signal) => {
      running.build = undefined;
      if (code === 0) {
        resolve();
      } else {
        reject(new Error(`the build failed (${signal ?? `exit ${code}`})`));
      }
    })
  );
}

async function main() {
  const args = parseStartArgs(process.argv.slice(2));
  if ('help' in args || 'h' in args) {
    console.log(USAGE);
    return;
  }
  let knobs: ReturnType<typeof incidentKnobsFromArgs>;
  try {
    knobs = incidentKnobsFromArgs(args);
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => void shutdown(signal));
  }
  // npm forwards only SIGINT and SIGTERM, and dies of SIGHUP without passing it on: the script
  // `exec`s node so npm is our parent, and a parent that goes away stops everything too.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) {
      void shutdown('parent process exited');
    }
  }, 500).unref();
  const env = process.env;
  const opts: StackOptions = {
    port: num(args.port ?? env.PORT) ?? 3000,
    host: args.host ?? '127.0.0.1',
    prometheusPort: num(args['prometheus-port']) ?? 0,
    demoPort: num(args['demo-port']) ?? 0,
    lokiPort: num(args['loki-port']) ?? 0,
    jaegerPort: num(args['jaeger-port']) ?? 0,
    prometheusUrl: args['prometheus-url'] ?? (env.CASCADE_PROMETHEUS_URL || undefined),
    lokiUrl: args['loki-url'] ?? (env.CASCADE_LOKI_URL || undefined),
    jaegerUrl: args['jaeger-url'] ?? (env.CASCADE_JAEGER_URL || undefined),
    otlpUrl: args['otlp-url'] ?? (env.CASCADE_OTLP_URL || undefined),
    traces: tracesArg(args.traces ?? env.CASCADE_TRACES),
    tempoPort: num(args['tempo-port']) ?? 0,
    tempoUrl: args['tempo-url'] ?? (env.CASCADE_TEMPO_URL || undefined),
    scenario: {
      ...(args.seed ? { seed: Number(args.seed) } : {}),
      ...(args['interval-ms'] ? { intervalMs: Number(args['interval-ms']) } : {}),
      ...(args['failure-rate'] ? { failureRate: Number(args['failure-rate']) } : {}),
      ...knobs,
    },
    history: !('no-history' in args),
    log: (line) => console.log(`  ${line}`),
  };
  if (!opts.prometheusUrl && !hasPrometheus()) {
    console.error(PROMETHEUS_INSTALL_HINT);
    process.exit(1);
  }
  const root = path.resolve(__dirname, '..', '..');
  const started = Date.now();
  if ('no-build' in args) {
    for (const f of ['dist/module.js', 'dist/datasource/module.js', 'sandbox/.build/host.js']) {
      if (!fs.existsSync(path.join(root, f))) {
        console.warn(`warning: ${f} is missing — run \`npm run build && npm run build:sandbox\``);
      }
    }
  } else {
    await buildIfStale(root);
  }
  if (running.stopping) {
    return;
  }
  const probes: BackendProbe[] = [
    { name: 'Prometheus', url: opts.prometheusUrl ?? '', path: '/-/ready' },
    { name: 'Loki', url: opts.lokiUrl ?? '', path: '/ready' },
    { name: 'Jaeger', url: opts.jaegerUrl ?? '', path: '/api/services' },
    { name: 'Tempo', url: opts.tempoUrl ?? '', path: '/ready' },
  ].filter((p) => p.url !== '');
  for (const warning of await unreachableBackends(probes)) {
    console.warn(`warning: ${warning}`);
  }
  console.log('Starting the Cascade sandbox…');
  const stack = await startStack(opts);
  running.stack = stack;
  if (running.stopping) {
    await stack.stop();
    process.exit(0);
  }
  const shown = stack.url.replace('127.0.0.1', 'localhost');
  console.log(
    `\nCascade is running at ${shown}  (ready in ${((Date.now() - started) / 1000).toFixed(1)} s; Ctrl-C stops everything)`
  );
}

main().catch((e: Error & { code?: string }) => {
  if (running.stopping) {
    // The signal stopped the build or the start: nothing else to report.
    process.exit(0);
  } else if (e.code === 'NO_PROMETHEUS') {
    console.error(PROMETHEUS_INSTALL_HINT);
  } else if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    console.error(`Port in use: ${e.message}. Choose another with --port or PORT.`);
  } else {
    console.error(e.stack ?? e.message);
  }
  process.exit(1);
});
